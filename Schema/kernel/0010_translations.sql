-- Translation jobs: a source item and the version it was made from, a target-language item
-- (translation_of = the source), the people on it, and a hash of every translatable source
-- field as the job last saw it, so a change to the source flags exactly the fields that
-- need translating again.

alter table tenants add column translations_publish text not null default 'on-approval'
    check (translations_publish in ('on-approval', 'by-editor'));

create table translation_jobs (
    tenant_id bigint not null references tenants (id),
    id bigint generated always as identity,
    source_id bigint not null,
    source_version integer not null,
    target_id bigint not null,
    language text not null,
    translator text references principals (name),
    reviewer text references principals (name),
    due date,
    status text not null default 'requested',
    source_hashes jsonb not null check (jsonb_typeof(source_hashes) = 'object'),
    outdated_fields text[] not null default '{}',
    version integer not null default 1 check (version > 0),
    created_by text not null default session_user,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, source_id, language),
    unique (tenant_id, target_id),
    foreign key (tenant_id, source_id) references items (tenant_id, id) on delete cascade,
    foreign key (tenant_id, target_id) references items (tenant_id, id) on delete cascade deferrable initially deferred
);

create index translation_jobs_translator_idx on translation_jobs (translator, status);
create index translation_jobs_reviewer_idx on translation_jobs (reviewer, status);

-- A hash of each named field of an item (the title among them), as text: md5 of the
-- value's canonical jsonb text. The same value always gives the same hash.
create function micic_field_hashes(title text, fields jsonb, names text[]) returns jsonb
language sql immutable parallel safe
as $$
    select coalesce(jsonb_object_agg(name, md5(coalesce((fields || jsonb_build_object('title', title)) -> name, 'null'::jsonb)::text)), '{}')
    from unnest(names) as name
$$;

alter table translation_jobs enable row level security;
create policy translation_jobs_read on translation_jobs for select
    using (tenant_id = any ((select micic_tenants())::bigint[]));
create policy translation_jobs_insert on translation_jobs for insert
    with check (tenant_id = any ((select micic_tenants('{admin,editor}'))::bigint[]));
create policy translation_jobs_update on translation_jobs for update
    using (tenant_id = any ((select micic_tenants('{admin,editor,translator,reviewer}'))::bigint[]))
    with check (tenant_id = any ((select micic_tenants('{admin,editor,translator,reviewer}'))::bigint[]));
create policy translation_jobs_delete on translation_jobs for delete
    using (tenant_id = any ((select micic_tenants('{admin,editor}'))::bigint[]));

grant select, insert, update, delete on translation_jobs to micic_people;
grant execute on function micic_field_hashes(text, jsonb, text[]) to micic_people;

-- Who may change a job: a status change must be a transition of the translation workflow
-- the person's role may take; translators and reviewers act only on jobs in their
-- languages that name them (or name nobody), and change nothing but the job's progress.
create function micic_guard_translation_jobs() returns trigger
language plpgsql security definer set search_path = pg_catalog, public
as $$
declare
    member_role text;
    languages text[];
begin
    if micic_is_maintainer(tg_relid) then
        return coalesce(new, old);
    end if;
    member_role := micic_role_in(coalesce(new.tenant_id, old.tenant_id));
    if member_role = 'admin' then
        return coalesce(new, old);
    end if;
    if tg_op <> 'UPDATE' then
        if member_role <> 'editor' then
            raise exception 'only editors and admins request or cancel translations' using errcode = '42501';
        end if;
        if tg_op = 'INSERT' and new.status <> 'requested' then
            raise exception 'a translation job starts as requested' using errcode = '42501';
        end if;
        return coalesce(new, old);
    end if;
    if member_role in ('translator', 'reviewer') then
        languages := micic_languages_in(new.tenant_id);
        if not (new.language = any (languages))
           or (member_role = 'translator' and new.translator is not null and new.translator <> session_user)
           or (member_role = 'reviewer' and new.reviewer is not null and new.reviewer <> session_user) then
            raise exception 'job % is not yours to work on', new.id using errcode = '42501';
        end if;
        if (new.translator, new.reviewer, new.due, new.language, new.source_id, new.target_id)
           is distinct from (old.translator, old.reviewer, old.due, old.language, old.source_id, old.target_id) then
            raise exception 'only editors and admins assign translation jobs' using errcode = '42501';
        end if;
    elsif member_role <> 'editor' then
        raise exception 'as % you may not change translation jobs', coalesce(member_role, 'a non-member')
            using errcode = '42501';
    end if;
    if new.status is distinct from old.status
       and not micic_transition_allowed('translation', old.status, new.status, member_role) then
        raise exception 'as % you may not move a translation from % to %', member_role, old.status, new.status
            using errcode = '42501';
    end if;
    return new;
end
$$;

create trigger translation_jobs_guard before insert or update or delete on translation_jobs
    for each row execute function micic_guard_translation_jobs();

-- Outdated detection: when a source item's title or fields change, every job made from it
-- compares the hashes it holds with the new values; the fields that differ are flagged and
-- the job becomes outdated (unless it is still waiting to be started).
create function micic_flag_outdated_translations() returns trigger
language plpgsql
as $$
begin
    update translation_jobs j
    set outdated_fields = changed.names,
        status = case when j.status = 'requested' then j.status else 'outdated' end,
        version = j.version + 1,
        updated_at = now()
    from (
        select j2.id, array_agg(h.key order by h.key) as names
        from translation_jobs j2
        cross join lateral jsonb_each_text(j2.source_hashes) as h(key, value)
        where j2.tenant_id = new.tenant_id and j2.source_id = new.id
          and h.value <> micic_field_hashes(new.title, new.fields, array[h.key]) ->> h.key
        group by j2.id
    ) as changed
    where j.tenant_id = new.tenant_id and j.id = changed.id
      and (j.outdated_fields is distinct from changed.names or j.status not in ('outdated', 'requested'));
    return new;
end
$$;

create trigger items_flag_outdated_translations after update of title, fields on items
    for each row when (new.translation_of is null
        and (new.title is distinct from old.title or new.fields is distinct from old.fields))
    execute function micic_flag_outdated_translations();
