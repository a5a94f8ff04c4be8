-- Public change counters: what the delivery API's cache goes by.
--
-- A notification on micic_public_changes (0015) only says "look": any role that may connect
-- can send one. What changed is counted here. Each transaction that changes a tenant's items
-- or its row moves that tenant's counter by one as it commits, however many statements it
-- ran; one that rolls back moves nothing. The API re-reads the counters when notified and
-- forgets its answers of the tenants whose counter moved (all of them when the tenants the
-- public sees changed).
--
-- The statement triggers only mark the tenants a transaction changed (public_change_marks:
-- a row per tenant and transaction, gone when it commits; a mark made in a savepoint that
-- rolls back goes with it). A deferred trigger on the marks moves the counters at commit, so
-- a counter's row is locked while its transaction commits, not from its first change on:
-- writers of one tenant do not wait for each other's whole transactions, nor deadlock over
-- the items they lock meanwhile. Concurrent repeatable-read transactions that change the
-- same tenant now conflict at commit (one is told to retry).
--
-- People read the counters of their tenants and the public reader those of the tenants it
-- sees; nobody writes the counters or the marks but the functions below.

create table public_change_counters (
    tenant_id bigint primary key references tenants (id) on delete cascade,
    changes bigint not null default 0
);

insert into public_change_counters (tenant_id) select id from tenants;

alter table public_change_counters enable row level security;
create policy public_change_counters_read on public_change_counters for select
    using (tenant_id = any ((select micic_tenants())::bigint[]));
create policy public_change_counters_public on public_change_counters for select to micic_public
    using ((select micic_is_public_reader()) and tenant_id = any ((select micic_public_tenants())::bigint[]));

-- The tenants each transaction in progress changed. Unlogged: no row survives its commit.
create unlogged table public_change_marks (
    transaction xid8 not null default pg_current_xact_id(),
    tenant_id bigint not null,
    primary key (transaction, tenant_id)
);

alter table public_change_marks enable row level security;

-- Marks the tenants `changed` (every tenant when null) as changed by this transaction.
create function micic_mark_public_changes(changed bigint[]) returns void
language sql set search_path = pg_catalog, public, pg_temp
as $$
    insert into public.public_change_marks (tenant_id)
    select tenant_id from public.public_change_counters where changed is null or tenant_id = any (changed)
    on conflict do nothing
$$;

create function micic_mark_item_changes() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    if tg_op = 'INSERT' then
        perform public.micic_mark_public_changes(array(select distinct tenant_id from new_rows));
    elsif tg_op = 'UPDATE' then
        perform public.micic_mark_public_changes(array(select tenant_id from old_rows union select tenant_id from new_rows));
    elsif tg_op = 'DELETE' then
        perform public.micic_mark_public_changes(array(select distinct tenant_id from old_rows));
    else
        perform public.micic_mark_public_changes(null);
    end if;
    return null;
end
$$;

create function micic_mark_tenant_changes() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    if tg_op = 'INSERT' then
        insert into public.public_change_counters (tenant_id) select id from new_rows;
        perform public.micic_mark_public_changes(array(select id from new_rows));
    elsif tg_op = 'UPDATE' then
        perform public.micic_mark_public_changes(array(select id from old_rows union select id from new_rows));
    elsif tg_op = 'DELETE' then
        perform public.micic_mark_public_changes(array(select id from old_rows));
    else
        perform public.micic_mark_public_changes(null);
    end if;
    return null;
end
$$;

-- At commit: moves the marked tenant's counter, drops the mark, and tells the listeners.
create function micic_count_public_change() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    update public.public_change_counters set changes = changes + 1 where tenant_id = new.tenant_id;
    delete from public.public_change_marks where transaction = new.transaction and tenant_id = new.tenant_id;
    perform pg_catalog.pg_notify('micic_public_changes', '');
    return null;
end
$$;

drop trigger items_public_change on items;
drop trigger tenants_public_change on tenants;
drop function micic_notify_public_change();

select micic_create_statement_triggers('items', 'items_public', 'micic_mark_item_changes');
select micic_create_statement_triggers('tenants', 'tenants_public', 'micic_mark_tenant_changes');
create trigger items_public_truncate after truncate on items
    for each statement execute function micic_mark_item_changes();
create trigger tenants_public_truncate after truncate on tenants
    for each statement execute function micic_mark_tenant_changes();
create constraint trigger public_change_marks_count after insert on public_change_marks
    deferrable initially deferred for each row execute function micic_count_public_change();

revoke execute on function micic_mark_public_changes(bigint[]), micic_mark_item_changes(), micic_mark_tenant_changes(),
    micic_count_public_change() from public;
grant select on public_change_counters to micic_people, micic_public;

-- Both tables are tenant-owned: their owner (the trigger functions) goes through a policy too.
select micic_force_row_security('public_change_counters');
select micic_force_row_security('public_change_marks');
