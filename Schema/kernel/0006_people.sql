-- People, their memberships in tenants, and row-level security.
--
-- Each person is a PostgreSQL login role in the group micic_people; platform administrators
-- are also in micic_admins. Every policy is keyed on session_user (the authenticated role,
-- which SET ROLE cannot change) through the security-definer functions below, whose
-- results are computed once per statement (they are called in scalar subqueries).

do $$
begin
    begin
        create role micic_people nologin;
    exception when duplicate_object or unique_violation then null;
    end;
    begin
        create role micic_admins nologin;
    exception when duplicate_object or unique_violation then null;
    end;
    grant micic_people to micic_admins;
end
$$;

create table principals (
    name text primary key check (name ~ '^[a-z_][a-z0-9._@-]{0,62}$'),
    display_name text not null default '',
    created_at timestamptz not null default now(),
    disabled_at timestamptz
);

create table memberships (
    tenant_id bigint not null references tenants (id),
    principal text not null references principals (name) on delete cascade,
    role text not null check (role in ('admin', 'editor', 'translator', 'reviewer', 'viewer')),
    languages text[] not null default '{}',
    primary key (tenant_id, principal)
);

create index memberships_principal_idx on memberships (principal);

-- Whether the authenticated person is a platform administrator.
create function micic_is_platform_admin() returns boolean
language sql stable security definer set search_path = pg_catalog, public
as $$
    select pg_has_role(session_user, 'micic_admins', 'member')
        and not exists (select 1 from principals where name = session_user and disabled_at is not null)
$$;

-- The tenants the authenticated person holds one of `roles` in (any role when null);
-- platform administrators hold every role everywhere. Archived tenants count for reading only.
create function micic_tenants(roles text[] default null) returns bigint[]
language sql stable security definer set search_path = pg_catalog, public
as $$
    select case
        when micic_is_platform_admin() then
            (select coalesce(array_agg(t.id), '{}') from tenants t where roles is null or t.archived_at is null)
        else
            (select coalesce(array_agg(m.tenant_id), '{}')
             from memberships m
             join principals p on p.name = m.principal and p.disabled_at is null
             join tenants t on t.id = m.tenant_id
             where m.principal = session_user
               and (roles is null or (m.role = any (roles) and t.archived_at is null)))
    end
$$;

-- The authenticated person's role in a tenant ('admin' for platform administrators), or null.
create function micic_role_in(tenant bigint) returns text
language sql stable security definer set search_path = pg_catalog, public
as $$
    select case
        when micic_is_platform_admin() then 'admin'
        else (select m.role from memberships m join principals p on p.name = m.principal and p.disabled_at is null
              where m.tenant_id = tenant and m.principal = session_user)
    end
$$;

-- The languages the authenticated person translates or reviews in a tenant.
create function micic_languages_in(tenant bigint) returns text[]
language sql stable security definer set search_path = pg_catalog, public
as $$
    select coalesce((select m.languages from memberships m where m.tenant_id = tenant and m.principal = session_user), '{}')
$$;

alter table tenants enable row level security;
create policy tenants_read on tenants for select using (id = any ((select micic_tenants())::bigint[]));
create policy tenants_admin on tenants for all using ((select micic_is_platform_admin()))
    with check ((select micic_is_platform_admin()));

alter table principals enable row level security;
create policy principals_read on principals for select using (true);
create policy principals_admin on principals for all using ((select micic_is_platform_admin()))
    with check ((select micic_is_platform_admin()));

alter table memberships enable row level security;
create policy memberships_read on memberships for select using (tenant_id = any ((select micic_tenants())::bigint[]));
create policy memberships_admin on memberships for all
    using (tenant_id = any ((select micic_tenants('{admin}'))::bigint[]))
    with check (tenant_id = any ((select micic_tenants('{admin}'))::bigint[]));

alter table items enable row level security;
create policy items_read on items for select using (tenant_id = any ((select micic_tenants())::bigint[]));
create policy items_insert on items for insert
    with check (tenant_id = any ((select micic_tenants('{admin,editor,translator}'))::bigint[]));
create policy items_update on items for update
    using (tenant_id = any ((select micic_tenants('{admin,editor,translator,reviewer}'))::bigint[]))
    with check (tenant_id = any ((select micic_tenants('{admin,editor,translator,reviewer}'))::bigint[]));
create policy items_delete on items for delete using (tenant_id = any ((select micic_tenants('{admin}'))::bigint[]));

alter table item_revisions enable row level security;
create policy item_revisions_read on item_revisions for select using (tenant_id = any ((select micic_tenants())::bigint[]));
create policy item_revisions_insert on item_revisions for insert
    with check (tenant_id = any ((select micic_tenants('{admin,editor,translator,reviewer}'))::bigint[]));

alter table audit_log enable row level security;
create policy audit_log_read on audit_log for select using (tenant_id = any ((select micic_tenants())::bigint[]));
create policy audit_log_insert on audit_log for insert
    with check (tenant_id = any ((select micic_tenants('{admin,editor,translator,reviewer}'))::bigint[]) and actor = session_user);

alter table workflow_events enable row level security;
create policy workflow_events_read on workflow_events for select using (tenant_id = any ((select micic_tenants())::bigint[]));
create policy workflow_events_insert on workflow_events for insert
    with check (tenant_id = any ((select micic_tenants('{admin,editor,translator,reviewer}'))::bigint[]) and actor = session_user);

-- What each role may change in an item, beyond which tenants it may touch: reviewers
-- only move items through the workflow; translators only write translations in their
-- languages; editors and admins write content; only admins delete (purge).
create function micic_guard_items() returns trigger
language plpgsql security definer set search_path = pg_catalog, public
as $$
declare
    member_role text;
    tenant bigint := case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end;
begin
    -- The schema owner (migrations, maintenance) and superusers are not people.
    if session_user = (select pg_get_userbyid(relowner) from pg_class where oid = tg_relid)
       or (select rolsuper from pg_roles where rolname = session_user) then
        return coalesce(new, old);
    end if;
    member_role := micic_role_in(tenant);
    if member_role is null or member_role = 'viewer' then
        raise exception 'viewers cannot change content' using errcode = '42501';
    end if;
    if member_role = 'reviewer' and (tg_op <> 'UPDATE' or new.title is distinct from old.title
        or new.fields is distinct from old.fields or new.slug is distinct from old.slug
        or new.language is distinct from old.language or new.deleted_at is distinct from old.deleted_at) then
        raise exception 'reviewers may only move content through the workflow' using errcode = '42501';
    end if;
    if member_role = 'translator' and (tg_op = 'DELETE' or new.translation_of is null
        or not (new.language = any (micic_languages_in(tenant)))) then
        raise exception 'translators may only write translations in their languages' using errcode = '42501';
    end if;
    return coalesce(new, old);
end
$$;

create trigger items_guard before insert or update or delete on items
    for each row execute function micic_guard_items();

grant usage on schema public to micic_people;
grant select on tenants, principals, memberships, micic_migrations to micic_people;
grant select, insert, update, delete on items to micic_people;
grant select, insert on item_revisions, workflow_events, audit_log to micic_people;
grant insert, update, delete on memberships to micic_people;
grant insert, update on tenants, principals to micic_admins;
grant execute on function micic_is_platform_admin(), micic_tenants(text[]), micic_role_in(bigint),
    micic_languages_in(bigint) to micic_people;

-- People management, for platform administrators (and tenant admins for memberships).
-- Role names and passwords reach CREATE ROLE through format(%I, %L), never by concatenation.

create function micic_create_person(person text, password text, display text default '') returns void
language plpgsql security definer set search_path = pg_catalog, public
as $$
begin
    if not micic_is_platform_admin() then
        raise exception 'only platform administrators create people' using errcode = '42501';
    end if;
    if person !~ '^[a-z_][a-z0-9._@-]{0,62}$' then
        raise exception 'a person''s name is lowercase letters, digits and . _ @ -, starting with a letter'
            using errcode = '22023';
    end if;
    if exists (select 1 from pg_roles where rolname = person) then
        raise exception 'the name % is already taken', person using errcode = '42710';
    end if;
    execute format('create role %I login password %L in role micic_people', person, password);
    insert into principals (name, display_name) values (person, display);
end
$$;

-- The id of the tenant with `tenant_code`, when the authenticated person administers it.
create function micic_administered_tenant(tenant_code text) returns bigint
language plpgsql stable security definer set search_path = pg_catalog, public
as $$
declare
    tenant bigint;
begin
    select id into tenant from tenants where code = tenant_code;
    if tenant is null or coalesce(micic_role_in(tenant), '') <> 'admin' then
        raise exception 'only admins of tenant % manage its members', tenant_code using errcode = '42501';
    end if;
    return tenant;
end
$$;

-- Refuses anyone but a platform administrator, and a person who does not exist.
create function micic_check_platform_admin(person text, action text) returns void
language plpgsql stable security definer set search_path = pg_catalog, public
as $$
begin
    if not micic_is_platform_admin() then
        raise exception 'only platform administrators %', action using errcode = '42501';
    end if;
    if not exists (select 1 from principals where name = person) then
        raise exception 'there is no person %', person using errcode = '42704';
    end if;
end
$$;

create function micic_set_membership(tenant_code text, person text, member_role text, member_languages text[])
returns void
language plpgsql security definer set search_path = pg_catalog, public
as $$
begin
    insert into memberships (tenant_id, principal, role, languages)
    values (micic_administered_tenant(tenant_code), person, member_role, coalesce(member_languages, '{}'))
    on conflict (tenant_id, principal) do update set role = excluded.role, languages = excluded.languages;
end
$$;

create function micic_remove_membership(tenant_code text, person text) returns void
language plpgsql security definer set search_path = pg_catalog, public
as $$
declare
    tenant bigint := micic_administered_tenant(tenant_code);
begin
    delete from memberships where tenant_id = tenant and principal = person;
end
$$;

create function micic_disable_person(person text) returns void
language plpgsql security definer set search_path = pg_catalog, public
as $$
begin
    perform micic_check_platform_admin(person, 'disable people');
    execute format('alter role %I nologin', person);
    update principals set disabled_at = now() where name = person;
end
$$;

create function micic_make_platform_admin(person text) returns void
language plpgsql security definer set search_path = pg_catalog, public
as $$
begin
    perform micic_check_platform_admin(person, 'appoint others');
    execute format('grant micic_admins to %I', person);
end
$$;

revoke execute on function micic_create_person(text, text, text), micic_set_membership(text, text, text, text[]),
    micic_remove_membership(text, text), micic_disable_person(text), micic_make_platform_admin(text) from public;
grant execute on function micic_create_person(text, text, text), micic_set_membership(text, text, text, text[]),
    micic_remove_membership(text, text), micic_disable_person(text), micic_make_platform_admin(text) to micic_people;
