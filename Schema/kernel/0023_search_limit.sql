-- How much of an item's long texts a search reads, declared once for the database: the first
-- 20,000 characters of the summary and the first 200,000 of the body. The Kernel declares the
-- same lengths for the stores it runs without a database (`SearchableText`), and a test checks
-- that the two agree. The search vector cut the body at 200,000 characters and the snippets at
-- 50,000: both now read this function, so a word found is a word a snippet can show.
create function micic_searchable_length(field text) returns integer
language sql immutable parallel safe
as $$
    select case field when 'summary' then 20000 when 'body' then 200000 end
$$;

-- The same vector as before (the lengths are unchanged), now reading them from one place:
-- no stored vector changes.
create or replace function micic_search_vector(language text, title text, fields jsonb) returns tsvector
language sql immutable parallel safe
as $$
    select setweight(to_tsvector(config, title), 'A')
        || setweight(to_tsvector(config, coalesce(left(fields ->> 'summary', micic_searchable_length('summary')), '')), 'B')
        || setweight(to_tsvector(config, coalesce(left(fields ->> 'body', micic_searchable_length('body')), '')), 'C')
        || setweight(jsonb_to_tsvector(config, fields - '{summary,body}'::text[], '["string"]'), 'D')
    from (select micic_search_config(language) as config) as chosen
$$;

grant execute on function micic_searchable_length(text) to micic_people, micic_public;
