-- Private fields (a practice's submitter contact) live apart from items, readable and
-- writable only by editors and admins of the tenant: viewers, translators and reviewers
-- never see them, whatever they query. Revisions, facets and the audit log never hold them.
create table item_private_fields (
    tenant_id bigint not null,
    item_id bigint not null,
    fields jsonb not null check (jsonb_typeof(fields) = 'object'),
    primary key (tenant_id, item_id),
    foreign key (tenant_id, item_id) references items (tenant_id, id) on delete cascade deferrable initially deferred
);

alter table item_private_fields enable row level security;
create policy item_private_fields_editors on item_private_fields for all
    using (tenant_id = any ((select micic_tenants('{admin,editor}'))::bigint[]))
    with check (tenant_id = any ((select micic_tenants('{admin,editor}'))::bigint[]));

grant select, insert, update, delete on item_private_fields to micic_people;
