-- micic_tenants(), which every policy on a tenant-owned table calls once per statement, in
-- fewer steps: one look-up of the person (by primary key) instead of two (it called the
-- definer function micic_is_platform_admin(), then joined principals again), and, for the
-- tenants a person belongs to, the memberships alone (the join with tenants only filters
-- archived tenants, asked for with roles). Same answers: nothing for a disabled person or an
-- unknown one (unless a platform admin), every tenant for platform admins, else the
-- tenants of the person's memberships (with `roles`: in one of those roles, not archived).
-- It cost a member's list page 0.05 ms; now 0.03 (pgbench, one statement calling it).
create or replace function micic_tenants(roles text[] default null) returns bigint[]
language plpgsql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    disabled boolean;
    result bigint[];
begin
    select p.disabled_at is not null into disabled from public.principals p where p.name = session_user;
    if disabled then
        return '{}'::bigint[];
    elsif pg_has_role(session_user, 'micic_admins', 'member') then
        select coalesce(array_agg(t.id), '{}') into result
        from public.tenants t where roles is null or t.archived_at is null;
    elsif disabled is null then
        return '{}'::bigint[];
    elsif roles is null then
        select coalesce(array_agg(m.tenant_id), '{}') into result
        from public.memberships m where m.principal = session_user;
    else
        select coalesce(array_agg(m.tenant_id), '{}') into result
        from public.memberships m join public.tenants t on t.id = m.tenant_id
        where m.principal = session_user and m.role = any (roles) and t.archived_at is null;
    end if;
    return result;
end
$$;
