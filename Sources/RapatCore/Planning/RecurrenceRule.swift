import Foundation

/// An RFC 5545 recurrence rule (§3.3.10), the whole of it: FREQ from SECONDLY to YEARLY, INTERVAL, COUNT,
/// UNTIL (a date, a floating or a UTC date-time), every BYxxx part, BYSETPOS and WKST. Parsing keeps what
/// the text says; `expand(from:)` applies RFC 5545's defaults from the start.
public struct RecurrenceRule: Hashable, Sendable, CustomStringConvertible {
    public enum Frequency: Int, Comparable, Sendable, CaseIterable {
        case secondly, minutely, hourly, daily, weekly, monthly, yearly

        public var name: String {
            ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"][rawValue]
        }

        public static func < (a: Frequency, b: Frequency) -> Bool { a.rawValue < b.rawValue }
    }

    /// A BYDAY entry: a weekday (1 Monday … 7 Sunday), optionally the n-th of its month or year (negative from the end).
    public struct WeekdayNum: Hashable, Sendable, CustomStringConvertible {
        public var ordinal: Int
        public var weekday: Int

        public init(_ ordinal: Int = 0, _ weekday: Int) {
            self.ordinal = ordinal
            self.weekday = weekday
        }

        public var description: String { (ordinal == 0 ? "" : "\(ordinal)") + RecurrenceRule.weekdayCodes[weekday - 1] }
    }

    /// Where the rule stops, as written.
    public enum Until: Hashable, Sendable {
        /// `UNTIL=20201231`: through the whole of that day.
        case date(CivilDate)
        /// `UNTIL=20201231T170000`: a wall-clock time, for rules whose start is floating.
        case local(LocalDateTime)
        /// `UNTIL=20201231T100000Z`.
        case utc(Date)
    }

    public var frequency: Frequency
    public var interval: Int = 1
    public var count: Int?
    public var until: Until?
    public var bySecond: [Int] = []
    public var byMinute: [Int] = []
    public var byHour: [Int] = []
    public var byDay: [WeekdayNum] = []
    public var byMonthDay: [Int] = []
    public var byYearDay: [Int] = []
    public var byWeekNo: [Int] = []
    public var byMonth: [Int] = []
    public var bySetPos: [Int] = []
    /// The first day of the week (1 Monday … 7 Sunday), for WEEKLY periods and BYWEEKNO.
    public var weekStart: Int = 1

    static let weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    public init(frequency: Frequency) { self.frequency = frequency }

    /// Parses `FREQ=…;…` (with or without `RRULE:`); names are case-insensitive, X- parts are ignored.
    public init(parsing text: String) throws(PlanningError) {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst(6) }
        var freq: Frequency?
        var rule = RecurrenceRule(frequency: .daily)
        func fail(_ hint: String) -> PlanningError { .recurrenceInvalid(text, hint) }
        func numbers(_ value: String, _ name: String, _ range: ClosedRange<Int>, signed: Bool) throws(PlanningError) -> [Int] {
            var result: [Int] = []
            for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                let digits = item.hasPrefix("+") ? item.dropFirst() : item
                guard let n = Int(digits), range.contains(abs(n)), signed || n >= 0, !(signed && n == 0) || range.lowerBound == 0
                else {
                    throw fail("\(name) takes " + (signed ? "±\(range.lowerBound)…\(range.upperBound)" : "\(range.lowerBound)…\(range.upperBound)")
                        + ", separated by commas; '\(item)' is not one")
                }
                result.append(n)
            }
            return result
        }
        for part in body.split(separator: ";") where !part.isEmpty {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, !kv[1].isEmpty else { throw fail("write NAME=VALUE parts separated by ';' ('\(part)' is not one)") }
            let value = kv[1].uppercased()
            switch kv[0].uppercased() {
            case "FREQ":
                guard let f = Frequency.allCases.first(where: { $0.name == value }) else {
                    throw fail("FREQ is one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY")
                }
                freq = f
            case "INTERVAL":
                guard let n = Int(value), n >= 1, n <= 100_000 else { throw fail("INTERVAL is a whole number from 1") }
                rule.interval = n
            case "COUNT":
                guard let n = Int(value), n >= 1 else { throw fail("COUNT is a whole number from 1") }
                rule.count = n
            case "UNTIL":
                if value.count == 8, let d = LocalDateTime(ical: Substring(value)) {
                    rule.until = .date(d.date)
                } else if value.hasSuffix("Z"), let t = LocalDateTime(ical: value.dropLast()) {
                    rule.until = .utc(Date(timeIntervalSince1970: TimeInterval(t.seconds)))
                } else if let t = LocalDateTime(ical: Substring(value)) {
                    rule.until = .local(t)
                } else {
                    throw fail("UNTIL is a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS(Z)")
                }
            case "BYSECOND": rule.bySecond = try numbers(value, "BYSECOND", 0...60, signed: false)
            case "BYMINUTE": rule.byMinute = try numbers(value, "BYMINUTE", 0...59, signed: false)
            case "BYHOUR": rule.byHour = try numbers(value, "BYHOUR", 0...23, signed: false)
            case "BYMONTHDAY": rule.byMonthDay = try numbers(value, "BYMONTHDAY", 1...31, signed: true)
            case "BYYEARDAY": rule.byYearDay = try numbers(value, "BYYEARDAY", 1...366, signed: true)
            case "BYWEEKNO": rule.byWeekNo = try numbers(value, "BYWEEKNO", 1...53, signed: true)
            case "BYMONTH": rule.byMonth = try numbers(value, "BYMONTH", 1...12, signed: false)
            case "BYSETPOS": rule.bySetPos = try numbers(value, "BYSETPOS", 1...366, signed: true)
            case "WKST":
                guard let i = Self.weekdayCodes.firstIndex(of: value) else { throw fail("WKST is one of MO, TU, WE, TH, FR, SA, SU") }
                rule.weekStart = i + 1
            case "BYDAY":
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    let code = String(item.suffix(2))
                    let ordinalText = item.dropLast(2)
                    let ordinal = ordinalText.isEmpty ? 0 : Int(ordinalText.hasPrefix("+") ? ordinalText.dropFirst() : ordinalText)
                    guard let w = Self.weekdayCodes.firstIndex(of: code), let ordinal, ordinal == 0 || (1...53).contains(abs(ordinal)),
                          ordinalText.isEmpty || ordinal != 0
                    else { throw fail("BYDAY takes days such as MO,TH or 2WE (second Wednesday) or -1FR (last Friday); '\(item)' is not one") }
                    rule.byDay.append(WeekdayNum(ordinal, w + 1))
                }
            default:
                guard kv[0].uppercased().hasPrefix("X-") else {
                    throw fail("'\(kv[0])' is not a part of a recurrence rule")
                }
            }
        }
        guard let freq else { throw fail("FREQ is required, e.g. FREQ=WEEKLY") }
        rule.frequency = freq
        self = rule
    }

    /// The rule as RFC 5545 text (FREQ first, then the BYxxx parts, INTERVAL, COUNT, UNTIL, WKST).
    public var description: String {
        func list(_ name: String, _ values: [Int]) -> String? {
            values.isEmpty ? nil : name + "=" + values.map(String.init).joined(separator: ",")
        }
        var parts = ["FREQ=" + frequency.name]
        parts += [list("BYMONTH", byMonth), list("BYWEEKNO", byWeekNo), list("BYYEARDAY", byYearDay),
                  list("BYMONTHDAY", byMonthDay)].compactMap { $0 }
        if !byDay.isEmpty { parts.append("BYDAY=" + byDay.map(\.description).joined(separator: ",")) }
        parts += [list("BYHOUR", byHour), list("BYMINUTE", byMinute), list("BYSECOND", bySecond), list("BYSETPOS", bySetPos)].compactMap { $0 }
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if let count { parts.append("COUNT=\(count)") }
        switch until {
        case let .date(d)?: parts.append("UNTIL=" + d.description.replacingOccurrences(of: "-", with: ""))
        case let .local(t)?: parts.append("UNTIL=\(t)")
        case let .utc(instant)?: parts.append("UNTIL=\(LocalDateTime(seconds: Int(instant.timeIntervalSince1970.rounded(.down))))Z")
        case nil: break
        }
        if weekStart != 1 { parts.append("WKST=" + Self.weekdayCodes[weekStart - 1]) }
        return parts.joined(separator: ";")
    }

    /// The same rule ending after `n` occurrences.
    public func counted(_ n: Int) -> RecurrenceRule {
        var r = self
        r.count = n
        r.until = nil
        return r
    }

    /// Whether the rule ends by itself (COUNT or UNTIL).
    public var isBounded: Bool { count != nil || until != nil }

    /// The rule's occurrences from `start` (the event's DTSTART, on the wall clock of `zone`), in order, lazily.
    /// `start` itself is an occurrence only if the rule produces it (RFC 5545 adds DTSTART to the set; the
    /// caller does). A UTC UNTIL is compared in `zone`; `through` stops the expansion after that time, so a rule
    /// without an end, or one that never matches, is looked at only as far as asked. Without `through` the
    /// expansion ends in the year 9999.
    public func expand(from start: LocalDateTime, zone: TimeZone? = nil, through: LocalDateTime? = nil) -> RecurrenceExpansion {
        RecurrenceExpansion(rule: self, start: start, zone: zone, through: through)
    }
}
