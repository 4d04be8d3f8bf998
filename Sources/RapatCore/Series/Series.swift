import Foundation

/// A recurring meeting: the rule its occurrences were planned from.
public struct Series: Hashable, Codable, Sendable {
    /// e.g. `SR-2020-001`, assigned by the store.
    public var id: String
    public var title: String
    public var rule: Recurrence
    /// The meetings of the series are stored through this instant; the rule's later ones are added when a listing,
    /// a feed or a conflict check reaches past it (a rule without an end never materializes at once). Nil: every
    /// meeting the rule makes is stored.
    public var horizon: Date?

    public init(id: String, title: String, rule: Recurrence, horizon: Date? = nil) {
        self.id = id
        self.title = title
        self.rule = rule
        self.horizon = horizon
    }

    /// How far ahead of its first meeting (or of today) a series is stored when it is planned or imported.
    public static let window: TimeInterval = 366 * 86400
    /// The farthest ahead of today a series is ever extended, whatever a listing asks (nothing hangs, nothing
    /// fills the archive with decades of meetings).
    public static let reach: TimeInterval = 5 * 366 * 86400
    /// Most meetings one planning stores at once (an hourly rule over a window would be thousands).
    public static let maxStoredAtOnce = 1000

    /// The id of the `serial`-th series of `year`: `SR-2020-001`.
    public static func id(year: Int, serial: Int) -> String { String(format: "SR-%04d-%03d", year, serial) }

    /// The year and serial an id names (0 for what it does not name), for ids kept from another archive.
    public static func parts(of id: String) -> (year: Int, serial: Int) {
        let parts = id.split(separator: "-")
        return (Int(parts.count == 3 ? parts[1] : "0") ?? 0, Int(parts.last ?? "0") ?? 0)
    }

    /// The series planned from `template` (its first meeting): its meetings through `horizon`, and the series with
    /// its horizon set when the rule goes on past it. A rule without an end is planned like any other.
    public func planned(from template: Meeting, through horizon: Date) throws(PlanningError) -> (series: Series, meetings: [Meeting]) {
        let zone = template.zone
        let first = LocalDateTime(template.start, in: zone)
        var firstRule = rule.rule.expand(from: first, zone: zone, through: first).makeIterator()
        guard firstRule.next() == first else {
            throw .startNotInRecurrence(first.date, rule: rule.description)
        }
        let (starts, goesOn) = try rule.starts(from: first, zone: zone, after: nil, through: LocalDateTime(horizon, in: zone), limit: Self.maxStoredAtOnce)
        var series = self
        series.horizon = goesOn ? horizon : nil
        return (series, meetings(from: template, at: starts))
    }

    /// The meetings the rule makes after `horizon` through `through`, each a fresh copy of `last` (the series'
    /// latest meeting), counted from `first` (the start of its first meeting); and the horizon after them (nil when
    /// the rule makes nothing later).
    public func continuation(first: Date, last: Meeting, through: Date) -> (meetings: [Meeting], horizon: Date?) {
        guard let horizon, through > horizon else { return ([], self.horizon) }
        let zone = last.zone
        // `through` is at most `Series.reach` ahead: the limit only stops a rule that repeats every second.
        guard let (starts, goesOn) = try? rule.starts(from: LocalDateTime(first, in: zone), zone: zone, after: LocalDateTime(horizon, in: zone),
                                                      through: LocalDateTime(through, in: zone), limit: 100_000)
        else { return ([], self.horizon) }
        return (meetings(from: last.freshOccurrence(), at: starts), goesOn ? through : nil)
    }

    /// Copies of `template` at each start (wall clock), of its length, marked as this series' occurrences.
    func meetings(from template: Meeting, at starts: [LocalDateTime]) -> [Meeting] {
        let zone = template.zone
        let length = template.end.timeIntervalSince(template.start)
        return starts.map { t in
            var m = template
            m.start = t.instant(in: zone)
            m.end = m.start.addingTimeInterval(length)
            m.seriesID = id
            m.occurrenceStart = m.start
            return m
        }
    }

    /// One meeting per start of the rule, each a copy of `template` at that wall-clock time with the same length.
    /// Without `through`, the series must be one a secretariat may plan at once (`Recurrence.checkPlannable`);
    /// with it, the rule is expanded only so far (an imported rule without an end).
    public func occurrences(of template: Meeting, through: Date? = nil) throws(PlanningError) -> [Meeting] {
        let zone = template.zone
        let first = LocalDateTime(template.start, in: zone)
        let starts: [LocalDateTime]
        if let through {
            starts = try rule.starts(from: first, zone: zone, through: LocalDateTime(through, in: zone))
        } else {
            try rule.checkPlannable()
            starts = try rule.starts(from: first, zone: zone, limit: Recurrence.maxOccurrences)
        }
        return meetings(from: template, at: starts)
    }
}

extension Meeting {
    /// The next meeting of a series as planned from this one: same people, agenda and length, nothing held yet
    /// (no attendance, minutes, actual times or items carried over from earlier meetings).
    public func freshOccurrence() -> Meeting {
        var m = self
        m.id = MeetingID.unnumbered
        m.status = .scheduled
        m.actualStart = nil
        m.lateStartReason = nil
        m.actualEnd = nil
        m.cancelReason = nil
        m.attendance = []
        m.minutes = Minutes()
        m.agenda = agenda.filter { !$0.isFollowUp && !$0.isCarried }.map { item in
            var item = item
            item.actualStart = nil
            item.actualEnd = nil
            return item
        }
        return m
    }
}
