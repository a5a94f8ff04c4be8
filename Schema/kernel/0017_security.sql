-- The database's promises, made to hold against anyone with a direct SQL connection
-- (SECURITY.md lists them with their tests):
-- - definer functions search pg_temp last, so a temporary table, view or type cannot stand
--   in for the tables they read; EXECUTE is granted only to the roles that need it;
-- - the guards judge the old row and the new one, column by column, per role;
-- - revisions, audit entries and workflow events are written by the database itself, from
--   what changed, with session_user as the actor: no person writes those tables;
-- - people functions act only on platform people, and principals is written only by them;
-- - people have limits (connections, temporary files; timeouts by default) and create no
--   large objects; they see the people of their own tenants only;
-- - every tenant-owned table forces row-level security, its owner included.

-- Whether `person` is a platform person: a login role that belongs to micic_people (and at
-- most micic_admins besides), holds no role attribute, has no members, is not the owner of
-- the schema's tables, and has a row in principals. People functions act on nobody else.
create function micic_is_person(person text) returns boolean
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    return exists (
        select 1 from pg_catalog.pg_roles r
        where r.rolname = person
          and not (r.rolsuper or r.rolcreaterole or r.rolcreatedb or r.rolreplication or r.rolbypassrls)
          and r.oid <> (select c.relowner from pg_catalog.pg_class c where c.oid = 'public.items'::regclass)
          and exists (select 1 from pg_catalog.pg_auth_members m
                      where m.member = r.oid and m.roleid = 'micic_people'::regrole)
          and not exists (select 1 from pg_catalog.pg_auth_members m
                          where m.member = r.oid and m.roleid not in ('micic_people'::regrole, 'micic_admins'::regrole))
          and not exists (select 1 from pg_catalog.pg_auth_members m where m.roleid = r.oid))
        and exists (select 1 from public.principals p where p.name = person);
end
$$;

-- Refuses `person` unless it is a platform person.
create function micic_require_person(person text) returns void
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    if not public.micic_is_person(person) then
        raise exception 'there is no person %', person using errcode = '42704';
    end if;
end
$$;

-- The limits every person works under, set on their login role (role settings are not
-- inherited from micic_people): at most 32 connections; temporary files of at most 1 GB per
-- session (a superuser setting: where the owner may not set it, the server's own limit
-- holds); and, as defaults that a session may change for itself, timeouts for statements,
-- locks and transactions left idle.
create function micic_limit_person(person text) returns void
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    execute format('alter role %I connection limit 32', person);
    execute format('alter role %I set statement_timeout = %L', person, '5min');
    execute format('alter role %I set idle_in_transaction_session_timeout = %L', person, '15min');
    execute format('alter role %I set lock_timeout = %L', person, '1min');
    begin
        execute format('alter role %I set temp_file_limit = %L', person, '1GB');
    exception when insufficient_privilege then
        raise notice 'temp_file_limit is left to the server for %: the owner may not set it', person;
    end;
end
$$;

-- Passwords arrive encrypted by the client (libpq's PQencryptPasswordConn, SCRAM-SHA-256):
-- the plain text never reaches the server or its logs.
create or replace function micic_create_person(person text, password text, display text default '') returns void
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    if not public.micic_is_platform_admin() then
        raise exception 'only platform administrators create people' using errcode = '42501';
    end if;
    if person !~ '^[a-z_][a-z0-9._@-]{0,62}$' or person ~ '^pg_' or person ~ '^micic_(people|admins|public)$' then
        raise exception 'a person''s name is lowercase letters, digits and . _ @ -, starting with a letter'
            using errcode = '22023';
    end if;
    if password !~ '^SCRAM-SHA-256\$' then
        raise exception 'a password reaches the server encrypted (SCRAM-SHA-256), never as plain text'
            using errcode = '22023';
    end if;
    if exists (select 1 from pg_catalog.pg_roles where rolname = person) then
        raise exception 'the name % is already taken', person using errcode = '42710';
    end if;
    execute format('create role %I login password %L in role micic_people', person, password);
    perform public.micic_limit_person(person);
    insert into public.principals (name, display_name) values (person, display);
end
$$;

create or replace function micic_set_membership(tenant_code text, person text, member_role text,
    member_languages text[])
returns void
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    tenant bigint := public.micic_administered_tenant(tenant_code);
begin
    perform public.micic_require_person(person);
    insert into public.memberships (tenant_id, principal, role, languages)
    values (tenant, person, member_role, coalesce(member_languages, '{}'))
    on conflict (tenant_id, principal) do update set role = excluded.role, languages = excluded.languages;
end
$$;

create or replace function micic_check_platform_admin(person text, action text) returns void
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    if not public.micic_is_platform_admin() then
        raise exception 'only platform administrators %', action using errcode = '42501';
    end if;
    perform public.micic_require_person(person);
end
$$;

create or replace function micic_remove_membership(tenant_code text, person text) returns void
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    tenant bigint := public.micic_administered_tenant(tenant_code);
begin
    perform public.micic_require_person(person);
    delete from public.memberships where tenant_id = tenant and principal = person;
end
$$;

-- principals is written by the people functions only (they run as the owner).
drop policy principals_admin on principals;
revoke insert, update, delete on principals from micic_admins, micic_people;

-- The people the authenticated person may see: themselves and the people of their tenants
-- (every person for platform administrators).
create function micic_visible_people() returns text[]
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    result text[];
begin
    if public.micic_is_platform_admin() then
        select coalesce(array_agg(name), '{}') into result from public.principals;
    else
        select array_agg(distinct m.principal) || array[session_user::text] into result
        from public.memberships m where m.tenant_id = any (public.micic_tenants());
    end if;
    return coalesce(result, array[session_user::text]);
end
$$;

drop policy principals_read on principals;
create policy principals_read on principals for select using (name = any ((select micic_visible_people())::text[]));

-- The delivery API's helpers answer only those they are for.
create or replace function micic_public_next_change(tenant bigint) returns timestamptz
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    result timestamptz;
begin
    if not (public.micic_is_public_reader() or tenant = any (public.micic_tenants())) then
        raise exception 'tenant % is not yours to ask about', tenant using errcode = '42501';
    end if;
    select least(
        (select min(publish_at) from public.items
         where tenant_id = tenant and publish_at > now() and status = 'published' and deleted_at is null),
        (select min(unpublish_at) from public.items
         where tenant_id = tenant and unpublish_at > now() and status = 'published' and deleted_at is null))
    into result;
    return result;
end
$$;

-- The comment the client gives a transition (setting micic.comment, set in the statement
-- that moves the item or job), or null.
create function micic_comment() returns text
language sql stable
as $$
    select nullif(current_setting('micic.comment', true), '')
$$;

-- Refuses moving something of `workflow` from `from_state` to `to_state` without a comment
-- when the transition asks for one (request-changes).
create function micic_require_comment(workflow text, from_state text, to_state text) returns void
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    if public.micic_comment() is null and exists (
        select 1 from public.workflow_transitions t
        where t.workflow = micic_require_comment.workflow and from_state = any (t.from_states)
          and t.to_state = micic_require_comment.to_state and t.requires_comment) then
        raise exception 'moving from % to % needs a comment (setting micic.comment)', from_state, to_state
            using errcode = '23514';
    end if;
end
$$;

-- Who may do what to an item, judged on the old row and the new one; and the columns only
-- the database writes (the version, which counts content changes, and the times).
--   viewers and non-members change nothing;
--   nobody moves an item to another tenant, or changes its id, type or creation time;
--   reviewers change only the status, through their transitions;
--   translators write only the title and translatable fields (the job's) of a
--     translation in one of their languages, while its job is theirs and still editable;
--   only admins purge; new items start as drafts (admins excepted);
--   a change of status is a transition of the editorial workflow the role may take, except
--     that a translation is published only through its approved job, when its original is
--     published, by the roles the tenant's translations_publish names.
-- The schema's owner and superusers (migrations, maintenance) are not people: they get the
-- version and nothing else.
create or replace function micic_guard_items() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    member_role text;
    job record;
    translatable text[];
    content_changed boolean;
begin
    if tg_op = 'INSERT' then
        new.version := 1;
    elsif tg_op = 'UPDATE' then
        content_changed := (new.title, new.slug, new.status, new.fields, new.author, new.publish_at, new.unpublish_at)
            is distinct from (old.title, old.slug, old.status, old.fields, old.author, old.publish_at, old.unpublish_at);
        new.version := case when content_changed then old.version + 1 else old.version end;
    end if;
    if public.micic_is_maintainer(tg_relid) then
        return coalesce(new, old);
    end if;
    member_role := public.micic_role_in(case when tg_op = 'INSERT' then new.tenant_id else old.tenant_id end);
    if member_role is null or member_role = 'viewer' then
        raise exception 'as % you may not change content', coalesce(member_role, 'a non-member') using errcode = '42501';
    end if;
    if tg_op = 'DELETE' then
        if member_role <> 'admin' then
            raise exception 'only admins purge content' using errcode = '42501';
        end if;
        return old;
    end if;
    if tg_op = 'INSERT' then
        if member_role not in ('admin', 'editor') then
            raise exception 'as % you may not create content', member_role using errcode = '42501';
        end if;
        if member_role <> 'admin' and (new.status <> 'draft' or new.deleted_at is not null) then
            raise exception 'new content starts as a draft' using errcode = '42501';
        end if;
        new.created_at := now();
        new.updated_at := now();
        return new;
    end if;
    if (new.tenant_id, new.id, new.type, new.created_at) is distinct from (old.tenant_id, old.id, old.type, old.created_at) then
        raise exception 'an item keeps its tenant, id, type and creation time' using errcode = '42501';
    end if;
    new.updated_at := case when content_changed then now() else old.updated_at end;
    if member_role = 'reviewer' then
        if (new.title, new.slug, new.fields, new.language, new.translation_of, new.deleted_at, new.publish_at,
            new.unpublish_at)
           is distinct from (old.title, old.slug, old.fields, old.language, old.translation_of, old.deleted_at,
            old.publish_at, old.unpublish_at)
           or (new.author <> old.author and new.author <> session_user) then
            raise exception 'reviewers may only move content through the workflow' using errcode = '42501';
        end if;
    elsif member_role = 'translator' then
        if old.translation_of is null or (new.translation_of, new.language) is distinct from (old.translation_of, old.language)
           or not (old.language = any (public.micic_languages_in(old.tenant_id))) then
            raise exception 'translators may only write translations in their languages' using errcode = '42501';
        end if;
        select j.status, j.translator, j.source_hashes into job
        from public.translation_jobs j where j.tenant_id = old.tenant_id and j.target_id = old.id;
        if not found or (job.translator is not null and job.translator <> session_user)
           or job.status not in ('requested', 'in_progress', 'changes_requested', 'outdated') then
            raise exception 'item % is not yours to translate now', old.id using errcode = '42501';
        end if;
        translatable := array(select jsonb_object_keys(job.source_hashes));
        if (new.fields - translatable) is distinct from (old.fields - translatable)
           or (new.status, new.deleted_at, new.publish_at, new.unpublish_at)
              is distinct from (old.status, old.deleted_at, old.publish_at, old.unpublish_at)
           or new.slug <> old.slug or (new.author <> old.author and new.author <> session_user)
           or (new.title <> old.title and not 'title' = any (translatable)) then
            raise exception 'translators write only the translatable fields of a translation' using errcode = '42501';
        end if;
    end if;
    if (new.publish_at, new.unpublish_at) is distinct from (old.publish_at, old.unpublish_at)
       and member_role not in ('editor', 'admin') then
        raise exception 'only editors and admins schedule publishing' using errcode = '42501';
    end if;
    if new.status is distinct from old.status then
        perform public.micic_require_comment('editorial', old.status, new.status);
        if new.translation_of is not null and new.status = 'published' then
            perform public.micic_check_translation_publish(new.tenant_id, new.id, new.translation_of, member_role);
        elsif member_role <> 'admin' and not public.micic_transition_allowed('editorial', old.status, new.status, member_role)
        then
            raise exception 'as % you may not move content from % to %', member_role, old.status, new.status
                using errcode = '42501';
        end if;
    end if;
    return new;
end
$$;

-- Refuses publishing translation `item` of `original` unless its job is approved (or
-- published), the original is published, and `member_role` may publish translations in
-- the tenant: anyone who approves them when it publishes on approval, editors otherwise.
create function micic_check_translation_publish(tenant bigint, item bigint, original bigint, member_role text)
returns void
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    mode text;
begin
    if not exists (select 1 from public.translation_jobs j
                   where j.tenant_id = tenant and j.target_id = item and j.status in ('approved', 'published')) then
        raise exception 'a translation is published through its approved translation job' using errcode = '42501';
    end if;
    if not exists (select 1 from public.items s
                   where s.tenant_id = tenant and s.id = original and s.status = 'published' and s.deleted_at is null) then
        raise exception 'a translation is published only when its original is' using errcode = '42501';
    end if;
    select translations_publish into mode from public.tenants where id = tenant;
    if not (member_role in ('admin', 'editor') or (mode = 'on-approval' and member_role = 'reviewer')) then
        raise exception 'in this tenant editors publish translations (translations-publish %)', mode
            using errcode = '42501';
    end if;
end
$$;

drop trigger items_workflow_guard on items;
drop function micic_guard_item_workflow();

-- Nobody moves a row of a tenant's to another tenant (the maintainers excepted).
create function micic_keep_tenant() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    if new.tenant_id is distinct from old.tenant_id and not public.micic_is_maintainer(tg_relid) then
        raise exception 'rows stay in their tenant' using errcode = '42501';
    end if;
    return new;
end
$$;

create trigger memberships_keep_tenant before update of tenant_id on memberships
    for each row execute function micic_keep_tenant();
create trigger item_private_fields_keep_tenant before update of tenant_id on item_private_fields
    for each row execute function micic_keep_tenant();
create trigger import_jobs_keep_tenant before update of tenant_id on import_jobs
    for each row execute function micic_keep_tenant();

-- Translation jobs, judged on the old row and the new one: editors and admins request,
-- assign and cancel; translators and reviewers act on jobs in their languages that name
-- them (or nobody), and change only the status, through their transitions. Submitting
-- brings the job's hashes up to the source as it then is, which clears outdated fields:
-- the database computes them, nobody writes them.
create or replace function micic_guard_translation_jobs() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    member_role text;
    source record;
begin
    if tg_op = 'UPDATE' and new.status = 'submitted' and old.status is distinct from 'submitted' then
        select s.title, s.fields, s.version into source from public.items s
        where s.tenant_id = new.tenant_id and s.id = new.source_id;
        new.source_hashes := public.micic_field_hashes(source.title, source.fields,
            array(select jsonb_object_keys(old.source_hashes)));
        new.source_version := source.version;
        new.outdated_fields := '{}';
    end if;
    if public.micic_is_maintainer(tg_relid) then
        return coalesce(new, old);
    end if;
    member_role := public.micic_role_in(case when tg_op = 'INSERT' then new.tenant_id else old.tenant_id end);
    if tg_op <> 'UPDATE' then
        if member_role is null or member_role not in ('admin', 'editor') then
            raise exception 'only editors and admins request or cancel translations' using errcode = '42501';
        end if;
        if tg_op = 'INSERT' then
            if new.status <> 'requested' then
                raise exception 'a translation job starts as requested' using errcode = '42501';
            end if;
            new.created_by := session_user;
            new.created_at := now();
            new.version := 1;
        end if;
        return coalesce(new, old);
    end if;
    if (new.tenant_id, new.id, new.source_id, new.target_id, new.language, new.created_by, new.created_at)
       is distinct from (old.tenant_id, old.id, old.source_id, old.target_id, old.language, old.created_by, old.created_at)
    then
        raise exception 'a translation job keeps its tenant, source, target, language and requester'
            using errcode = '42501';
    end if;
    if member_role in ('translator', 'reviewer') then
        if not (old.language = any (public.micic_languages_in(old.tenant_id)))
           or (member_role = 'translator' and old.translator is not null and old.translator <> session_user)
           or (member_role = 'reviewer' and old.reviewer is not null and old.reviewer <> session_user) then
            raise exception 'job % is not yours to work on', old.id using errcode = '42501';
        end if;
        if (new.translator, new.reviewer, new.due) is distinct from (old.translator, old.reviewer, old.due) then
            raise exception 'only editors and admins assign translation jobs' using errcode = '42501';
        end if;
        -- Submitting recomputes the hashes (above); otherwise they stay, and the outdated
        -- flags of an outdated job may grow (a forced import of a file older than the
        -- source) but never shrink.
        if not (new.status = 'submitted' and old.status <> 'submitted')
           and ((new.source_hashes, new.source_version) is distinct from (old.source_hashes, old.source_version)
                or (new.outdated_fields is distinct from old.outdated_fields
                    and not (old.status = 'outdated' and new.status = 'outdated'
                             and new.outdated_fields @> old.outdated_fields))) then
            raise exception 'translators and reviewers change a job only by moving it through its workflow'
                using errcode = '42501';
        end if;
    elsif member_role is null or member_role not in ('admin', 'editor') then
        raise exception 'as % you may not change translation jobs', coalesce(member_role, 'a non-member')
            using errcode = '42501';
    end if;
    if new.status is distinct from old.status then
        perform public.micic_require_comment('translation', old.status, new.status);
    end if;
    if new.status is distinct from old.status and member_role <> 'admin'
       and not public.micic_transition_allowed('translation', old.status, new.status, member_role) then
        raise exception 'as % you may not move a translation from % to %', member_role, old.status, new.status
            using errcode = '42501';
    end if;
    return new;
end
$$;

-- Revisions, audit entries and workflow events, written by the database for every change
-- however it is made. Statement-level triggers read the changed rows from transition
-- tables, so a bulk statement writes its revisions and entries in one statement each. The
-- actor is session_user; a revision's message, a transition's comment and the audit entry's command
-- line are what the client said (transaction-local settings micic.message, micic.comment and
-- micic.command): why, never who.
revoke insert, update, delete on item_revisions, audit_log, workflow_events from micic_people, micic_admins;
drop policy item_revisions_insert on item_revisions;
drop policy audit_log_insert on audit_log;
drop policy workflow_events_insert on workflow_events;

-- Revisions and workflow events now exist only as the database writes them, after the
-- statement that wrote their item, and they go with their item when it is purged (by the
-- recording trigger below). Checking a foreign key for each of them cost a bulk load a
-- look-up and a row lock of its item per row, at commit.
alter table item_revisions drop constraint item_revisions_tenant_id_item_id_fkey;
alter table workflow_events drop constraint workflow_events_tenant_id_item_id_fkey;

comment on column audit_log.command is
    'The command line the client said it ran (setting micic.command): given by the client, not checked.';
comment on column item_revisions.message is
    'Why, as the client said it (setting micic.message): given by the client, not checked.';

-- The audit entry's name for a change of status: the transition of `workflow` it takes.
create function micic_transition_name(workflow text, from_state text, to_state text) returns text
language sql stable
as $$
    select coalesce(
        (select t.name from public.workflow_transitions t
         where t.workflow = micic_transition_name.workflow and from_state = any (t.from_states)
           and t.to_state = micic_transition_name.to_state
         order by t.name limit 1),
        case when to_state = 'published' then 'publish' else 'move' end)
$$;

create function micic_record_items() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    message text := nullif(current_setting('micic.message', true), '');
begin
    if tg_op = 'INSERT' then
        insert into public.item_revisions (tenant_id, item_id, version, title, slug, status, fields, author, message, created_at)
        select tenant_id, id, version, title, slug, status, fields, author, message, updated_at from new_rows;
        insert into public.audit_log (tenant_id, actor, action, item_type, item_id, after)
        select tenant_id, session_user, 'create', type, id,
               jsonb_build_object('title', title, 'slug', slug, 'status', status, 'language', language, 'revision', version)
        from new_rows;
    elsif tg_op = 'UPDATE' then
        insert into public.item_revisions (tenant_id, item_id, version, title, slug, status, fields, author, message, created_at)
        select n.tenant_id, n.id, n.version, n.title, n.slug, n.status, n.fields, n.author, message, n.updated_at
        from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
        where n.version <> o.version;
        insert into public.workflow_events (tenant_id, item_id, transition, from_status, to_status, actor, comment)
        select n.tenant_id, n.id, public.micic_transition_name('editorial', o.status, n.status), o.status, n.status,
               session_user, public.micic_comment()
        from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
        where n.status <> o.status;
        insert into public.audit_log (tenant_id, actor, action, item_type, item_id, before, after)
        select n.tenant_id, session_user,
               case
                   when o.deleted_at is null and n.deleted_at is not null then 'delete'
                   when o.deleted_at is not null and n.deleted_at is null then 'restore'
                   when o.status <> n.status then public.micic_transition_name('editorial', o.status, n.status)
                   when (o.title, o.slug, o.fields, o.language, o.publish_at, o.unpublish_at)
                        is not distinct from (n.title, n.slug, n.fields, n.language, n.publish_at, n.unpublish_at)
                        then 'reassign'
                   else 'update'
               end,
               n.type, n.id, change.before,
               change.after || case when n.version <> o.version then jsonb_build_object('revision', n.version) else '{}' end
        from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
        cross join lateral (
            select coalesce(jsonb_object_agg(c.name, c.before), '{}')
                       || case when o.fields is distinct from n.fields
                               then jsonb_build_object('fields', public.micic_changed_fields(o.fields, n.fields))
                               else '{}' end as before,
                   coalesce(jsonb_object_agg(c.name, c.after), '{}')
                       || case when o.fields is distinct from n.fields
                               then jsonb_build_object('fields', public.micic_changed_fields(n.fields, o.fields))
                               else '{}' end as after
            from (values ('title', to_jsonb(o.title), to_jsonb(n.title)), ('slug', to_jsonb(o.slug), to_jsonb(n.slug)),
                         ('status', to_jsonb(o.status), to_jsonb(n.status)), ('author', to_jsonb(o.author), to_jsonb(n.author)),
                         ('language', to_jsonb(o.language), to_jsonb(n.language)),
                         ('trashed', to_jsonb(o.deleted_at is not null), to_jsonb(n.deleted_at is not null)),
                         ('publish_at', to_jsonb(o.publish_at), to_jsonb(n.publish_at)),
                         ('unpublish_at', to_jsonb(o.unpublish_at), to_jsonb(n.unpublish_at))) as c(name, before, after)
            where c.before is distinct from c.after
        ) as change
        where (n.title, n.slug, n.status, n.fields, n.author, n.language, n.deleted_at, n.publish_at, n.unpublish_at)
            is distinct from (o.title, o.slug, o.status, o.fields, o.author, o.language, o.deleted_at, o.publish_at,
            o.unpublish_at);
    else
        delete from public.item_revisions r using old_rows o where r.tenant_id = o.tenant_id and r.item_id = o.id;
        delete from public.workflow_events e using old_rows o where e.tenant_id = o.tenant_id and e.item_id = o.id;
        insert into public.audit_log (tenant_id, actor, action, item_type, item_id, before)
        select tenant_id, session_user, 'purge', type, id,
               jsonb_build_object('title', title, 'slug', slug, 'status', status, 'language', language,
                   'fields', fields, 'revision', version)
        from old_rows
        where exists (select 1 from public.tenants t where t.id = old_rows.tenant_id);
    end if;
    return null;
end
$$;


-- Private fields: that they changed, never their values. Those written with their item (in
-- the transaction that created it) are part of its creation.
create function micic_record_item_private_fields() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    execute format($sql$
        insert into public.audit_log (tenant_id, actor, action, item_type, item_id, before, after)
        select changed.tenant_id, session_user, 'update', i.type, changed.item_id,
               jsonb_build_object('fields', public.micic_changed_fields(changed.before, changed.after, '(private)')),
               jsonb_build_object('fields', public.micic_changed_fields(changed.after, changed.before, '(private)'))
        from (%s) as changed (tenant_id, item_id, before, after)
        join public.items i on i.tenant_id = changed.tenant_id and i.id = changed.item_id
        where changed.before is distinct from changed.after and i.created_at <> now()
        $sql$,
        case tg_op
            when 'INSERT' then 'select tenant_id, item_id, ''{}''::jsonb, fields from new_rows'
            when 'DELETE' then 'select tenant_id, item_id, fields, ''{}''::jsonb from old_rows'
            else 'select n.tenant_id, n.item_id, o.fields, n.fields from new_rows n
                  join old_rows o on o.tenant_id = n.tenant_id and o.item_id = n.item_id'
        end);
    return null;
end
$$;


-- Translation jobs: requests, moves through the translation workflow, assignments, cancels.
create function micic_record_translation_jobs() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    if tg_op = 'INSERT' then
        insert into public.workflow_events (tenant_id, item_id, transition, from_status, to_status, actor, comment)
        select tenant_id, target_id, 'translation-request', '', status, session_user, public.micic_comment()
        from new_rows;
        insert into public.audit_log (tenant_id, actor, action, item_type, item_id, after)
        select tenant_id, session_user, 'translation-request', 'translation_job', id,
               jsonb_build_object('source', source_id, 'language', language, 'status', status)
        from new_rows;
    elsif tg_op = 'UPDATE' then
        insert into public.workflow_events (tenant_id, item_id, transition, from_status, to_status, actor, comment)
        select n.tenant_id, n.target_id, 'translation-' || public.micic_transition_name('translation', o.status, n.status),
               o.status, n.status, session_user, public.micic_comment()
        from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
        where n.status <> o.status;
        insert into public.audit_log (tenant_id, actor, action, item_type, item_id, before, after)
        select n.tenant_id, session_user,
               case when n.status <> o.status
                    then 'translation-' || public.micic_transition_name('translation', o.status, n.status)
                    else 'translation-assign' end,
               'translation_job', n.id,
               jsonb_strip_nulls(jsonb_build_object(
                   'status', case when n.status <> o.status then o.status end,
                   'translator', case when n.translator is distinct from o.translator then coalesce(o.translator, '') end,
                   'reviewer', case when n.reviewer is distinct from o.reviewer then coalesce(o.reviewer, '') end,
                   'due', case when n.due is distinct from o.due then coalesce(o.due::text, '') end)),
               jsonb_strip_nulls(jsonb_build_object(
                   'status', case when n.status <> o.status then n.status end,
                   'translator', case when n.translator is distinct from o.translator then coalesce(n.translator, '') end,
                   'reviewer', case when n.reviewer is distinct from o.reviewer then coalesce(n.reviewer, '') end,
                   'due', case when n.due is distinct from o.due then coalesce(n.due::text, '') end,
                   'outdated_fields', case when n.outdated_fields <> o.outdated_fields then to_jsonb(n.outdated_fields) end))
        from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
        where (n.status, n.translator, n.reviewer, n.due, n.outdated_fields)
            is distinct from (o.status, o.translator, o.reviewer, o.due, o.outdated_fields);
    else
        insert into public.audit_log (tenant_id, actor, action, item_type, item_id, before)
        select tenant_id, session_user, 'translation-cancel', 'translation_job', id,
               jsonb_build_object('source', source_id, 'language', language, 'status', status)
        from old_rows
        where exists (select 1 from public.tenants t where t.id = old_rows.tenant_id);
    end if;
    return null;
end
$$;


-- Makes `fn` run once per statement that inserts, updates or deletes rows of `tbl`, reading
-- them from transition tables (new_rows, old_rows). A trigger with transition tables has one
-- event, so that is three triggers, named `name`_insert, _update and _delete.
create function micic_create_statement_triggers(tbl regclass, name text, fn regproc) returns void
language plpgsql set search_path = pg_catalog, public, pg_temp
as $$
begin
    execute format('create trigger %I after insert on %s referencing new table as new_rows '
        'for each statement execute function %s()', name || '_insert', tbl, fn);
    execute format('create trigger %I after update on %s referencing old table as old_rows new table as new_rows '
        'for each statement execute function %s()', name || '_update', tbl, fn);
    execute format('create trigger %I after delete on %s referencing old table as old_rows '
        'for each statement execute function %s()', name || '_delete', tbl, fn);
end
$$;

select micic_create_statement_triggers(t::regclass, t || '_record', ('micic_record_' || t)::regproc)
from unnest(array['items', 'item_private_fields', 'translation_jobs']) as t;

-- Memberships and tenants, row by row (they change rarely).
create function micic_record_memberships() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    insert into public.audit_log (tenant_id, actor, action, item_type, before, after)
    values (coalesce(new.tenant_id, old.tenant_id), session_user,
            case tg_op when 'INSERT' then 'member-add' when 'UPDATE' then 'member-change' else 'member-remove' end,
            'membership',
            case when tg_op <> 'INSERT' then jsonb_build_object('person', old.principal, 'role', old.role,
                'languages', to_jsonb(old.languages)) end,
            case when tg_op <> 'DELETE' then jsonb_build_object('person', new.principal, 'role', new.role,
                'languages', to_jsonb(new.languages)) end);
    return null;
end
$$;

create trigger memberships_record after insert or update or delete on memberships
    for each row execute function micic_record_memberships();

create function micic_record_tenants() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    if tg_op = 'INSERT' or (to_jsonb(new) - 'created_at') is distinct from (to_jsonb(old) - 'created_at') then
        insert into public.audit_log (tenant_id, actor, action, item_type, before, after)
        values (new.id, session_user, case tg_op when 'INSERT' then 'tenant-create' else 'tenant-configure' end, 'tenant',
                case when tg_op = 'UPDATE' then to_jsonb(old) end, to_jsonb(new));
    end if;
    return null;
end
$$;

create trigger tenants_record after insert or update on tenants
    for each row execute function micic_record_tenants();

-- Every tenant-owned table's row-level security is forced: its owner (the definer
-- functions, migrations) reads and writes it through a policy of its own, like everyone.
-- Later migrations call this for the tenant-owned tables they make.
create function micic_force_row_security(tbl regclass) returns void
language plpgsql set search_path = pg_catalog, public, pg_temp
as $$
begin
    execute format('alter table %s force row level security', tbl);
    execute format('create policy %I on %s to %I using (true) with check (true)',
        (select c.relname from pg_catalog.pg_class c where c.oid = tbl) || '_owner', tbl,
        (select pg_catalog.pg_get_userbyid(c.relowner) from pg_catalog.pg_class c where c.oid = tbl));
end
$$;

select micic_force_row_security(t::regclass)
from unnest(array['items', 'item_revisions', 'audit_log', 'workflow_events', 'memberships', 'item_private_fields',
    'translation_jobs', 'import_jobs']) as t;

-- Pin the search path of every definer function and trigger function: pg_temp last.
do $$
declare
    fn regprocedure;
begin
    for fn in
        select p.oid::regprocedure from pg_catalog.pg_proc p
        where p.pronamespace = 'public'::regnamespace
          and (p.prosecdef or p.prorettype = 'trigger'::regtype)
    loop
        execute format('alter function %s set search_path = pg_catalog, public, pg_temp', fn);
    end loop;
end
$$;

-- Functions start closed: EXECUTE is granted to the roles that need it, never to PUBLIC.
alter default privileges revoke execute on functions from public;
revoke execute on all functions in schema public from public;

-- The look-ups behind the policies answer about the person asking only; every policy on a
-- table is evaluated for whoever reads it (the public reader's answer is: nothing).
grant execute on function micic_is_platform_admin(), micic_tenants(text[]), micic_visible_people()
    to micic_people, micic_public;
grant execute on function micic_role_in(bigint), micic_languages_in(bigint),
    micic_transition_allowed(text, text, text, text), micic_is_maintainer(regclass), micic_create_person(text, text, text), micic_set_membership(text, text, text, text[]),
    micic_remove_membership(text, text), micic_disable_person(text), micic_make_platform_admin(text)
    to micic_people;
grant execute on function micic_is_public_reader(), micic_public_tenants() to micic_public;
grant execute on function micic_public_next_change(bigint) to micic_people, micic_public;
-- Pure helpers, for the generated columns, indexes and queries of everyone who reads or writes.
grant execute on function micic_facets(jsonb), micic_search_config(text), micic_search_vector(text, text, jsonb),
    micic_is_public(text, timestamptz, timestamptz), micic_field_hashes(text, jsonb, text[]),
    micic_changed_fields(jsonb, jsonb, text) to micic_people, micic_public;

-- No large objects for people: they live outside every tenant and every policy.
do $$
begin
    revoke execute on function pg_catalog.lo_creat(integer), pg_catalog.lo_create(oid),
        pg_catalog.lo_from_bytea(oid, bytea), pg_catalog.lo_import(text), pg_catalog.lo_import(text, oid)
        from public;
exception when insufficient_privilege then
    raise notice 'large-object functions stay open: only their owner (a superuser) may close them';
end
$$;

-- Existing people get their limits.
do $$
declare
    person text;
begin
    for person in select p.name from principals p join pg_catalog.pg_roles r on r.rolname = p.name loop
        perform micic_limit_person(person);
    end loop;
end
$$;
