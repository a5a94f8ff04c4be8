internal import Kernel
internal import Postgres

/// The set-based SQL that merges a range of staged lines into the tenant's items: new
/// items inserted, changed ones updated to a new version, each with its revision, audit
/// entry and private fields, in one statement.
struct ImportMerge {
    /// The tenant's row id.
    let tenantID: Int64
    /// Who writes (the audit log's actor: the person connected).
    let author: String
    /// The revisions' message.
    let message: String?
    /// The import job, named in each revision's message.
    let job: Int64?

    /// The revisions' message, naming the job.
    private var note: String? {
        guard let job else { return message }
        return (message ?? "import") + " (import job \(job))"
    }

    /// What a merge (or a dry run's classification) counted.
    struct Counts {
        var created = 0
        var updated = 0
        var unchanged = 0
        /// Changed rows whose item moved on meanwhile (another session wrote it).
        var missed = 0

        /// Adds a batch's created, updated and unchanged rows.
        mutating func add(_ batch: Counts) {
            created += batch.created
            updated += batch.updated
            unchanged += batch.unchanged
        }
    }

    /// The staged rows of lines `after < line <= through`, each with the item it matches
    /// (if any), the values it would leave, and whether they differ.
    private func rows(after: Int, through: Int) -> Query {
        """
        with batch as (
            select s.line, s.type, s.language, s.slug, s.title, s.status, s.initial_status, s.fields::jsonb as fields,
                   s.private_fields::jsonb as private_fields, s.covered, i.id as target, i.version as old_version, i.title as old_title,
                   i.status as old_status, i.fields as old_fields, coalesce(p.fields, '{}') as old_private
            from micic_import_rows s
            left join micic_import_targets t on t.line = s.line
            left join items i on i.tenant_id = \(tenantID) and i.id = t.item
            left join item_private_fields p on p.tenant_id = \(tenantID) and p.item_id = t.item
            where s.line > \(after) and s.line <= \(through)
        ), merged as (
            select b.*, (b.old_fields - b.covered) || b.fields as new_fields,
                   (b.old_private - b.covered) || b.private_fields as new_private,
                   coalesce(b.status, b.old_status) as new_status
            from batch b where b.target is not null
        ), changed as (
            select * from merged
            where title <> old_title or new_status <> old_status or new_fields <> old_fields
               or new_private <> old_private
        )
        """
    }

    /// Merges the lines; the caller owns the transaction.
    func merge(after: Int, through: Int, on connection: isolated Connection) throws -> Counts {
        let statement =
            rows(after: after, through: through)
                + """
                , created as (
                    insert into items (tenant_id, type, language, slug, title, status, fields, author)
                    select \(tenantID), type, language, slug, title, coalesce(status, initial_status), fields, \(author)
                    from batch, \(RevisionNote.saying(note)) where target is null
                    returning id, type, language, slug
                ), updated as (
                    update items i set title = c.title, status = c.new_status, fields = c.new_fields,
                        author = \(author), version = i.version + 1, updated_at = now()
                    from changed c, \(RevisionNote.saying(note))
                    where i.tenant_id = \(tenantID) and i.id = c.target and i.version = c.old_version
                    returning i.id
                ), private_created as (
                    insert into item_private_fields (tenant_id, item_id, fields)
                    select \(tenantID), c.id, b.private_fields from created c
                    join batch b on b.target is null and b.type = c.type and b.language = c.language and b.slug = c.slug
                    where b.private_fields <> '{}'
                ), private_changed as (
                    insert into item_private_fields (tenant_id, item_id, fields)
                    select \(tenantID), target, new_private from changed
                    where new_private <> old_private and new_private <> '{}'
                    on conflict (tenant_id, item_id) do update set fields = excluded.fields
                ), private_cleared as (
                    delete from item_private_fields p using changed c
                    where p.tenant_id = \(tenantID) and p.item_id = c.target and c.new_private = '{}'
                      and c.old_private <> '{}'
                )
                select (select count(*) from created) as created, (select count(*) from updated) as updated,
                       (select count(*) from changed) as changed, (select count(*) from merged) as matched,
                       (select count(*) from batch where target is null) as wanted
                """
        let row = try connection.query(statement)[0]
        let changed: Int = try row.decode(column: "changed")
        let updated: Int = try row.decode(column: "updated")
        let created: Int = try row.decode(column: "created")
        let wanted: Int = try row.decode(column: "wanted")
        return Counts(
            created: created,
            updated: updated,
            unchanged: try row.decode(Int.self, column: "matched") - changed,
            missed: changed - updated + wanted - created
        )
    }
}
