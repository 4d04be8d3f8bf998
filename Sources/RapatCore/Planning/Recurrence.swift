import Foundation

/// How a series repeats: an RFC 5545 recurrence rule (`FREQ=MONTHLY;BYDAY=3WE;COUNT=6`,
/// `FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=17`, `FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20201231T170000Z`) and the days
/// skipped (EXDATE), e.g. an occurrence that falls on a holiday.
public struct Recurrence: Hashable, Codable, Sendable, CustomStringConvertible {
    public var rule: RecurrenceRule
    /// Further rules of an imported event with several RRULEs: the series is the union of all their instances.
    public var moreRules: [RecurrenceRule] = []
    /// Days skipped (RRULE EXDATE), removed after counting as RFC 5545 does.
    public var exceptions: Set<CivilDate>

    /// Every rule, the first one first.
    public var rules: [RecurrenceRule] { [rule] + moreRules }
    /// Whether every rule ends.
    public var isBounded: Bool { rules.allSatisfy(\.isBounded) }
    /// The rules as an archive stores them: one RFC 5545 RRULE value per line.
    public var stored: String { rules.map(\.description).joined(separator: "\n") }

    /// Reads what `stored` wrote.
    public init(stored text: String, exceptions: Set<CivilDate> = []) throws(PlanningError) {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        self.init(rule: try RecurrenceRule(parsing: lines.first ?? ""), exceptions: exceptions)
        for line in lines.dropFirst() { moreRules.append(try RecurrenceRule(parsing: line)) }
    }

    /// The starts every rule makes from `first` (an instant of the first rule) after `after` through `last`, in order
    /// and each once, exceptions left out; and whether a rule makes a start after `last`. At most `limit` starts.
    public func starts(from first: LocalDateTime, zone: TimeZone?, after: LocalDateTime?, through last: LocalDateTime,
                       limit: Int) throws(PlanningError) -> (starts: [LocalDateTime], goesOn: Bool) {
        var found: Set<LocalDateTime> = []
        var goesOn = false
        for r in rules {
            for t in r.expand(from: first, zone: zone, through: nil) {
                if let after, t <= after { continue }
                if t > last { goesOn = true; break }
                found.insert(t)
                if found.count > limit { throw .recurrenceTooLong(found.count, max: limit) }
            }
        }
        return (found.sorted().filter { !exceptions.contains($0.date) }, goesOn)
    }

    /// A series expanded whole (`checkPlannable`, `Series.occurrences(of:)`: the sample archive, tests) makes at most
    /// this many meetings. Planning and import store a window instead (`Series.planned`, `Series.maxStoredAtOnce`).
    public static let maxOccurrences = 260

    public init(rule: RecurrenceRule, exceptions: Set<CivilDate> = []) {
        self.rule = rule
        self.exceptions = exceptions
    }

    /// Parses an RFC 5545 RRULE (with or without `RRULE:`).
    public init(rule text: String, exceptions: Set<CivilDate> = []) throws(PlanningError) {
        self.init(rule: try RecurrenceRule(parsing: text), exceptions: exceptions)
    }

    /// The rule as people read it; several rules are joined by " + ".
    public var description: String { rules.map(\.description).joined(separator: " + ") }

    /// Whether a secretariat may plan this series in one go: it ends (COUNT or UNTIL), and not too far away.
    public func checkPlannable() throws(PlanningError) {
        guard rule.isBounded else { throw .recurrenceUnbounded }
        if let count = rule.count, count > Self.maxOccurrences { throw .recurrenceTooLong(count, max: Self.maxOccurrences) }
    }

    /// The starts of the series from `first` (its first meeting, on the wall clock of `zone`), through `through`
    /// if given; `first` itself must be one of the rule's. Exceptions are removed after counting.
    public func starts(from first: LocalDateTime, zone: TimeZone?, through: LocalDateTime? = nil,
                       limit: Int? = nil) throws(PlanningError) -> [LocalDateTime] {
        var result: [LocalDateTime] = []
        for t in rule.expand(from: first, zone: zone, through: through) {
            if let limit, result.count >= limit { throw .recurrenceTooLong(result.count + 1, max: limit) }
            result.append(t)
        }
        guard result.first == first else { throw .startNotInRecurrence(first.date, rule: description) }
        return result.filter { !exceptions.contains($0.date) }
    }

    /// Reads `{"rule": "FREQ=…", "exceptions": […]}`, and the form archives written before the rule was RFC 5545's
    /// whole (`{"pattern": {"monthlyOnWeekday": {"ordinal": 3, "weekday": 3}}, "interval": 1, "count": 8, …}`).
    public init(from decoder: Decoder) throws {
        struct Stored: Decodable {
            var rule: String?
            var moreRules: [String]?
            var exceptions: [CivilDate]?
            var pattern: [String: [String: LegacyValue]]?
            var interval: Int?
            var count: Int?
            var until: CivilDate?
        }
        enum LegacyValue: Decodable {
            case number(Int), numbers([Int])
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let n = try? c.decode(Int.self) { self = .number(n) } else { self = .numbers(try c.decode([Int].self)) }
            }
            var values: [Int] { switch self { case let .number(n): [n]; case let .numbers(ns): ns } }
        }
        let stored = try decoder.singleValueContainer().decode(Stored.self)
        let exceptions = Set(stored.exceptions ?? [])
        if let text = stored.rule {
            self = try Recurrence(rule: text, exceptions: exceptions)
            moreRules = try (stored.moreRules ?? []).map { try RecurrenceRule(parsing: $0) }
            return
        }
        guard let (kind, fields) = stored.pattern?.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a recurrence needs 'rule'"))
        }
        let codes = RecurrenceRule.weekdayCodes
        func value(_ key: String) -> [Int] { fields[key]?.values ?? [] }
        var parts: [String]
        switch kind {
        case "daily": parts = ["FREQ=DAILY"]
        case "weekly": parts = ["FREQ=WEEKLY", "BYDAY=" + value("weekdays").map { codes[($0 - 1) % 7] }.joined(separator: ",")]
        case "monthlyOnDay": parts = ["FREQ=MONTHLY", "BYMONTHDAY=\(value("_0").first ?? 1)"]
        case "monthlyOnWeekday": parts = ["FREQ=MONTHLY", "BYDAY=\(value("ordinal").first ?? 1)\(codes[((value("weekday").first ?? 1) - 1) % 7])"]
        default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown recurrence '\(kind)'"))
        }
        if let interval = stored.interval, interval != 1 { parts.append("INTERVAL=\(interval)") }
        if let count = stored.count { parts.append("COUNT=\(count)") }
        if let until = stored.until { parts.append("UNTIL=" + until.description.replacingOccurrences(of: "-", with: "")) }
        self = try Recurrence(rule: parts.joined(separator: ";"), exceptions: exceptions)
    }

    public func encode(to encoder: Encoder) throws {
        struct Stored: Encodable {
            var rule: String
            var moreRules: [String]?
            var exceptions: [CivilDate]
        }
        var c = encoder.singleValueContainer()
        try c.encode(Stored(rule: rule.description, moreRules: moreRules.isEmpty ? nil : moreRules.map(\.description), exceptions: exceptions.sorted()))
    }
}
