public import struct Foundation.Date

extension Date: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .timestamptz }

    /// Sends the instant in UTC with microsecond precision, PostgreSQL's own resolution.
    public func postgresText() throws -> String? {
        CivilTime(date: self).isoText
    }

    /// Reads `timestamptz` (any time zone offset), `timestamp` (taken as UTC) and `date`
    /// (midnight UTC) in the ISO output style.
    public static func decode(postgresText text: String, type: PostgresType) throws -> Date {
        var text = text
        return try text.withUTF8 { try decode(postgresBytes: UnsafeRawBufferPointer($0), type: type) }
    }

    /// Reads the timestamp's ASCII digits where libpq holds them.
    public static func decode(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Date {
        guard type == .timestamptz || type == .timestamp || type == .date else { throw typeMismatch(type) }
        guard let time = CivilTime(isoText: bytes) else { throw malformed(type) }
        return time.date
    }
}

/// A calendar date and time of day in UTC, converted without Foundation's calendars so
/// that encoding a timestamp costs a few integer operations.
struct CivilTime {
    var year: Int
    var month: Int
    var day: Int
    var microsecondOfDay: Int64

    init(date: Date) {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (days, remainder) = micros.floorDivided(by: 86_400_000_000)
        (year, month, day) = Self.civil(fromDays: days)
        microsecondOfDay = remainder
    }

    /// Parses `YYYY-MM-DD[ HH:MM:SS[.ffffff]][±HH[:MM[:SS]]]`.
    init?(isoText text: UnsafeRawBufferPointer) {
        var scanner = DigitScanner(text.bindMemory(to: UInt8.self))
        guard let year = scanner.number(), scanner.skip("-"), let month = scanner.number(minDigits: 2),
            scanner.skip("-"), let day = scanner.number(minDigits: 2), (1...12).contains(month),
            (1...31).contains(day)
        else { return nil }
        self.year = Int(year)
        self.month = Int(month)
        self.day = Int(day)
        microsecondOfDay = 0
        if scanner.skip(" ") || scanner.skip("T") {
            guard let hour = scanner.number(minDigits: 2), scanner.skip(":"), let minute = scanner.number(minDigits: 2),
                scanner.skip(":"), let second = scanner.number(minDigits: 2), hour < 25, minute < 60, second < 61
            else { return nil }
            var micros: Int64 = 0
            if scanner.skip(".") {
                let start = scanner.index
                guard let fraction = scanner.number() else { return nil }
                let digits = scanner.index - start
                guard digits <= 6 else { return nil }
                micros = fraction * Int64(pow10(6 - digits))
            }
            microsecondOfDay = ((hour * 60 + minute) * 60 + second) * 1_000_000 + micros
            if let sign = scanner.sign() {
                guard let hours = scanner.number(minDigits: 2) else { return nil }
                var offset = hours * 3600
                if scanner.skip(":") {
                    guard let minutes = scanner.number(minDigits: 2) else { return nil }
                    offset += minutes * 60
                    if scanner.skip(":") {
                        guard let seconds = scanner.number(minDigits: 2) else { return nil }
                        offset += seconds
                    }
                }
                microsecondOfDay -= sign * offset * 1_000_000
            }
        }
        guard scanner.atEnd else { return nil }
    }

    var date: Date {
        let days = Self.days(fromCivil: year, month, day)
        let micros = Int64(days) * 86_400_000_000 + microsecondOfDay
        return Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    var isoText: String {
        let seconds = microsecondOfDay / 1_000_000
        let fraction = microsecondOfDay % 1_000_000
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + " "
        text += pad(Int(seconds / 3600), 2) + ":" + pad(Int(seconds / 60 % 60), 2) + ":" + pad(Int(seconds % 60), 2)
        if fraction != 0 { text += "." + pad(Int(fraction), 6) }
        return text + "+00"
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private func pow10(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Reads ASCII digits and punctuation from a byte array, left to right.
private struct DigitScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func number(minDigits: Int = 1) -> Int64? {
        let start = index
        var value: Int64 = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, index - start < 18 {
            value = value * 10 + Int64(bytes[index] - 48)
            index += 1
        }
        return index - start >= minDigits ? value : nil
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, with a non-negative remainder.
    fileprivate func floorDivided(by divisor: Int64) -> (Int64, Int64) {
        let quotient = self / divisor
        let remainder = self % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
