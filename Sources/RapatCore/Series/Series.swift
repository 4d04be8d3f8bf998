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

    /// One meeting per day of the rule, each a copy of `template` moved to that day at the same wall-clock time.
    public func occurrences(of template: Meeting) throws(PlanningError) -> [Meeting] {
        let zone = template.zone
        let cal = Calendar.gregorian(zone)
        let s = cal.dateComponents([.hour, .minute], from: template.start)
        let length = template.end.timeIntervalSince(template.start)
        return try rule.days(from: CivilDate(template.start, in: zone)).map { day in
            var m = template
            m.start = day.at(hour: s.hour!, minute: s.minute!, in: zone)
            m.end = m.start.addingTimeInterval(length)
            m.seriesID = id
            m.occurrenceStart = m.start
            return m
        }
    }
}
