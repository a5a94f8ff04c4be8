-- Workflows are the plugins' declarations. `micic migrate` writes each workflow of the
-- registry (its states, initial state, published states and transitions) and each content
-- type's workflow here, as definitions it applies again whenever a declaration changes
-- (`migrate --status` shows them); the guards read them, so every content type's own
-- workflow holds for anyone connected directly. Until the definitions are written, people
-- can move nothing (the tables start empty): the rules fail closed.

create table workflows (
    name text primary key,
    states text[] not null,
    initial_state text not null,
    published_states text[] not null,
    check (initial_state = any (states)),
    check (published_states <@ states)
);

-- The rows 0009 seeded come from the registry from now on.
delete from workflow_transitions;
alter table workflow_transitions add foreign key (workflow) references workflows on delete cascade;

create table content_types (
    name text primary key,
    plugin text not null,
    workflow text not null references workflows
);

grant select on workflows, content_types to micic_people;

-- The workflow items of `type` follow (null for a type no plugin registered).
create function micic_workflow_of(type text) returns text
language sql stable
as $$
    select c.workflow from public.content_types c where c.name = micic_workflow_of.type
$$;

-- Whether `status` is a published state of the workflow of `type`. `micic migrate`
-- generates its body from the definitions (a constant expression the planner inlines, so
-- policies and list queries pay no look-up per row); until then nothing is published.
create function micic_published_in(type text, status text) returns boolean
language sql stable parallel safe
as $$
    select false
$$;

-- Regenerates micic_published_in from the tables.
create function micic_compile_workflows() returns void
language plpgsql set search_path = pg_catalog, public, pg_temp
as $$
declare
    cases text;
begin
    select string_agg(format('when %L then status = any (%L::text[])', c.name, w.published_states), ' ' order by c.name)
    into cases
    from public.content_types c join public.workflows w on w.name = c.workflow;
    execute format(
        'create or replace function public.micic_published_in(type text, status text) returns boolean '
        'language sql stable parallel safe as %L',
        'select ' || coalesce('case type ' || cases || ' else false end', 'false'));
end
$$;

-- Refuses a definition that would strand content: items of a type whose workflow no
-- longer has the state they are in.
create function micic_check_states_kept() returns void
language plpgsql set search_path = pg_catalog, public, pg_temp
as $$
declare
    stranded record;
begin
    select i.type, i.status, c.workflow into stranded
    from (select distinct type, status from public.items) i
    join public.content_types c on c.name = i.type join public.workflows w on w.name = c.workflow
    where not (i.status = any (w.states))
    limit 1;
    if found then
        raise exception 'items of type % are %, which the % workflow no longer has', stranded.type,
            stranded.status, stranded.workflow
            using errcode = '23514', hint = 'move them out of that state first (or keep the state)';
    end if;
end
$$;

-- Writes one workflow from its declaration:
-- {"name", "states": [...], "initial_state", "published_states": [...],
--  "transitions": [{"name", "from": [...], "to", "roles": [...], "requires_comment"}]}.
create function micic_define_workflow(definition jsonb) returns void
language plpgsql set search_path = pg_catalog, public, pg_temp
as $$
declare
    workflow_name text := definition ->> 'name';
begin
    insert into public.workflows (name, states, initial_state, published_states)
    values (workflow_name, array(select jsonb_array_elements_text(definition -> 'states')),
            definition ->> 'initial_state', array(select jsonb_array_elements_text(definition -> 'published_states')))
    on conflict (name) do update
        set states = excluded.states, initial_state = excluded.initial_state, published_states = excluded.published_states;
    delete from public.workflow_transitions t where t.workflow = workflow_name;
    insert into public.workflow_transitions (workflow, name, from_states, to_state, roles, requires_comment)
    select workflow_name, t ->> 'name', array(select jsonb_array_elements_text(t -> 'from')), t ->> 'to',
           array(select jsonb_array_elements_text(t -> 'roles')), coalesce((t ->> 'requires_comment')::boolean, false)
    from jsonb_array_elements(definition -> 'transitions') as t;
    if exists (select 1 from public.workflow_transitions t
               where t.workflow = workflow_name
                 and not (t.to_state = any (array(select jsonb_array_elements_text(definition -> 'states')))
                          and t.from_states <@ array(select jsonb_array_elements_text(definition -> 'states')))) then
        raise exception 'the transitions of workflow % must use its states', workflow_name using errcode = '23514';
    end if;
    perform public.micic_check_states_kept();
    perform public.micic_compile_workflows();
end
$$;

-- Writes the content types of one plugin and the workflow each follows:
-- {"plugin", "types": [{"name", "workflow"}]}.
create function micic_define_content_types(definition jsonb) returns void
language plpgsql set search_path = pg_catalog, public, pg_temp
as $$
begin
    insert into public.content_types (name, plugin, workflow)
    select t ->> 'name', definition ->> 'plugin', t ->> 'workflow'
    from jsonb_array_elements(definition -> 'types') as t
    on conflict (name) do update set plugin = excluded.plugin, workflow = excluded.workflow;
    perform public.micic_check_states_kept();
    perform public.micic_compile_workflows();
end
$$;


-- What the public sees: published in its type's workflow, within its schedule.
create function micic_is_public(type text, status text, publish_at timestamptz, unpublish_at timestamptz)
returns boolean
language sql stable parallel safe
as $$
    select public.micic_published_in(type, status) and (publish_at is null or publish_at <= now())
        and (unpublish_at is null or unpublish_at > now())
$$;

drop policy items_public on items;
create policy items_public on items for select to micic_public
    using ((select micic_is_public_reader()) and deleted_at is null
        and micic_is_public(type, status, publish_at, unpublish_at)
        and tenant_id = any ((select micic_public_tenants())::bigint[]));
drop function micic_is_public(text, timestamptz, timestamptz);

-- Any member may try to change an item: the guard judges the change by role and by the
-- item's workflow, which may name any role for a transition (viewers too).
drop policy items_update on items;
create policy items_update on items for update
    using (tenant_id = any ((select micic_tenants())::bigint[]))
    with check (tenant_id = any ((select micic_tenants())::bigint[]));

-- The guard reads the item's own workflow (see 0017 for the rules), and a move alone is
-- judged by that workflow alone: any role it names may take it.
create or replace function micic_guard_items() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    member_role text;
    flow record;
    job record;
    translatable text[];
    content_changed boolean;
    moves_only boolean;
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
    if tg_op <> 'DELETE' then
        select w.name, w.states, w.initial_state into flow
        from public.content_types c join public.workflows w on w.name = c.workflow where c.name = new.type;
        if not found then
            raise exception 'no content type % is registered (micic migrate writes the plugins'' types)', new.type
                using errcode = '42501';
        end if;
        if not (new.status = any (flow.states)) then
            raise exception 'status % is not a state of the % workflow', new.status, flow.name using errcode = '23514';
        end if;
    end if;
    member_role := public.micic_role_in(case when tg_op = 'INSERT' then new.tenant_id else old.tenant_id end);
    -- A move alone (the status; the author becomes the mover, or stays) is judged by the
    -- workflow alone: whichever role it names may take it, a viewer or a translator too.
    moves_only := tg_op = 'UPDATE' and new.status is distinct from old.status
        and (new.tenant_id, new.id, new.type, new.created_at, new.title, new.slug, new.fields, new.language,
             new.translation_of, new.deleted_at, new.publish_at, new.unpublish_at)
            is not distinct from (old.tenant_id, old.id, old.type, old.created_at, old.title, old.slug, old.fields,
             old.language, old.translation_of, old.deleted_at, old.publish_at, old.unpublish_at)
        and (new.author = old.author or new.author = session_user);
    if member_role is null or (member_role = 'viewer' and not moves_only) then
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
        if member_role <> 'admin' and (new.status <> flow.initial_state or new.deleted_at is not null) then
            raise exception 'new content starts as %', flow.initial_state using errcode = '42501';
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
    elsif member_role = 'translator' and not moves_only then
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
        perform public.micic_require_comment(flow.name, old.status, new.status);
        if new.translation_of is not null and public.micic_published_in(new.type, new.status) then
            perform public.micic_check_translation_publish(new.tenant_id, new.id, new.translation_of, member_role);
        elsif member_role <> 'admin' and not public.micic_transition_allowed(flow.name, old.status, new.status, member_role)
        then
            raise exception 'as % you may not move content from % to %', member_role, old.status, new.status
                using errcode = '42501';
        end if;
    end if;
    return new;
end
$$;

create or replace function micic_check_translation_publish(tenant bigint, item bigint, original bigint, member_role text)
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
                   where s.tenant_id = tenant and s.id = original and public.micic_published_in(s.type, s.status) and s.deleted_at is null) then
        raise exception 'a translation is published only when its original is' using errcode = '42501';
    end if;
    select translations_publish into mode from public.tenants where id = tenant;
    if not (member_role in ('admin', 'editor') or (mode = 'on-approval' and member_role = 'reviewer')) then
        raise exception 'in this tenant editors publish translations (translations-publish %)', mode
            using errcode = '42501';
    end if;
end
$$;

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
         where tenant_id = tenant and publish_at > now() and public.micic_published_in(type, status) and deleted_at is null),
        (select min(unpublish_at) from public.items
         where tenant_id = tenant and unpublish_at > now() and public.micic_published_in(type, status) and deleted_at is null))
    into result;
    return result;
end
$$;

-- A change of status no transition names (an admin's free move, a translation published with
-- its job) is named after a transition that leads to the same state, or is a move.
create or replace function micic_transition_name(workflow text, from_state text, to_state text) returns text
language sql stable
as $$
    select coalesce(
        (select t.name from public.workflow_transitions t
         where t.workflow = micic_transition_name.workflow and from_state = any (t.from_states)
           and t.to_state = micic_transition_name.to_state
         order by t.name limit 1),
        (select t.name from public.workflow_transitions t
         where t.workflow = micic_transition_name.workflow and t.to_state = micic_transition_name.to_state
         order by t.name limit 1),
        'move')
$$;

create or replace function micic_record_items() returns trigger
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
        select n.tenant_id, n.id, public.micic_transition_name(public.micic_workflow_of(n.type), o.status, n.status), o.status, n.status,
               session_user, public.micic_comment()
        from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
        where n.status <> o.status;
        insert into public.audit_log (tenant_id, actor, action, item_type, item_id, before, after)
        select n.tenant_id, session_user,
               case
                   when o.deleted_at is null and n.deleted_at is not null then 'delete'
                   when o.deleted_at is not null and n.deleted_at is null then 'restore'
                   when o.status <> n.status then public.micic_transition_name(public.micic_workflow_of(n.type), o.status, n.status)
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

revoke execute on function micic_define_workflow(jsonb), micic_define_content_types(jsonb),
    micic_compile_workflows(), micic_check_states_kept() from public;
grant execute on function micic_workflow_of(text), micic_published_in(text, text),
    micic_is_public(text, text, timestamptz, timestamptz) to micic_people, micic_public;
