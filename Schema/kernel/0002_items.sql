-- Content items, their revisions, and the audit log.
-- Every table leads with tenant_id and every key includes it (ready to distribute by tenant).

create table items (
    tenant_id bigint not null references tenants (id),
    id bigint generated always as identity,
    type text not null,
    language text not null,
    translation_of bigint,
    slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title text not null,
    status text not null,
    version integer not null default 1 check (version > 0),
    fields jsonb not null default '{}' check (jsonb_typeof(fields) = 'object'),
    author text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, translation_of) references items (tenant_id, id)
);

-- One slug per tenant, type and language (trashed items keep theirs until purged).
create unique index items_slug_key on items (tenant_id, type, language, slug);
-- List pages: newest first, filtered by type and status.
create index items_list_idx on items (tenant_id, type, status, updated_at desc, id desc) where deleted_at is null;
create index items_updated_idx on items (tenant_id, updated_at desc, id desc) where deleted_at is null;
-- Field filters (vocabulary lists, countries, references) by containment.
create index items_fields_idx on items using gin (fields jsonb_path_ops);

create table item_revisions (
    tenant_id bigint not null,
    item_id bigint not null,
    version integer not null,
    title text not null,
    slug text not null,
    status text not null,
    fields jsonb not null,
    author text not null,
    message text,
    created_at timestamptz not null default now(),
    primary key (tenant_id, item_id, version),
    foreign key (tenant_id, item_id) references items (tenant_id, id) on delete cascade
);

create table audit_log (
    tenant_id bigint not null references tenants (id),
    id bigint generated always as identity,
    at timestamptz not null default now(),
    actor text not null,
    action text not null,
    item_type text,
    item_id bigint,
    before jsonb,
    after jsonb,
    primary key (tenant_id, id)
);

create index audit_log_item_idx on audit_log (tenant_id, item_id, at);
