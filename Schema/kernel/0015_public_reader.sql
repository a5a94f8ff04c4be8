-- The public reader: what the delivery API (`micic serve`) reads, and nothing else.
--
-- micic_public is a group role without login. The API connects as a login role that is a
-- member of it (micic_web on the local database) and of nothing else. Row-level security,
-- not the API's queries, decides what members see: published items within their schedule
-- that are not in the trash, of tenants that are not archived. They are granted no other
-- table (private fields, revisions, audit, workflow events, jobs, people, memberships),
-- and of items and tenants only the columns the API reads (not the author).
--
-- Policies are OR-ed per command. The people's policies grant a public reader nothing
-- (it holds no membership), and the public ones below are keyed on the authenticated role
-- (session_user, which SET ROLE cannot change) being a member of micic_public, computed
-- once per statement like the people's, so they grant people nothing either.

do $$
begin
    begin
        create role micic_public nologin;
    exception when duplicate_object or unique_violation then null;
    end;
end
$$;

-- Whether the authenticated role reads as the public.
create function micic_is_public_reader() returns boolean
language plpgsql stable security definer set search_path = pg_catalog, public
as $$
begin
    return pg_has_role(session_user, 'micic_public', 'member');
end
$$;

-- The tenants whose content is public: every tenant that is not archived.
create function micic_public_tenants() returns bigint[]
language plpgsql stable security definer set search_path = pg_catalog, public
as $$
declare
    result bigint[];
begin
    select coalesce(array_agg(id), '{}') into result from tenants where archived_at is null;
    return result;
end
$$;

create policy tenants_public on tenants for select to micic_public
    using ((select micic_is_public_reader()) and archived_at is null);

create policy items_public on items for select to micic_public
    using ((select micic_is_public_reader()) and deleted_at is null
        and micic_is_public(status, publish_at, unpublish_at)
        and tenant_id = any ((select micic_public_tenants())::bigint[]));

-- When the public view of a tenant's content next changes by itself: the earliest
-- scheduled start or end of public view of a published item that lies ahead, or null.
-- Caches keep a tenant's pages until then at most. It tells a time, nothing about the item.
create function micic_public_next_change(tenant bigint) returns timestamptz
language plpgsql stable security definer set search_path = pg_catalog, public
as $$
declare
    result timestamptz;
begin
    select least(
        (select min(publish_at) from items
         where tenant_id = tenant and publish_at > now() and status = 'published' and deleted_at is null),
        (select min(unpublish_at) from items
         where tenant_id = tenant and unpublish_at > now() and status = 'published' and deleted_at is null))
    into result;
    return result;
end
$$;

-- Scheduled items are few: these indexes hold only them. (Reading an item in the best
-- language a reader accepts finds its translations by items_translation_of_idx, which
-- 0013_translation_index makes.)
create index items_publish_at_idx on items (tenant_id, publish_at) where publish_at is not null;
create index items_unpublish_at_idx on items (tenant_id, unpublish_at) where unpublish_at is not null;

-- Every statement that changes items or tenants tells the listeners of micic_public_changes
-- (the delivery API's caches) once its transaction commits: one notification per
-- transaction, whatever it changed, nothing about what.
create function micic_notify_public_change() returns trigger
language plpgsql
as $$
begin
    perform pg_notify('micic_public_changes', '');
    return null;
end
$$;

create trigger items_public_change after insert or update or delete or truncate on items
    for each statement execute function micic_notify_public_change();
create trigger tenants_public_change after insert or update or delete or truncate on tenants
    for each statement execute function micic_notify_public_change();

grant usage on schema public to micic_public;
grant select (id, code, name, default_language, languages, archived_at) on tenants to micic_public;
grant select (tenant_id, id, type, language, translation_of, slug, title, status, version, fields, created_at,
    updated_at, deleted_at, publish_at, unpublish_at, facets, search) on items to micic_public;
revoke execute on function micic_public_next_change(bigint) from public;
grant execute on function micic_public_next_change(bigint) to micic_public, micic_people;
