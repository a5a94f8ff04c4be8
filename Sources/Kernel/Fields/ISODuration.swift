/// An ISO 8601 duration such as `PT2H`, `PT1H30M`, `P1DT4H` or `P2W`.
public struct ISODuration: Sendable, Hashable {
    /// The duration in seconds, counting a day as 24 hours, a month as 30 days and a year as 365.
    public let seconds: Int

    /// Parses the text; `nil` when it is not a duration.
    public init?(_ text: String) {
        var characters = Substring(text)
        guard characters.first == "P", characters.count > 1 else { return nil }
        characters = characters.dropFirst()
        var inTime = false
        var total = 0
        var sawComponent = false
        var lastRank = -1
        while !characters.isEmpty {
            if characters.first == "T" {
                guard !inTime else { return nil }
                inTime = true
                characters = characters.dropFirst()
                guard !characters.isEmpty else { return nil }
                continue
            }
            let digits = characters.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int(digits) else { return nil }
            characters = characters.dropFirst(digits.count)
            guard let designator = characters.first else { return nil }
            characters = characters.dropFirst()
            let units: [Character: (rank: Int, seconds: Int)] =
                inTime
                ? ["H": (4, 3600), "M": (5, 60), "S": (6, 1)]
                : ["Y": (0, 31_536_000), "M": (1, 2_592_000), "W": (2, 604_800), "D": (3, 86_400)]
            guard let unit = units[designator], unit.rank > lastRank else { return nil }
            lastRank = unit.rank
            total += number * unit.seconds
            sawComponent = true
        }
        guard sawComponent else { return nil }
        seconds = total
    }
}
