-- The Translations plugin's effects, its publishing rule:
--   publish-translations (an original enters a published state): where the tenant publishes
--     translations on approval, its approved jobs move to published;
--   publish-on-approval (a job is approved): where the tenant publishes on approval and the
--     original is published, the job moves on to published;
--   publish-translation-targets (a job is published): its translation is published.
-- They run as the person who made the move, judged by the guards as theirs: where that
-- person may not publish translations (the tenant's translations-publish), approved
-- translations wait for an editor.

-- Whether the person connected may publish translations in `tenant` (or maintains the schema).
create function micic_may_publish_translations(tenant bigint) returns boolean
language sql stable security definer set search_path = pg_catalog, public, pg_temp
as $$
    select public.micic_is_maintainer('public.translation_jobs'::regclass)
        or coalesce(public.micic_role_in(tenant) in ('admin', 'editor')
            or (public.micic_role_in(tenant) = 'reviewer'
                and (select t.translations_publish from public.tenants t where t.id = tenant) = 'on-approval'), false)
$$;

-- publish-on-approval: moves the approved jobs among `ids` whose original is published to
-- published. (Effects say their own words; the runner gives the client's back afterwards.)
create function micic_effect_publish_on_approval(tenant bigint, ids bigint[]) returns void
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    if (select t.translations_publish from public.tenants t where t.id = tenant) is distinct from 'on-approval'
       or not public.micic_may_publish_translations(tenant) then
        return;
    end if;
    perform set_config('micic.message', '', true), set_config('micic.comment', '', true);
    update public.translation_jobs j
    set status = (select w.published_states[1] from public.workflows w where w.name = 'translation'),
        version = j.version + 1, updated_at = now()
    from public.items s
    where j.tenant_id = tenant and j.id = any (ids) and j.status = 'approved'
      and s.tenant_id = tenant and s.id = j.source_id and s.deleted_at is null
      and public.micic_published_in(s.type, s.status);
end
$$;

create function micic_effect_publish_translations(tenant bigint, ids bigint[]) returns void
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    perform public.micic_effect_publish_on_approval(tenant, array(
        select j.id from public.translation_jobs j where j.tenant_id = tenant and j.source_id = any (ids)));
end
$$;

create function micic_effect_publish_translation_targets(tenant bigint, ids bigint[]) returns void
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
begin
    perform set_config('micic.message', 'publish: its translation job is published', true),
        set_config('micic.comment', '', true);
    update public.items i
    set author = session_user,
        status = (select w.published_states[1] from public.content_types c join public.workflows w on w.name = c.workflow
                  where c.name = i.type)
    from public.translation_jobs j
    where j.tenant_id = tenant and j.id = any (ids) and i.tenant_id = tenant and i.id = j.target_id
      and not public.micic_published_in(i.type, i.status) and i.deleted_at is null;
end
$$;

revoke execute on function micic_may_publish_translations(bigint), micic_effect_publish_translations(bigint, bigint[]),
    micic_effect_publish_on_approval(bigint, bigint[]),
    micic_effect_publish_translation_targets(bigint, bigint[]) from public;
