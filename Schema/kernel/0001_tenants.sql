-- Tenants: the country offices (and headquarters) that own content.
-- Every tenant-owned table leads with tenant_id and includes it in each key.

create table tenants (
    id bigint generated always as identity primary key,
    code text not null unique
        check (code ~ '^[a-z][a-z0-9-]{1,31}$'),
    name text not null check (length(name) between 1 and 200),
    default_language text not null check (default_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    languages text[] not null,
    archived_at timestamptz,
    created_at timestamptz not null default now(),
    check (default_language = any (languages))
);

comment on table tenants is 'Country offices and headquarters; each owns its content.';
