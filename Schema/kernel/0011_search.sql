-- Full-text search: every item keeps a search vector built with the text-search
-- configuration of its language, weighted title (A) above summary (B) above body (C) above
-- every other text of its fields (D: names, places, tags, vocabulary codes). A stored
-- generated column keeps it up to date in the same statement as the item (it is computed
-- again only when the language, title or fields change), and a GIN index serves every
-- search. Private fields live in their own table, so the vector never holds them; it is
-- read under the items' own row-level security.

-- The text-search configuration for a BCP-47 language tag: PostgreSQL's stemmer for the
-- language when it has one, `simple` (no stemming, no stop words) otherwise.
create function micic_search_config(language text) returns regconfig
language sql immutable parallel safe
as $$
    select case split_part(lower(language), '-', 1)
        when 'ar' then 'pg_catalog.arabic'::regconfig
        when 'hy' then 'pg_catalog.armenian'::regconfig
        when 'eu' then 'pg_catalog.basque'::regconfig
        when 'ca' then 'pg_catalog.catalan'::regconfig
        when 'da' then 'pg_catalog.danish'::regconfig
        when 'nl' then 'pg_catalog.dutch'::regconfig
        when 'en' then 'pg_catalog.english'::regconfig
        when 'fi' then 'pg_catalog.finnish'::regconfig
        when 'fr' then 'pg_catalog.french'::regconfig
        when 'de' then 'pg_catalog.german'::regconfig
        when 'el' then 'pg_catalog.greek'::regconfig
        when 'hi' then 'pg_catalog.hindi'::regconfig
        when 'hu' then 'pg_catalog.hungarian'::regconfig
        when 'id' then 'pg_catalog.indonesian'::regconfig
        when 'ga' then 'pg_catalog.irish'::regconfig
        when 'it' then 'pg_catalog.italian'::regconfig
        when 'lt' then 'pg_catalog.lithuanian'::regconfig
        when 'ne' then 'pg_catalog.nepali'::regconfig
        when 'no' then 'pg_catalog.norwegian'::regconfig
        when 'nb' then 'pg_catalog.norwegian'::regconfig
        when 'nn' then 'pg_catalog.norwegian'::regconfig
        when 'pt' then 'pg_catalog.portuguese'::regconfig
        when 'ro' then 'pg_catalog.romanian'::regconfig
        when 'ru' then 'pg_catalog.russian'::regconfig
        when 'sr' then 'pg_catalog.serbian'::regconfig
        when 'es' then 'pg_catalog.spanish'::regconfig
        when 'sv' then 'pg_catalog.swedish'::regconfig
        when 'ta' then 'pg_catalog.tamil'::regconfig
        when 'tr' then 'pg_catalog.turkish'::regconfig
        when 'yi' then 'pg_catalog.yiddish'::regconfig
        else 'pg_catalog.simple'::regconfig
    end
$$;

-- An item's weighted search vector. Very long texts are cut (a tsvector holds at most 1 MB
-- of lexemes): a summary after 20,000 characters, a body after 200,000.
create function micic_search_vector(language text, title text, fields jsonb) returns tsvector
language sql immutable parallel safe
as $$
    select setweight(to_tsvector(config, title), 'A')
        || setweight(to_tsvector(config, coalesce(left(fields ->> 'summary', 20000), '')), 'B')
        || setweight(to_tsvector(config, coalesce(left(fields ->> 'body', 200000), '')), 'C')
        || setweight(jsonb_to_tsvector(config, fields - '{summary,body}'::text[], '["string"]'), 'D')
    from (select micic_search_config(language) as config) as chosen
$$;

-- Every candidate row of a search has its vector read (to check phrases and to rank). Rows
-- are kept whole in their page up to its size rather than split at 2 kB into the TOAST
-- table: an item with its vector is typically 3 to 4 kB, and reading it then costs one page
-- instead of four. (Set before the column is added, whose rewrite applies it to every row.)
alter table items set (toast_tuple_target = 8160);
alter table items add column search tsvector generated always as (micic_search_vector(language, title, fields)) stored;
create index items_search_idx on items using gin (search);
