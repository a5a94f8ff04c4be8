-- A translation gets a slug of its own, made from its translated title when that title is
-- first set (until then it carries its original's slug, as the translation request made
-- it), and keeps it afterwards. The database makes it, whoever sets the title (the shell, a
-- translation file, direct SQL), after the item guard has judged the change: translators
-- still may not choose a slug themselves.

-- The slug made from a title: the same as the Kernel's Slug.make (accents folded, letters
-- and digits in lower case, anything else one hyphen, at most 80 characters cut at a hyphen
-- past the middle, 'item' when nothing is left).
create function micic_slug_from(title text) returns text
language plpgsql immutable strict set search_path = pg_catalog, pg_temp
as $$
declare
    slug text;
    cut integer;
begin
    slug := replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
        title, 'ß', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe'), 'ø', 'o'), 'Ø', 'o'), 'ł', 'l'), 'Ł', 'l'),
        'đ', 'd'), 'Đ', 'd'), 'þ', 'th'), 'Þ', 'th');
    slug := regexp_replace(normalize(slug, NFD), '[\u0300-\u036f]', '', 'g');
    slug := translate(slug, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
    slug := trim(both '-' from regexp_replace(slug, '[^a-z0-9]+', '-', 'g'));
    if length(slug) > 80 then
        slug := left(slug, 80);
        cut := length(slug) - strpos(reverse(slug), '-') + 1;
        if strpos(slug, '-') > 0 and cut - 1 > 40 then
            slug := left(slug, cut - 1);
        end if;
        slug := rtrim(slug, '-');
    end if;
    return case when slug = '' then 'item' else slug end;
end
$$;

-- `base`, or `base-2`, `base-3`, ...: the first slug no other item of the tenant, type and
-- language holds (trashed ones included, as the unique index counts them).
create function micic_translation_slug() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    base text;
    candidate text;
    number integer := 2;
begin
    if new.slug is distinct from old.slug
       or old.slug is distinct from (select o.slug from public.items o
                                     where o.tenant_id = new.tenant_id and o.id = new.translation_of) then
        return new;
    end if;
    base := public.micic_slug_from(new.title);
    candidate := base;
    while exists (select 1 from public.items i
                  where i.tenant_id = new.tenant_id and i.type = new.type and i.language = new.language
                    and i.slug = candidate and i.id <> new.id) loop
        candidate := base || '-' || number;
        number := number + 1;
    end loop;
    new.slug := candidate;
    return new;
end
$$;

revoke execute on function micic_slug_from(text) from public;
revoke execute on function micic_translation_slug() from public;

-- Named to fire after items_guard (before-row triggers fire in name order), which judges the
-- change as the person made it.
create trigger items_translation_slug before update of title on items
    for each row when (new.translation_of is not null and old.title = '' and new.title <> '')
    execute function micic_translation_slug();
