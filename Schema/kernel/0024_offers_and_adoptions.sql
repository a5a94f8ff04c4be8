-- Tenants offer published items to other tenants, which adopt them as linked copies: a local
-- item that inherits every field it has not changed from its upstream item.
--
-- An adoption keeps the values it last took from upstream (`taken`: the fields, and the
-- title under the key "title"). A field whose local value equals the taken one is inherited:
-- when upstream saves a new value, the adoption takes it in the same transaction (a revision
-- and an audit entry of the office's, by the person who saved upstream, with a message naming
-- upstream). A field whose local value differs is overridden: upstream's changes to it are
-- not taken, and the adoption is outdated for that field while upstream's value differs from
-- the taken one (listed with both, for a word diff), until a merge takes upstream's value or
-- keeps the office's, or a reset drops the override.

-- Whether the changes adoptions inherit reach a published adoption at once (`publish`) or
-- wait, listed as outdated, for an editor to take them (`review`); drafts inherit at once.
alter table tenants add column inherited_changes text not null default 'publish'
    check (inherited_changes in ('publish', 'review'));

-- What a tenant offers: every item of a type, or one item (its translations with it); to
-- every tenant (receiver_id null) or to one (a tenant's id, as micic_tenant_id gives it; no
-- foreign key to tenants, as keys between tenant-owned rows lead with tenant_id only).
create table offers (
    tenant_id bigint not null references tenants (id),
    id bigint generated always as identity,
    type text not null,
    item_id bigint,
    receiver_id bigint,
    created_by text not null default session_user,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, item_id) references items (tenant_id, id) on delete cascade,
    check (receiver_id is distinct from tenant_id)
);
create unique index offers_key on offers (tenant_id, type, coalesce(item_id, 0), coalesce(receiver_id, 0));
create index offers_receiver_idx on offers (receiver_id);

-- A local item linked to its upstream item (another tenant's). No foreign key to upstream: it
-- may be purged, and the adoption stays, orphaned.
create table adoptions (
    tenant_id bigint not null references tenants (id),
    item_id bigint not null,
    upstream_tenant_id bigint not null,
    upstream_id bigint not null,
    taken jsonb not null check (jsonb_typeof(taken) = 'object'),
    taken_version integer not null,
    orphaned_at timestamptz,
    orphan_reason text,
    created_by text not null default session_user,
    created_at timestamptz not null default now(),
    primary key (tenant_id, item_id),
    unique (tenant_id, upstream_tenant_id, upstream_id),
    foreign key (tenant_id, item_id) references items (tenant_id, id) on delete cascade
);
create index adoptions_upstream_idx on adoptions (upstream_tenant_id, upstream_id);

-- The id of the tenant with this code, whether or not the person is a member (to name the
-- receivers of an offer), or null.
create function micic_tenant_id(code text) returns bigint
language sql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
    select t.id from public.tenants t where t.code = micic_tenant_id.code and t.archived_at is null
$$;

-- The tenants that offer something to a tenant of the person asking (or to every tenant).
create function micic_offering_tenants() returns bigint[]
language sql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
    select case when not exists (select 1 from public.offers) then '{}'::bigint[] else (
    select coalesce(array_agg(distinct o.tenant_id), '{}')
    from public.offers o
    join public.tenants t on t.id = o.tenant_id and t.archived_at is null
    where (o.receiver_id is null or o.receiver_id = any (public.micic_tenants()))
      and not (o.tenant_id = any (public.micic_tenants()))) end
$$;

-- Whether `tenant` offers the item (of `type`; a translation of `original`) to `receiver`,
-- or, when `receiver` is null, to a tenant of the person asking.
create function micic_is_offered(tenant bigint, type text, item bigint, original bigint, receiver bigint default null)
returns boolean
language sql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
    select exists (
        select 1 from public.offers o
        where o.tenant_id = tenant and o.type = micic_is_offered.type
          and (o.item_id is null or o.item_id = item or o.item_id = original)
          and (o.receiver_id is null
               or (receiver is null and o.receiver_id = any (public.micic_tenants()))
               or o.receiver_id = receiver))
$$;

alter table offers enable row level security;
alter table adoptions enable row level security;
select micic_force_row_security('offers'), micic_force_row_security('adoptions');

-- Offers are read by the offering tenant's members and by the receivers; editors and admins of
-- the offering tenant make and withdraw them.
create policy offers_read on offers for select
    using (tenant_id = any ((select micic_tenants())::bigint[])
        or receiver_id is null or receiver_id = any ((select micic_tenants())::bigint[]));
create policy offers_manage on offers for all
    using (tenant_id = any ((select micic_tenants('{admin,editor}'))::bigint[]))
    with check (tenant_id = any ((select micic_tenants('{admin,editor}'))::bigint[])
        and (item_id is null or exists (select 1 from items i where i.tenant_id = offers.tenant_id and i.id = item_id
                                        and i.type = offers.type)));
-- Adoptions are read by the office's members; only the definer functions below write them.
create policy adoptions_read on adoptions for select using (tenant_id = any ((select micic_tenants())::bigint[]));

-- Members of a receiving tenant read the offering tenant's row and its offered items while
-- the public sees them: never drafts, trashed or scheduled-away items (private fields and
-- revisions keep their own policies: members of the item's tenant only).
create policy tenants_offering on tenants for select to micic_people
    using (id = any ((select micic_offering_tenants())::bigint[]));
create policy items_offered on items for select to micic_people
    using (tenant_id = any ((select micic_offering_tenants())::bigint[]) and deleted_at is null
        and micic_is_public(type, status, publish_at, unpublish_at)
        and micic_is_offered(tenant_id, type, id, translation_of));

grant select, insert, delete on offers to micic_people;
grant select on adoptions to micic_people;

-- An item's title and fields as one object (the title under "title").
create function micic_item_values(title text, fields jsonb) returns jsonb
language sql immutable parallel safe
as $$
    select fields || jsonb_build_object('title', title)
$$;

-- Field by field: upstream's value where the local one is the taken one (inherited), else
-- `otherwise`'s (the local value, for the item; the taken value, for what the adoption took).
create function micic_inherit(local jsonb, taken jsonb, upstream jsonb, otherwise jsonb) returns jsonb
language sql immutable parallel safe
as $$
    select coalesce(jsonb_object_agg(k, v), '{}')
    from (
        select k, case when local -> k is not distinct from taken -> k then upstream -> k else otherwise -> k end as v
        from (select jsonb_object_keys(local) union select jsonb_object_keys(taken)
              union select jsonb_object_keys(upstream)) as keys (k)
    ) as chosen
    where v is not null
$$;

-- The fields (and title) whose upstream value changed since the adoption took it: the ones it
-- overrides, and, where published adoptions wait for review, the ones it inherits:
-- `{"summary": {"taken": ..., "upstream": ...}}`.
create function micic_adoption_outdated(taken jsonb, upstream jsonb) returns jsonb
language sql immutable parallel safe
as $$
    select coalesce(jsonb_object_agg(k, jsonb_build_object('taken', taken -> k, 'upstream', upstream -> k)), '{}')
    from (select jsonb_object_keys(taken) union select jsonb_object_keys(upstream)) as keys (k)
    where upstream -> k is distinct from taken -> k
$$;

-- The fields (and title) whose local value differs from the one taken: the overrides.
create function micic_overridden(local jsonb, taken jsonb) returns text[]
language sql immutable parallel safe
as $$
    select coalesce(array_agg(k order by k), '{}')
    from (select jsonb_object_keys(local) union select jsonb_object_keys(taken)) as keys (k)
    where local -> k is distinct from taken -> k
$$;

-- The code of a tenant, for naming an adoption's upstream whether or not it still offers.
create function micic_tenant_code(tenant bigint) returns text
language sql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
    select t.code from public.tenants t where t.id = tenant
$$;

-- Whether an update of an adopted item is the inheritance of its upstream's values: nothing
-- but inherited fields (and the title) changes, each to upstream's value now. The guard lets
-- anyone make such a change (the person who saved upstream, through the propagation below):
-- it is what the office chose by not overriding the field.
create function micic_inherits(old public.items, new public.items) returns boolean
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    adoption record;
    upstream record;
    before jsonb := public.micic_item_values(old.title, old.fields);
    after jsonb := public.micic_item_values(new.title, new.fields);
    k text;
begin
    if (new.tenant_id, new.id, new.type, new.language, new.translation_of, new.slug, new.status, new.author,
        new.deleted_at, new.publish_at, new.unpublish_at, new.created_at)
       is distinct from (old.tenant_id, old.id, old.type, old.language, old.translation_of, old.slug, old.status,
        old.author, old.deleted_at, old.publish_at, old.unpublish_at, old.created_at) then
        return false;
    end if;
    select a.upstream_tenant_id, a.upstream_id, a.taken into adoption
    from public.adoptions a where a.tenant_id = old.tenant_id and a.item_id = old.id and a.orphaned_at is null;
    if not found then
        return false;
    end if;
    select public.micic_item_values(i.title, i.fields) as item_values into upstream
    from public.items i where i.tenant_id = adoption.upstream_tenant_id and i.id = adoption.upstream_id;
    if not found then
        return false;
    end if;
    if before = after then
        return false;
    end if;
    for k in select jsonb_object_keys(before) union select jsonb_object_keys(after) loop
        if before -> k is distinct from after -> k
           and (before -> k is distinct from adoption.taken -> k or after -> k is distinct from upstream.item_values -> k) then
            return false;
        end if;
    end loop;
    return true;
end
$$;

-- The guard of 0019, with one rule more: an adopted item may take the values it inherits.
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
    -- An adopted item taking the values it inherits from upstream (the propagation below, as
    -- the person who saved upstream) is judged by that rule alone.
    if tg_op = 'UPDATE' and (member_role is null or member_role not in ('admin', 'editor'))
       and old.translation_of is null and new.status = old.status and public.micic_inherits(old, new) then
        new.updated_at := now();
        return new;
    end if;
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

-- After items change: adoptions of the items whose title or fields changed take the values
-- they inherit (one statement per upstream item, for all its adoptions); adoptions of items
-- the public no longer sees are orphaned (and adopted again when it sees them once more).
create function micic_propagate_to_adoptions() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    upstream record;
    adopted jsonb;
    message text := current_setting('micic.message', true);
begin
    if not exists (select 1 from public.adoptions a join new_rows n
                   on a.upstream_tenant_id = n.tenant_id and a.upstream_id = n.id) then
        return null;
    end if;
    update public.adoptions a
    set orphaned_at = case when visible then null else coalesce(a.orphaned_at, now()) end,
        orphan_reason = case when visible then null
                             when deleted then 'upstream is in the trash' else 'upstream is not published' end
    from (select n.tenant_id, n.id, n.deleted_at is not null as deleted,
                 n.deleted_at is null and public.micic_is_public(n.type, n.status, n.publish_at, n.unpublish_at) as visible
          from new_rows n) as u
    where a.upstream_tenant_id = u.tenant_id and a.upstream_id = u.id
      and (a.orphaned_at is null) = not u.visible;
    for upstream in
        select n.tenant_id, n.id, n.type, n.version, public.micic_item_values(n.title, n.fields) as item_values,
               (select t.code from public.tenants t where t.id = n.tenant_id) as tenant_code
        from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
        where (n.title, n.fields) is distinct from (o.title, o.fields)
          and exists (select 1 from public.adoptions a
                      where a.upstream_tenant_id = n.tenant_id and a.upstream_id = n.id and a.orphaned_at is null)
    loop
        perform set_config('micic.message',
            format('inherited from %s: %s %s, version %s', upstream.tenant_code, upstream.type, upstream.id,
                   upstream.version), true);
        -- The adoptions as they are (locked), then the items take what they inherit (the guard
        -- compares with the values taken so far), then the adoptions what they took.
        perform 1 from public.adoptions a
        where a.upstream_tenant_id = upstream.tenant_id and a.upstream_id = upstream.id and a.orphaned_at is null
        for update;
        -- Published adoptions of tenants that review inherited changes keep what they have:
        -- the changes wait, listed as outdated.
        select coalesce(jsonb_agg(jsonb_build_object('tenant_id', a.tenant_id, 'item_id', a.item_id, 'taken', a.taken,
                   'local', public.micic_item_values(i.title, i.fields))), '[]')
        into adopted
        from public.adoptions a
        join public.items i on i.tenant_id = a.tenant_id and i.id = a.item_id
        join public.tenants t on t.id = a.tenant_id
        where a.upstream_tenant_id = upstream.tenant_id and a.upstream_id = upstream.id and a.orphaned_at is null
          and not (t.inherited_changes = 'review' and public.micic_published_in(i.type, i.status));
        update public.items i
        set title = merged.item_values ->> 'title', fields = merged.item_values - 'title'
        from (select d.tenant_id, d.item_id, d.local,
                     public.micic_inherit(d.local, d.taken, upstream.item_values, d.local) as item_values
              from jsonb_to_recordset(adopted) as d (tenant_id bigint, item_id bigint, taken jsonb, local jsonb)) as merged
        where i.tenant_id = merged.tenant_id and i.id = merged.item_id and merged.item_values <> merged.local;
        update public.adoptions a
        set taken = public.micic_inherit(d.local, d.taken, upstream.item_values, d.taken),
            taken_version = upstream.version
        from jsonb_to_recordset(adopted) as d (tenant_id bigint, item_id bigint, taken jsonb, local jsonb)
        where a.tenant_id = d.tenant_id and a.item_id = d.item_id;
    end loop;
    perform set_config('micic.message', coalesce(message, ''), true);
    return null;
end
$$;

create trigger items_adoptions_propagate after update on items
    referencing old table as old_rows new table as new_rows
    for each statement execute function micic_propagate_to_adoptions();

-- Purged upstream items leave their adoptions orphaned.
create function micic_orphan_adoptions() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    update public.adoptions a set orphaned_at = now(), orphan_reason = 'upstream was purged'
    from old_rows o
    where a.upstream_tenant_id = o.tenant_id and a.upstream_id = o.id
      and a.orphan_reason is distinct from 'upstream was purged';
    return null;
end
$$;

create trigger items_adoptions_orphan after delete on items
    referencing old table as old_rows
    for each statement execute function micic_orphan_adoptions();

-- Adopts an item another tenant offers to `office`: a local item in the office's language
-- when upstream has that version published (else the item named), starting in its workflow's
-- initial state, linked to it. The person must be an editor or admin of the office (the item
-- guard judges the insert as them). Returns the local item's id.
create function micic_adopt(office bigint, upstream_tenant bigint, upstream_item bigint, local_slug text default null)
returns bigint
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    named record;
    chosen record;
    office_language text;
    initial text;
    local_id bigint;
begin
    if not (office = any (public.micic_tenants('{admin,editor}'))) then
        raise exception 'only editors and admins of the office adopt content' using errcode = '42501';
    end if;
    select i.* into named from public.items i
    where i.tenant_id = upstream_tenant and i.id = upstream_item and i.deleted_at is null
      and public.micic_is_public(i.type, i.status, i.publish_at, i.unpublish_at)
      and public.micic_is_offered(i.tenant_id, i.type, i.id, i.translation_of, office);
    if not found then
        raise exception 'item % is not offered to this tenant, or not published', upstream_item using errcode = '42501';
    end if;
    select t.default_language into office_language from public.tenants t where t.id = office;
    select i.* into chosen from public.items i
    where i.tenant_id = upstream_tenant and i.deleted_at is null and i.language = office_language
      and public.micic_is_public(i.type, i.status, i.publish_at, i.unpublish_at)
      and (i.id = coalesce(named.translation_of, named.id) or i.translation_of = coalesce(named.translation_of, named.id))
    order by i.translation_of nulls first
    limit 1;
    if not found then
        if named.translation_of is null then
            chosen := named;
        else
            select i.* into chosen from public.items i where i.tenant_id = upstream_tenant and i.id = named.translation_of;
        end if;
    end if;
    if exists (select 1 from public.adoptions a
               where a.tenant_id = office and a.upstream_tenant_id = upstream_tenant and a.upstream_id = chosen.id) then
        raise exception 'item % is already adopted here', chosen.id using errcode = '23505';
    end if;
    if exists (select 1 from public.items i
               where i.tenant_id = office and i.type = chosen.type and i.language = chosen.language
                 and i.slug = coalesce(local_slug, chosen.slug)) then
        raise exception 'a % called % already exists here: adopt it under another slug', chosen.type,
            coalesce(local_slug, chosen.slug) using errcode = '23505';
    end if;
    select w.initial_state into initial
    from public.content_types c join public.workflows w on w.name = c.workflow where c.name = chosen.type;
    insert into public.items (tenant_id, type, language, slug, title, status, fields, author)
    values (office, chosen.type, chosen.language, coalesce(local_slug, chosen.slug), chosen.title, initial,
            chosen.fields, session_user)
    returning id into local_id;
    insert into public.adoptions (tenant_id, item_id, upstream_tenant_id, upstream_id, taken, taken_version)
    values (office, local_id, upstream_tenant, chosen.id, public.micic_item_values(chosen.title, chosen.fields),
            chosen.version);
    insert into public.audit_log (tenant_id, actor, action, item_type, item_id, after)
    values (office, session_user, 'adopt', chosen.type, local_id,
            jsonb_build_object('upstream_tenant', (select t.code from public.tenants t where t.id = upstream_tenant),
                'upstream_id', chosen.id, 'upstream_version', chosen.version, 'language', chosen.language));
    return local_id;
end
$$;

-- Resolves an adoption's fields: `take` takes upstream's value now (the field is inherited
-- again), `keep` keeps the office's and acknowledges upstream's change (it stays overridden).
-- The audit entry says `merge`, or `reset` when `resets` (overrides dropped on purpose). The person must be an editor or admin of the office;
-- the item guard judges the update as them.
create function micic_resolve_adoption(office bigint, item bigint, take text[], keep text[], resets boolean default false)
returns void
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    adoption record;
    local record;
    current record;
    upstream_values jsonb;
    local_values jsonb;
    new_taken jsonb;
    k text;
begin
    if not (office = any (public.micic_tenants('{admin,editor}'))) then
        raise exception 'only editors and admins of the office resolve adoptions' using errcode = '42501';
    end if;
    select a.* into adoption from public.adoptions a where a.tenant_id = office and a.item_id = item for update;
    if not found then
        raise exception 'item % is not an adoption', item using errcode = '42704';
    end if;
    select public.micic_item_values(i.title, i.fields) as item_values, i.version into current
    from public.items i where i.tenant_id = adoption.upstream_tenant_id and i.id = adoption.upstream_id;
    if not found then
        raise exception 'item %''s upstream is gone (purged)', item using errcode = '42704';
    end if;
    upstream_values := current.item_values;
    select public.micic_item_values(i.title, i.fields) as item_values into local
    from public.items i where i.tenant_id = office and i.id = item;
    local_values := local.item_values;
    new_taken := adoption.taken;
    foreach k in array coalesce(take, '{}') || coalesce(keep, '{}') loop
        if not (upstream_values ? k or local_values ? k or new_taken ? k) then
            raise exception 'the item has no field %', k using errcode = '22023';
        end if;
    end loop;
    -- Taken or kept, upstream's value is the one taken now; a taken field also gets it.
    foreach k in array coalesce(take, '{}') || coalesce(keep, '{}') loop
        new_taken := case when upstream_values ? k then new_taken || jsonb_build_object(k, upstream_values -> k)
                          else new_taken - k end;
    end loop;
    foreach k in array coalesce(take, '{}') loop
        local_values := case when upstream_values ? k then local_values || jsonb_build_object(k, upstream_values -> k)
                             else local_values - k end;
    end loop;
    if local_values is distinct from local.item_values then
        update public.items i set title = local_values ->> 'title', fields = local_values - 'title'
        where i.tenant_id = office and i.id = item;
    end if;
    update public.adoptions a set taken = new_taken, taken_version = current.version
    where a.tenant_id = office and a.item_id = item;
    insert into public.audit_log (tenant_id, actor, action, item_type, item_id, after)
    select office, session_user, case when resets then 'reset' else 'merge' end,
           i.type, item, jsonb_build_object('took', coalesce(take, '{}'), 'kept', coalesce(keep, '{}'))
    from public.items i where i.tenant_id = office and i.id = item;
end
$$;

revoke execute on function micic_inherits(public.items, public.items), micic_propagate_to_adoptions(),
    micic_orphan_adoptions() from public;
grant execute on function micic_tenant_id(text), micic_tenant_code(bigint), micic_overridden(jsonb, jsonb),
    micic_offering_tenants(), micic_is_offered(bigint, text, bigint, bigint, bigint),
    micic_item_values(text, jsonb), micic_inherit(jsonb, jsonb, jsonb, jsonb),
    micic_adoption_outdated(jsonb, jsonb), micic_adopt(bigint, bigint, bigint, text),
    micic_resolve_adoption(bigint, bigint, text[], text[], boolean) to micic_people;
