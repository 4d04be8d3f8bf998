import Foundation

/// A recurring meeting: the rule its occurrences were planned from.
public struct Series: Hashable, Codable, Sendable {
    /// e.g. `SR-2020-001`, assigned by the store.
    public var id: String
    public var title: String
    public var rule: Recurrence

    public init(id: String, title: String, rule: Recurrence) {
        self.id = id
        self.title = title
        self.rule = rule
    }

    /// The id of the `serial`-th series of `year`: `SR-2020-001`.
    public static func id(year: Int, serial: Int) -> String { String(format: "SR-%04d-%03d", year, serial) }

    /// The year and serial an id names (0 for what it does not name), for ids kept from another archive.
    public static func parts(of id: String) -> (year: Int, serial: Int) {
        let parts = id.split(separator: "-")
        return (Int(parts.count == 3 ? parts[1] : "0") ?? 0, Int(parts.last ?? "0") ?? 0)
    }

    /// One meeting per start of the rule, each a copy of `template` at that wall-clock time with the same length.
    /// Without `through`, the series must be one a secretariat may plan at once (`Recurrence.checkPlannable`);
    /// with it, the rule is expanded only so far (an imported rule without an end).
    public func occurrences(of template: Meeting, through: Date? = nil) throws(PlanningError) -> [Meeting] {
        let zone = template.zone
        let length = template.end.timeIntervalSince(template.start)
        let first = LocalDateTime(template.start, in: zone)
        let starts: [LocalDateTime]
        if let through {
            starts = try rule.starts(from: first, zone: zone, through: LocalDateTime(through, in: zone))
        } else {
            try rule.checkPlannable()
            starts = try rule.starts(from: first, zone: zone, limit: Recurrence.maxOccurrences)
        }
        return starts.map { t in
            var m = template
            m.start = t.instant(in: zone)
            m.end = m.start.addingTimeInterval(length)
            m.seriesID = id
            m.occurrenceStart = m.start
            return m
        }
    }
}
