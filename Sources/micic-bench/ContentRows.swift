/// Content-like rows: about 2 KB of text each and a jsonb column, the same on both sides.
struct ContentRows {
    let count: Int

    private static let words = [
        "migrants", "crisis", "preparedness", "emergency", "response", "consular", "evacuation", "host", "community",
        "guidelines", "coordination", "information", "assistance", "recovery", "capacity", "training", "países",
        "migración", "protección", "gestión", "réfugiés", "coordination", "système", "alerte",
    ]

    /// The row's fields in order: id, title, body, fields (JSON).
    func fields(_ index: Int) -> [String?] {
        var body = ""
        body.reserveCapacity(2100)
        var word = UInt(index)
        while body.utf8.count < 2000 {
            body += Self.words[Int(word % UInt(Self.words.count))]
            body += word % 11 == 0 ? ".\n" : " "
            word = word &* 31 &+ 7
        }
        let title =
            "Practice \(index): \(Self.words[index % Self.words.count]) and \(Self.words[(index / 7) % Self.words.count])"
        let fields =
            #"{"guidelines": [\#(index % 15 + 1), \#((index / 3) % 15 + 1)], "phase": "preparedness", "countries": ["CR", "PH"]}"#
        return [String(index), title, body, fields]
    }

    static let tableDefinition =
        "create table if not exists bench_items (id bigint, title text, body text, fields jsonb)"
}
