-- Workflow effects: what the database does when content enters a state, beyond the move
-- (a plugin's rule). `micic migrate` writes each plugin's effects here from the registry;
-- statement triggers on items and translation jobs run them, once per effect and tenant,
-- with the rows of the statement that entered the state. An effect is the function
-- micic_effect_NAME(tenant bigint, ids bigint[]) of the plugin's migrations; it runs with
-- the owner's rights, but session_user is still the person who moved the items, so what
-- it writes is judged by the guards and recorded as theirs.

create table workflow_effects (
    workflow text not null references workflows on delete cascade,
    state text not null,
    effect text not null,
    plugin text not null,
    primary key (workflow, state, effect)
);

grant select on workflow_effects to micic_people;

-- The function that carries out `effect`, or null when none exists.
create function micic_effect_function(effect text) returns regprocedure
language sql stable
as $$
    select to_regprocedure(format('public.%I(bigint, bigint[])', 'micic_effect_' || replace(effect, '-', '_')))
$$;

-- Writes the effects of one plugin: {"plugin", "effects": [{"workflow", "state", "effect"}]}.
create function micic_define_effects(definition jsonb) returns void
language plpgsql set search_path = pg_catalog, public, pg_temp
as $$
declare
    plugin_name text := definition ->> 'plugin';
    missing record;
begin
    delete from public.workflow_effects e where e.plugin = plugin_name;
    insert into public.workflow_effects (workflow, state, effect, plugin)
    select e ->> 'workflow', e ->> 'state', e ->> 'effect', plugin_name
    from jsonb_array_elements(definition -> 'effects') as e;
    select e.effect, e.workflow, e.state, w.states into missing
    from public.workflow_effects e join public.workflows w on w.name = e.workflow
    where e.plugin = plugin_name and (public.micic_effect_function(e.effect) is null or not (e.state = any (w.states)))
    limit 1;
    if found then
        raise exception 'effect % of plugin % on entering % of workflow %: %', missing.effect, plugin_name,
            missing.state, missing.workflow,
            case when missing.state = any (missing.states) then 'no function micic_effect_'
                || replace(missing.effect, '-', '_') || '(bigint, bigint[]) carries it out'
                else 'the workflow has no such state' end
            using errcode = '23514';
    end if;
end
$$;

-- Runs the effects of the states the statement's rows entered: the rows' workflow is the
-- trigger's argument (translation jobs), or their type's (items). The client's words
-- (micic.message, micic.comment) are theirs again afterwards, whatever the effects said.
create function micic_run_effects() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    due record;
    dues jsonb;
    said_message text := coalesce(current_setting('micic.message', true), '');
    said_comment text := coalesce(current_setting('micic.comment', true), '');
begin
    -- Each query is planned only on the table it is written for (translation jobs have no type).
    if tg_nargs > 0 then
        select jsonb_agg(d) into dues from (
            select e.effect, n.tenant_id, array_agg(n.id order by n.id) as ids
            from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
            join public.workflow_effects e on e.workflow = tg_argv[0] and e.state = n.status
            where n.status <> o.status
            group by e.effect, n.tenant_id) as d;
    else
        select jsonb_agg(d) into dues from (
            select e.effect, n.tenant_id, array_agg(n.id order by n.id) as ids
            from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
            join public.content_types c on c.name = n.type
            join public.workflow_effects e on e.workflow = c.workflow and e.state = n.status
            where n.status <> o.status and n.deleted_at is null
            group by e.effect, n.tenant_id) as d;
    end if;
    for due in
        select * from jsonb_to_recordset(coalesce(dues, '[]')) as d (effect text, tenant_id bigint, ids bigint[])
        order by effect, tenant_id
    loop
        execute format('select %s($1, $2)', public.micic_effect_function(due.effect)::oid::regproc)
            using due.tenant_id, due.ids;
    end loop;
    perform set_config('micic.message', said_message, true), set_config('micic.comment', said_comment, true);
    return null;
end
$$;

-- Triggers fire in name order: a move is recorded (*_record_update) before its effects run.
create trigger items_run_effects after update on items
    referencing old table as old_rows new table as new_rows
    for each statement execute function micic_run_effects();
create trigger translation_jobs_run_effects after update on translation_jobs
    referencing old table as old_rows new table as new_rows
    for each statement execute function micic_run_effects('translation');

-- Where a tenant publishes translations on approval, whoever approves them may publish them
-- (the effect that publishes an approved job with its published original moves it as the
-- reviewer who approved); otherwise as 0017 says.
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
       and not public.micic_transition_allowed('translation', old.status, new.status, member_role)
       and not (member_role = 'reviewer' and public.micic_transition_allowed('translation', old.status, new.status, 'editor')
                and new.status = any ((select w.published_states from public.workflows w where w.name = 'translation')::text[])
                and (select t.translations_publish from public.tenants t where t.id = new.tenant_id) = 'on-approval') then
        raise exception 'as % you may not move a translation from % to %', member_role, old.status, new.status
            using errcode = '42501';
    end if;
    return new;
end
$$;

revoke execute on function micic_define_effects(jsonb), micic_effect_function(text) from public;
