-- Facets: every short value of an item's fields as "field=value" (list elements one by
-- one), kept in a generated array column. Array containment has real statistics (the most
-- common elements), so the planner estimates facet filters well, which it cannot do for
-- jsonb containment; the GIN index over it serves every facet filter of every plugin.
create function micic_facets(fields jsonb) returns text[]
language sql immutable parallel safe
as $$
    select coalesce(array_agg(entry.key || '=' || entry.value), '{}')
    from (
        select field.key, element.value
        from jsonb_each(fields) as field, jsonb_array_elements_text(field.value) as element
        where jsonb_typeof(field.value) = 'array'
        union all
        select field.key, field.value #>> '{}'
        from jsonb_each(fields) as field
        where jsonb_typeof(field.value) in ('string', 'number', 'boolean')
    ) as entry
    where length(entry.value) <= 200
$$;

alter table items add column facets text[] generated always as (micic_facets(fields)) stored;
create index items_facets_idx on items using gin (facets);
drop index items_fields_idx;
