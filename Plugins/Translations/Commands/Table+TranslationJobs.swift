internal import Kernel

extension Table {
    /// One row per job: its id, state, languages, items, people, due date (marked when
    /// overdue) and outdated fields.
    init(jobs: [TranslationJob]) {
        let today = CalendarDate.today
        self.init(
            columns: [
                "id", "status", "language", "type", "source", "target", "title", "translator", "reviewer", "due",
                "outdated",
            ],
            rows: jobs.map { job in
                [
                    String(job.id), job.status, job.language, job.type, String(job.sourceID), String(job.targetID),
                    job.sourceTitle,
                    job.translator ?? "", job.reviewer ?? "",
                    job.due.map { $0.description + (job.isOverdue(on: today) ? " (overdue)" : "") } ?? "",
                    job.outdatedFields.joined(separator: ","),
                ]
            }
        )
    }
}
