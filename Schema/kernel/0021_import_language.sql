-- The language an import gives the rows that name none (`import --language`), kept with the
-- job so that a resumed import reads them as its first run did; null: the tenant's default.
alter table import_jobs add column language text;
