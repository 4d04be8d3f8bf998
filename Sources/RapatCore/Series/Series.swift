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
