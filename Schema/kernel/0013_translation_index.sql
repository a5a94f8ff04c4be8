-- Removing an item (a purge, or many of them) checks that no translation points at it through
-- translation_of; without an index that check read every item of the tenant for each item
-- removed. Only translations have the column set, so the index holds only them.
create index items_translation_of_idx on items (tenant_id, translation_of) where translation_of is not null;
