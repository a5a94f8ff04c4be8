-- Durable imports: the file each import reads, its options, and how far it got. Rows are
-- merged in batches, each in one transaction with the job's checkpoint (the last line it
-- merged), so an import that was interrupted (killed, its connection lost, the server
-- restarted) resumes after its checkpoint and writes every row exactly once.
create table import_jobs (
    tenant_id bigint not null references tenants (id),
    id bigint generated always as identity,
    item_type text,
    file text not null,
    file_size bigint not null,
    file_checksum text not null,
    format text not null check (format in ('csv', 'ndjson')),
    key text not null,
    on_error text not null check (on_error in ('stop', 'skip')),
    column_map jsonb not null default '{}' check (jsonb_typeof(column_map) = 'object'),
    batch_size integer not null check (batch_size > 0),
    message text,
    state text not null default 'merging' check (state in ('merging', 'finished')),
    rows_total bigint not null default 0,
    checkpoint_line bigint not null default 0,
    created_count bigint not null default 0,
    updated_count bigint not null default 0,
    unchanged_count bigint not null default 0,
    rejected_count bigint not null default 0,
    started_by text not null default session_user,
    started_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    finished_at timestamptz,
    primary key (tenant_id, id)
);

create index import_jobs_unfinished_idx on import_jobs (tenant_id, id) where state <> 'finished';

-- Editors and admins import; they see and resume the tenant's jobs.
alter table import_jobs enable row level security;
create policy import_jobs_read on import_jobs for select
    using (tenant_id = any ((select micic_tenants('{admin,editor}'))::bigint[]));
create policy import_jobs_insert on import_jobs for insert
    with check (tenant_id = any ((select micic_tenants('{admin,editor}'))::bigint[]) and started_by = session_user);
create policy import_jobs_update on import_jobs for update
    using (tenant_id = any ((select micic_tenants('{admin,editor}'))::bigint[]))
    with check (tenant_id = any ((select micic_tenants('{admin,editor}'))::bigint[]));

grant select, insert, update on import_jobs to micic_people;

-- What an audit entry records of a change to an item's fields: the entries of `a` whose
-- values differ in `b` (a key missing from `a` as null), or `mask` instead of each value
-- (private fields: that they changed, not to what).
create function micic_changed_fields(a jsonb, b jsonb, mask text default null) returns jsonb
language sql immutable parallel safe
as $$
    select coalesce(jsonb_object_agg(k, case when mask is null then coalesce(a -> k, 'null') else to_jsonb(mask) end), '{}')
    from (select jsonb_object_keys(a) as k union select jsonb_object_keys(b)) as keys
    where a -> k is distinct from b -> k
$$;
