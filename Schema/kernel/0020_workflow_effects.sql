-- Workflow effects: what the database does when content enters a state, beyond the move
-- (a plugin's rule). `micic migrate` writes each plugin's effects here from the registry;
-- a statement trigger on items runs them, once per effect and tenant, with the items of
-- the statement that entered the state. An effect is the function
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

-- Runs the effects of the states items entered in the statement.
create function micic_run_item_effects() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    due record;
begin
    for due in
        select e.effect, n.tenant_id, array_agg(n.id order by n.id) as ids
        from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
        join public.content_types c on c.name = n.type
        join public.workflow_effects e on e.workflow = c.workflow and e.state = n.status
        where n.status <> o.status and n.deleted_at is null
        group by e.effect, n.tenant_id
        order by e.effect, n.tenant_id
    loop
        execute format('select %s($1, $2)', public.micic_effect_function(due.effect)::oid::regproc)
            using due.tenant_id, due.ids;
    end loop;
    return null;
end
$$;

create trigger items_effects after update on items
    referencing old table as old_rows new table as new_rows
    for each statement execute function micic_run_item_effects();

revoke execute on function micic_define_effects(jsonb), micic_effect_function(text) from public;
