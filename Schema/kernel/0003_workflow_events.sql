-- Every workflow transition: who moved which item from which state to which, and why.
create table workflow_events (
    tenant_id bigint not null,
    id bigint generated always as identity,
    item_id bigint not null,
    transition text not null,
    from_status text not null,
    to_status text not null,
    actor text not null,
    comment text,
    at timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, item_id) references items (tenant_id, id) on delete cascade
);

create index workflow_events_item_idx on workflow_events (tenant_id, item_id, at);
