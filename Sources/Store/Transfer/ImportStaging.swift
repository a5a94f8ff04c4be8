internal import Kernel
internal import Postgres
internal import Transfer

/// An import's staging tables, temporary to the session: the file's valid rows, loaded by
/// COPY, and the items they match. Checks that span rows (repeated keys, matched items in
/// the trash, clashing slugs) run here, set-based, before anything is written.
///
/// Field values are staged as JSON text stored out of line, uncompressed: the server then
/// parses each once, when it is merged (as a COPY into `items` would), and the row checks
/// scan a narrow table.
struct ImportStaging {
    /// The tenant's row id.
    let tenantID: Int64
    /// `slug`, or the field holding an external id.
    let key: String

    /// Creates the tables, or empties them when the session has them already.
    func create(on connection: isolated Connection) throws {
        try connection.executeScript(
            """
            create temp table if not exists micic_import_rows (
                line bigint primary key,
                type text not null,
                language text not null,
                slug text not null,
                slug_given boolean not null,
                title text not null,
                status text,
                initial_status text not null,
                fields text not null,
                private_fields text not null,
                covered text[] not null,
                key text not null,
                source_id bigint,
                source_translation_of bigint
            );
            create temp table if not exists micic_import_targets (
                line bigint primary key,
                item bigint not null,
                trashed boolean not null,
                matches bigint not null
            );
            alter table micic_import_rows alter fields set storage external,
                alter private_fields set storage external;
            truncate micic_import_rows, micic_import_targets;
            """
        )
    }

    /// Drops the tables (and the disk space they hold).
    func drop(on connection: isolated Connection) {
        try? connection.executeScript("drop table if exists micic_import_rows, micic_import_targets")
    }

    /// The COPY that loads rows given by ``cells(_:)``.
    static let copy: Query = """
        copy micic_import_rows (line, type, language, slug, slug_given, title, status, initial_status, fields, \
        private_fields, covered, key, source_id, source_translation_of) from stdin
        """

    /// A row's columns in COPY's text format.
    static func cells(_ row: ImportRow) -> [String?] {
        [
            String(row.line), row.type, row.language, row.slug, row.slugGiven ? "t" : "f", row.title, row.status,
            row.initialStatus, FieldValue.jsonText(of: row.fields), FieldValue.jsonText(of: row.privateFields),
            "{" + row.covered.map { "\"" + $0 + "\"" }.joined(separator: ",") + "}", row.key,
            row.sourceID.map(String.init), row.sourceTranslationOf.map(String.init),
        ]
    }

    /// The staging tables, the only ones a session hands another.
    private static let tables = ["micic_import_rows", "micic_import_targets"]

    /// Writes the staged rows of `batches` (of `plan`, numbered as
    /// ``ImportBatch/plan(after:size:on:)`` numbers them) and their matched items to
    /// `spools`, one per staging table in COPY's text format, for another session's staging.
    func copyOut(
        _ batches: [ImportBatch],
        of plan: [ImportBatch],
        to spools: [SpoolFile],
        on connection: isolated Connection
    ) throws {
        // A line's batch is the number of batch starts at or before it, less one. COPY takes
        // no parameters: the numbers are written in.
        let starts = "'{" + plan.map { String($0.after + 1) }.joined(separator: ",") + "}'::bigint[]"
        let wanted = "'{" + batches.map { String($0.index) }.joined(separator: ",") + "}'::bigint[]"
        for (table, spool) in zip(Self.tables, spools) {
            _ = try connection.copyTo(
                Query(
                    unsafeSQL: "copy (select * from \(table) where width_bucket(line, \(starts)) - 1 = any (\(wanted)) "
                        + "order by line) to stdout"
                )
            ) { try spool.append($0) }
            try spool.finish()
        }
    }

    /// Loads what ``copyOut(_:of:to:on:)`` wrote into this session's staging tables (made by
    /// ``create(on:)``).
    func copyIn(from spools: [SpoolFile], on connection: isolated Connection) throws {
        for (table, spool) in zip(Self.tables, spools) {
            _ = try connection.copyFrom(Query(unsafeSQL: "copy \(table) from stdin")) { writer in
                try spool.read { try writer.write(bytes: $0) }
            }
        }
    }

    /// Gathers statistics of the narrow columns, so batches are planned for the table's real
    /// size (a temporary table has none otherwise).
    func analyze(on connection: isolated Connection) throws {
        try connection.execute("analyze micic_import_rows (line, type, language, slug, key)")
    }

    /// Rows sharing a key with another row of the file: each is rejected (which one is
    /// right cannot be told) and unstaged.
    func rejectRepeatedKeys(on connection: isolated Connection) throws -> [[RejectedRow]] {
        let groups = try connection.query(
            """
            select array_agg(line order by line) as lines, min(key) as key from micic_import_rows
            group by type, language, key having count(*) > 1
            """
        )
        var rejected: [[RejectedRow]] = []
        for group in groups {
            let lines: [Int64] = try group.decode(column: "lines")
            let value: String = try group.decode(column: "key")
            for line in lines {
                let others = lines.filter { $0 != line }.map(String.init).joined(separator: ", ")
                let reason = "'\(value)' is also the \(key) of line \(others): each key may appear once in a file"
                rejected.append([RejectedRow(line: Int(line), field: key, reason: reason)])
            }
            try unstage(lines, on: connection)
        }
        return rejected
    }

    /// Finds the live item each row updates; rows matching a trashed item, or several
    /// items, are rejected and unstaged.
    func resolveTargets(on connection: isolated Connection) throws -> [[RejectedRow]] {
        let match: Query =
            key == "slug"
            ? "i.slug = s.slug"
            : "i.fields ->> \(key) = s.key"
        try connection.execute(
            """
            insert into micic_import_targets (line, item, trashed, matches)
            select s.line, min(i.id), bool_or(i.deleted_at is not null), count(*)
            from micic_import_rows s
            join items i on i.tenant_id = \(tenantID) and i.type = s.type and i.language = s.language and 
            """ + match + " group by s.line"
        )
        let conflicts = try connection.query(
            """
            select t.line, t.item, t.trashed, t.matches, s.key from micic_import_targets t
            join micic_import_rows s on s.line = t.line
            where t.trashed or t.matches > 1 order by t.line
            """
        )
        var rejected: [[RejectedRow]] = []
        var lines: [Int64] = []
        for row in conflicts {
            let line: Int64 = try row.decode(column: "line")
            let item: Int64 = try row.decode(column: "item")
            let value: String = try row.decode(column: "key")
            let reason =
                try row.decode(Int.self, column: "matches") > 1
                ? "\(try row.decode(Int.self, column: "matches")) items have the \(key) '\(value)'; it must name one"
                : "matches item \(item), which is in the trash: restore or purge it first"
            rejected.append([RejectedRow(line: Int(line), field: key, reason: reason)])
            lines.append(line)
        }
        try unstage(lines, on: connection)
        return rejected
    }

    /// Gives new rows whose slug (made from the title) is taken, by an item or an earlier
    /// row, the next free one (`slug-2`, ...); a row that chose a taken slug is rejected.
    func settleSlugs(on connection: isolated Connection) throws -> [[RejectedRow]] {
        let clashes = try connection.query(
            """
            with fresh as (
                select s.line, s.type, s.language, s.slug, s.slug_given,
                       row_number() over (partition by s.type, s.language, s.slug order by s.line) as n
                from micic_import_rows s
                where not exists (select 1 from micic_import_targets t where t.line = s.line)
            )
            select f.line, f.type, f.language, f.slug, f.slug_given from fresh f
            where f.n > 1 or exists (select 1 from items i where i.tenant_id = \(tenantID) and i.type = f.type
                                     and i.language = f.language and i.slug = f.slug)
            order by f.line
            """
        )
        var rejected: [[RejectedRow]] = []
        var unstaged: [Int64] = []
        for clash in clashes {
            let line: Int64 = try clash.decode(column: "line")
            let type: String = try clash.decode(column: "type")
            let language: String = try clash.decode(column: "language")
            let slug: String = try clash.decode(column: "slug")
            if try clash.decode(Bool.self, column: "slug_given") {
                let reason = "'\(slug)' is already the slug of another \(type) in \(language)"
                rejected.append([RejectedRow(line: Int(line), field: "slug", reason: reason)])
                unstaged.append(line)
                continue
            }
            let taken = try connection.query(
                """
                select slug from items where tenant_id = \(tenantID) and type = \(type) and language = \(language)
                  and (slug = \(slug) or slug like \(slug + "-%"))
                union
                select slug from micic_import_rows where type = \(type) and language = \(language)
                  and (slug = \(slug) or slug like \(slug + "-%"))
                """
            ).map { try $0.decode(String.self, at: 0) }
            let free = Slug.unique(slug, avoiding: Set(taken))
            try connection.execute("update micic_import_rows set slug = \(free) where line = \(line)")
        }
        try unstage(unstaged, on: connection)
        return rejected
    }

    /// Rows that would set a workflow state other than the item's (or, for a new item,
    /// other than the workflow's first): states change through transitions, so only admins
    /// import them. Those rows are rejected and unstaged.
    func rejectStateChanges(on connection: isolated Connection) throws -> [[RejectedRow]] {
        let rows = try connection.query(
            """
            select s.line, s.status, i.id, coalesce(i.status, s.initial_status) as current
            from micic_import_rows s
            left join micic_import_targets t on t.line = s.line
            left join items i on i.tenant_id = \(tenantID) and i.id = t.item
            where s.status is not null and s.status <> coalesce(i.status, s.initial_status)
            order by s.line
            """
        )
        var rejected: [[RejectedRow]] = []
        var lines: [Int64] = []
        for row in rows {
            let line: Int64 = try row.decode(column: "line")
            let status: String = try row.decode(column: "status")
            let current: String = try row.decode(column: "current")
            let reason =
                if let item = try row.decode(Int64?.self, column: "id") {
                    "would move item \(item) from \(current) to \(status): states change through the workflow "
                        + "(submit, approve, publish), and only admins import them"
                } else {
                    "new items start as \(current); only admins import items in another state"
                }
            rejected.append([RejectedRow(line: Int(line), field: "status", reason: reason)])
            lines.append(line)
        }
        try unstage(lines, on: connection)
        return rejected
    }

    /// Points each item whose row names the item it translates (by the ids of the file's
    /// source) at that item, when it came in the same file. Rows are found by slug.
    func linkTranslations(on connection: isolated Connection) throws {
        try connection.execute(
            """
            update items t set translation_of = o.id
            from micic_import_rows s
            join micic_import_rows so on so.source_id = s.source_translation_of
            join items o on o.tenant_id = \(tenantID) and o.type = so.type and o.language = so.language
                and o.slug = so.slug and o.deleted_at is null
            where s.source_translation_of is not null and t.tenant_id = \(tenantID) and t.type = s.type
              and t.language = s.language and t.slug = s.slug and t.deleted_at is null and t.id <> o.id
              and t.translation_of is distinct from o.id
            """
        )
    }

    private func unstage(_ lines: [Int64], on connection: isolated Connection) throws {
        guard !lines.isEmpty else { return }
        try connection.execute(
            """
            with gone as (delete from micic_import_rows where line = any(\(lines)) returning line)
            delete from micic_import_targets where line in (select line from gone)
            """
        )
    }
}
