import Foundation

/// A repeating schedule, written as a subset of RFC 5545 RRULE so calendars and people share one form:
/// `FREQ=MONTHLY;BYDAY=3WE;COUNT=6`, `FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20201231`, `FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10`.
public struct Recurrence: Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Pattern: Hashable, Codable, Sendable {
        /// Every `interval` days.
        case daily
        /// Every `interval` weeks on these ISO weekdays (1 Monday … 7 Sunday).
        case weekly(weekdays: [Int])
        /// Every `interval` months on this day of the month (months without it are skipped).
        case monthlyOnDay(Int)
        /// Every `interval` months on the n-th weekday (n = 1…4, or -1 for the last).
        case monthlyOnWeekday(ordinal: Int, weekday: Int)
    }

    public var pattern: Pattern
    public var interval: Int
    public var count: Int?
    public var until: CivilDate?
    /// Dates skipped (RRULE EXDATE), e.g. an occurrence that falls on a holiday.
    public var exceptions: Set<CivilDate>

    /// More occurrences than this are refused: a series is planned a year or two ahead, not forever.
    public static let maxOccurrences = 260

    private static let weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    public init(pattern: Pattern, interval: Int = 1, count: Int? = nil, until: CivilDate? = nil,
                exceptions: Set<CivilDate> = []) throws(PlanningError) {
        guard count != nil || until != nil else { throw .recurrenceUnbounded }
        guard (1...366).contains(interval) else { throw .recurrenceInvalid("INTERVAL=\(interval)", "use 1 to 366") }
        if let count, !(1...Self.maxOccurrences).contains(count) {
            throw .recurrenceTooLong(count, max: Self.maxOccurrences)
        }
        self.pattern = pattern
        self.interval = interval
        self.count = count
        self.until = until
        self.exceptions = exceptions
    }

    /// Parses the RRULE subset described on the type.
    public init(rule: String, exceptions: Set<CivilDate> = []) throws(PlanningError) {
        var fields: [String: String] = [:]
        for part in rule.uppercased().replacingOccurrences(of: "RRULE:", with: "").split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw .recurrenceInvalid(rule, "write KEY=VALUE pairs separated by ';'") }
            fields[kv[0]] = kv[1]
        }
        let interval = Int(fields["INTERVAL"] ?? "1")
        guard let interval else { throw .recurrenceInvalid(rule, "INTERVAL must be a whole number") }
        var count: Int?
        if let c = fields["COUNT"] {
            guard let n = Int(c), n > 0 else { throw .recurrenceInvalid(rule, "COUNT must be a positive whole number") }
            count = n
        }
        var until: CivilDate?
        if let u = fields["UNTIL"] {
            let digits = String(u.prefix(8))
            guard digits.count == 8, let d = try? CivilDate("\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))")
            else { throw .recurrenceInvalid(rule, "UNTIL must be a date YYYYMMDD") }
            until = d
        }
        let pattern: Pattern
        switch fields["FREQ"] {
        case "DAILY":
            guard fields["BYDAY"] == nil, fields["BYMONTHDAY"] == nil else {
                throw .recurrenceInvalid(rule, "a daily rule takes no BYDAY or BYMONTHDAY; use FREQ=WEEKLY;BYDAY=MO,TU,… for chosen days")
            }
            pattern = .daily
        case "WEEKLY":
            guard let byday = fields["BYDAY"] else { throw .recurrenceInvalid(rule, "weekly needs BYDAY, e.g. BYDAY=MO or BYDAY=MO,TH") }
            var days: [Int] = []
            for code in byday.split(separator: ",") {
                guard let i = Self.weekdayCodes.firstIndex(of: String(code)) else {
                    throw .recurrenceInvalid(rule, "weekly BYDAY takes MO,TU,WE,TH,FR,SA,SU")
                }
                days.append(i + 1)
            }
            pattern = .weekly(weekdays: Array(Set(days)).sorted())
        case "MONTHLY":
            if let md = fields["BYMONTHDAY"] {
                guard let d = Int(md), (1...31).contains(d) else { throw .recurrenceInvalid(rule, "BYMONTHDAY must be 1 to 31") }
                pattern = .monthlyOnDay(d)
            } else if let byday = fields["BYDAY"] {
                let code = String(byday.suffix(2))
                let ordinalText = String(byday.dropLast(2))
                guard let w = Self.weekdayCodes.firstIndex(of: code), let n = Int(ordinalText), [1, 2, 3, 4, -1].contains(n) else {
                    throw .recurrenceInvalid(rule, "monthly BYDAY needs an ordinal and a day, e.g. 2WE (second Wednesday) or -1FR (last Friday)")
                }
                pattern = .monthlyOnWeekday(ordinal: n, weekday: w + 1)
            } else {
                throw .recurrenceInvalid(rule, "monthly needs BYMONTHDAY=15 or BYDAY=3WE")
            }
        default:
            throw .recurrenceInvalid(rule, "FREQ must be DAILY, WEEKLY or MONTHLY")
        }
        try self.init(pattern: pattern, interval: interval, count: count, until: until, exceptions: exceptions)
    }

    public var description: String {
        var parts: [String]
        switch pattern {
        case .daily: parts = ["FREQ=DAILY"]
        case let .weekly(days): parts = ["FREQ=WEEKLY", "BYDAY=" + days.map { Self.weekdayCodes[$0 - 1] }.joined(separator: ",")]
        case let .monthlyOnDay(d): parts = ["FREQ=MONTHLY", "BYMONTHDAY=\(d)"]
        case let .monthlyOnWeekday(n, w): parts = ["FREQ=MONTHLY", "BYDAY=\(n)\(Self.weekdayCodes[w - 1])"]
        }
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if let count { parts.append("COUNT=\(count)") }
        if let until { parts.append("UNTIL=" + until.description.replacingOccurrences(of: "-", with: "")) }
        return parts.joined(separator: ";")
    }

    /// The local days of the series starting on `first`, which must itself match the pattern.
    /// Exceptions are removed after counting, as RFC 5545 does with EXDATE.
    public func days(from first: CivilDate) throws(PlanningError) -> [CivilDate] {
        var result: [CivilDate] = []
        let limit = count ?? Self.maxOccurrences + 1
        func accept(_ d: CivilDate) -> Bool {
            if let until, d > until { return false }
            if d >= first { result.append(d) }
            return true
        }
        var periods = 0
        outer: while result.count < limit {
            periods += 1
            // A pattern that matches rarely (day 31 every 12 months) still ends: at most 100 years are looked at.
            if periods > 1200 { break }
            switch pattern {
            case .daily:
                if !accept(first.adding(days: (periods - 1) * interval)) { break outer }
            case let .weekly(weekdays):
                let monday = first.adding(days: 1 - first.isoWeekday + (periods - 1) * 7 * interval)
                for w in weekdays {
                    if result.count >= limit { break outer }
                    if !accept(monday.adding(days: w - 1)) { break outer }
                }
            case let .monthlyOnDay(day):
                let (y, m) = Self.month(first, plus: (periods - 1) * interval)
                guard day <= CivilDate.daysIn(month: m, year: y) else { continue }
                if !accept(try! CivilDate(year: y, month: m, day: day)) { break outer }
            case let .monthlyOnWeekday(ordinal, weekday):
                let (y, m) = Self.month(first, plus: (periods - 1) * interval)
                let firstOfMonth = try! CivilDate(year: y, month: m, day: 1)
                let firstMatch = 1 + (weekday - firstOfMonth.isoWeekday + 7) % 7
                var day = firstMatch + (ordinal - 1) * 7
                if ordinal == -1 {
                    day = firstMatch + 28 <= CivilDate.daysIn(month: m, year: y) ? firstMatch + 28 : firstMatch + 21
                }
                guard day <= CivilDate.daysIn(month: m, year: y) else { continue }
                if !accept(try! CivilDate(year: y, month: m, day: day)) { break outer }
            }
        }
        if count == nil, result.count > Self.maxOccurrences {
            throw .recurrenceTooLong(result.count, max: Self.maxOccurrences)
        }
        guard result.first == first else { throw .startNotInRecurrence(first, rule: description) }
        return result.filter { !exceptions.contains($0) }
    }

    private static func month(_ d: CivilDate, plus months: Int) -> (Int, Int) {
        let index = d.year * 12 + (d.month - 1) + months
        return (index / 12, index % 12 + 1)
    }
}
