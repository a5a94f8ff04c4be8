-- The Translations plugin's effect on content workflows (`publish-translations`, run when
-- an original enters a published state): where the tenant publishes translations on
-- approval, its approved translations are published with it, and their jobs move to
-- published. They are published as the person who published the original, so only when
-- that person may publish translations and jobs (editors and admins, and the schema's
-- maintainers); otherwise they stay approved for an editor to publish.
create function micic_effect_publish_translations(tenant bigint, ids bigint[]) returns void
language plpgsql security definer set search_path = pg_catalog, public, pg_temp
as $$
declare
    jobs bigint[];
    said_message text := coalesce(current_setting('micic.message', true), '');
    said_comment text := coalesce(current_setting('micic.comment', true), '');
begin
    if (select t.translations_publish from public.tenants t where t.id = tenant) is distinct from 'on-approval'
       or not (public.micic_is_maintainer('public.items'::regclass)
               or coalesce(public.micic_role_in(tenant) in ('admin', 'editor'), false)) then
        return;
    end if;
    select array_agg(j.id order by j.id) into jobs
    from public.translation_jobs j
    where j.tenant_id = tenant and j.source_id = any (ids) and j.status = 'approved';
    if jobs is null then
        return;
    end if;
    perform set_config('micic.message', 'publish: translation approved, original published', true),
        set_config('micic.comment', '', true);
    update public.items i
    set author = session_user,
        status = (select w.published_states[1] from public.content_types c join public.workflows w on w.name = c.workflow
                  where c.name = i.type)
    from public.translation_jobs j
    where j.tenant_id = tenant and j.id = any (jobs) and i.tenant_id = tenant and i.id = j.target_id
      and not public.micic_published_in(i.type, i.status) and i.deleted_at is null;
    perform set_config('micic.message', '', true);
    update public.translation_jobs j set status = 'published', version = j.version + 1, updated_at = now()
    where j.tenant_id = tenant and j.id = any (jobs);
    perform set_config('micic.message', said_message, true), set_config('micic.comment', said_comment, true);
end
$$;

revoke execute on function micic_effect_publish_translations(bigint, bigint[]) from public;
