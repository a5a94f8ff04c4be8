-- Workflow rules the database enforces for anyone who connects directly: which role may
-- move an item (or a translation job) from which state to which. The rows mirror the
-- Kernel's `Workflow` values (`editorial`, `translation`); a test keeps the two equal.

create table workflow_transitions (
    workflow text not null,
    name text not null,
    from_states text[] not null,
    to_state text not null,
    roles text[] not null,
    requires_comment boolean not null default false,
    primary key (workflow, name)
);

insert into workflow_transitions (workflow, name, from_states, to_state, roles, requires_comment) values
    ('editorial', 'submit', '{draft,changes_requested}', 'in_review', '{editor,admin}', false),
    ('editorial', 'request-changes', '{in_review}', 'changes_requested', '{reviewer,admin}', true),
    ('editorial', 'approve', '{in_review}', 'approved', '{reviewer,admin}', false),
    ('editorial', 'publish', '{approved}', 'published', '{editor,admin}', false),
    ('editorial', 'unpublish', '{published}', 'approved', '{editor,admin}', false),
    ('editorial', 'archive', '{draft,approved,published}', 'archived', '{editor,admin}', false),
    ('editorial', 'reopen', '{archived}', 'draft', '{editor,admin}', false),
    ('translation', 'start', '{requested}', 'in_progress', '{translator,admin}', false),
    ('translation', 'submit', '{requested,in_progress,changes_requested,outdated}', 'submitted',
        '{translator,admin}', false),
    ('translation', 'request-changes', '{submitted}', 'changes_requested', '{reviewer,admin}', true),
    ('translation', 'approve', '{submitted}', 'approved', '{reviewer,admin}', false),
    ('translation', 'publish', '{approved}', 'published', '{editor,admin}', false),
    ('translation', 'outdate', '{in_progress,submitted,changes_requested,approved,published}', 'outdated',
        '{editor,admin}', false);

grant select on workflow_transitions to micic_people;

-- Whether `member_role` may move something of `workflow` from `from_state` to `to_state`.
create function micic_transition_allowed(workflow text, from_state text, to_state text, member_role text)
returns boolean
language sql stable security definer set search_path = pg_catalog, public
as $$
    select member_role = 'admin' or exists (
        select 1 from workflow_transitions t
        where t.workflow = micic_transition_allowed.workflow and from_state = any (t.from_states)
          and t.to_state = micic_transition_allowed.to_state and member_role = any (t.roles))
$$;

grant execute on function micic_transition_allowed(text, text, text, text) to micic_people;

-- Scheduled publishing: a published item is visible from publish_at (when set) until
-- unpublish_at (when set). Readers compute visibility from the clock, so nothing has to
-- run when the time comes.
alter table items add column publish_at timestamptz, add column unpublish_at timestamptz,
    add check (publish_at is null or unpublish_at is null or publish_at < unpublish_at);

-- Whether an item is visible to the public now.
create function micic_is_public(status text, publish_at timestamptz, unpublish_at timestamptz)
returns boolean
language sql stable parallel safe
as $$
    select status = 'published' and (publish_at is null or publish_at <= now())
        and (unpublish_at is null or unpublish_at > now())
$$;

-- Whether the authenticated role maintains the schema (owns `tbl`, or is a superuser):
-- migrations and maintenance are not people, and no person rule applies to them.
create function micic_is_maintainer(tbl regclass) returns boolean
language sql stable security definer set search_path = pg_catalog, public
as $$
    select session_user = (select pg_get_userbyid(relowner) from pg_class where oid = tbl)
        or (select rolsuper from pg_roles where rolname = session_user)
$$;

-- The workflow, for items: new items start as drafts, a change of status must be a
-- transition the person's role may take, and only editors schedule publishing.
-- Translations (translation_of set) follow their translation job: they are published when
-- the job is approved. Admins may do everything.
create function micic_guard_item_workflow() returns trigger
language plpgsql security definer set search_path = pg_catalog, public
as $$
declare
    member_role text;
begin
    if micic_is_maintainer(tg_relid) then
        return new;
    end if;
    member_role := micic_role_in(new.tenant_id);
    if member_role = 'admin' then
        return new;
    end if;
    if tg_op = 'INSERT' then
        if new.status <> 'draft' then
            raise exception 'new content starts as a draft' using errcode = '42501';
        end if;
        return new;
    end if;
    if (new.publish_at, new.unpublish_at) is distinct from (old.publish_at, old.unpublish_at)
       and member_role <> 'editor' then
        raise exception 'only editors and admins schedule publishing' using errcode = '42501';
    end if;
    if new.status is distinct from old.status then
        if new.translation_of is not null then
            if not (new.status = 'published' and exists (
                    select 1 from translation_jobs j
                    where j.tenant_id = new.tenant_id and j.target_id = new.id and j.status in ('approved', 'published')))
               and not (member_role = 'editor' and micic_transition_allowed('editorial', old.status, new.status, member_role))
            then
                raise exception 'a translation is published through its approved translation job' using errcode = '42501';
            end if;
        elsif not micic_transition_allowed('editorial', old.status, new.status, member_role) then
            raise exception 'as % you may not move content from % to %', member_role, old.status, new.status
                using errcode = '42501';
        end if;
    end if;
    return new;
end
$$;

create trigger items_workflow_guard before insert or update on items
    for each row execute function micic_guard_item_workflow();
