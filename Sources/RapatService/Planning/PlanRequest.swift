import Foundation
import RapatCore

/// A meeting as a face received it, still as typed: the one plan builder every face uses parses and
/// checks it here. The end is a full time, an `HH:MM` on the start day, or a length in minutes.
public struct PlanRequest: Sendable, Decodable {
    /// An agenda item: title, presenter (a name, or a NIP that links the person) and its time box.
    public struct Item: Sendable, Decodable, Equatable {
        public var title: String
        public var presenter: String?
        public var presenterNip: String?
        public var minutes: Int
        /// A standing item (opening, closing) recurs in every meeting of a series and is never carried over.
        public var standing: Bool?

        public init(title: String, presenter: String? = nil, presenterNip: String? = nil, minutes: Int, standing: Bool = false) {
            self.title = title
            self.presenter = presenter
            self.presenterNip = presenterNip
            self.minutes = minutes
            self.standing = standing
        }

        /// `title|presenter|minutes` or `title|minutes`, as the CLI takes it, with `|tetap` (or `|standing`) after a
        /// standing item; a presenter that is a NIP links the person.
        public init(parsing text: String) throws(InputError) {
            var parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmed }
            let standing = parts.count > 2 && ["tetap", "standing"].contains(parts.last!.lowercased())
            if standing { parts.removeLast() }
            guard parts.count == 2 || parts.count == 3, let minutes = Int(parts.last!) else {
                throw .invalidValue(field: "agenda item", value: text, hint: "write 'title|presenter|minutes' or 'title|minutes', with '|tetap' after a standing item")
            }
            let presenter = parts.count == 3 && !parts[1].isEmpty ? parts[1] : nil
            let nip = presenter.flatMap { try? PersonID($0) }
            self.init(title: parts[0], presenter: nip == nil ? presenter : nil, presenterNip: nip?.key, minutes: minutes, standing: standing)
        }

        func item(key: Int) throws -> AgendaItem {
            try AgendaItem(key: key, title: title, presenter: presenter, presenterNIP: try presenterNip.map { try PersonID($0) }, boxMinutes: minutes,
                           isStanding: standing ?? false)
        }
    }

    public var title: String
    public var kind: String?
    public var chair: String
    public var notulis: String?
    public var participants: [String]?
    public var start: String
    public var end: String?
    public var minutes: Int?
    public var timeZone: String?
    public var link: String?
    public var location: String?
    public var agenda: [Item]?
    /// An RFC 5545 rule (`FREQ=MONTHLY;BYDAY=3WE;COUNT=6`): the plan becomes a series.
    public var `repeat`: String?
    /// Days the series skips, `YYYY-MM-DD`.
    public var except: [String]?

    public init(title: String, kind: String? = nil, chair: String, notulis: String? = nil, participants: [String] = [], start: String,
                end: String? = nil, minutes: Int? = nil, timeZone: String? = nil, link: String? = nil, location: String? = nil,
                agenda: [Item] = [], repeat rule: String? = nil, except: [String] = []) {
        self.title = title
        self.kind = kind
        self.chair = chair
        self.notulis = notulis
        self.participants = participants
        self.start = start
        self.end = end
        self.minutes = minutes
        self.timeZone = timeZone
        self.link = link
        self.location = location
        self.agenda = agenda
        self.repeat = rule
        self.except = except
    }

    /// The planned meeting (id not yet assigned) and, with a recurrence, its series.
    public func plan() throws -> (template: Meeting, series: Series?) {
        let zone = try timeZone.map { try Zone.named($0) } ?? Zone.jakarta
        let startTime = try TimeInput.parse(start, zone: zone)
        let endTime: Date
        switch (end, minutes) {
        case (nil, nil): throw InputError.missing("end", "give an end time (HH:MM or a full time) or a length in minutes")
        case (_?, _?): throw InputError.invalidValue(field: "end", value: end!, hint: "give either an end or a length in minutes, not both")
        case let (nil, m?):
            // Bounded so the arithmetic cannot overflow; the planner refuses anything over its maximum length.
            guard m > 0, m <= 10_000_000 else { throw InputError.invalidDuration(String(m)) }
            endTime = startTime.addingTimeInterval(TimeInterval(m * 60))
        case let (e?, nil):
            endTime = try Self.time(e, zone: zone, sameDayAs: startTime)
        }
        if `repeat` == nil, !(except ?? []).isEmpty {
            throw InputError.invalidValue(field: "except", value: except!.joined(separator: ","), hint: "exceptions only apply to a recurrence")
        }
        let agenda = try (agenda ?? []).enumerated().map { try $1.item(key: $0 + 1) }
        let people = try (participants ?? []).flatMap { $0.split(separator: ",") }.map { try PersonID(String($0).trimmed) }
        let template = try Meeting(id: MeetingID.unnumbered, title: title, kind: kind ?? "rapat pimpinan", chair: PersonID(chair),
                                   notulis: try notulis.map { try PersonID($0) }, participants: people, start: startTime, end: endTime,
                                   timeZone: zone, virtualLink: link, location: location,
                                   agenda: agenda)
        guard let rule = `repeat` else { return (template, nil) }
        // Any rule: one without an end is stored a window ahead and grows as the calendar reaches it (`Series.planned`).
        let recurrence = try Recurrence(rule: rule, exceptions: Set((except ?? []).map { try CivilDate($0) }))
        return (template, Series(id: "", title: template.title, rule: recurrence))
    }

    /// A time in `zone`; a bare `HH:MM` takes the date of `sameDayAs`.
    public static func time(_ text: String, zone: TimeZone, sameDayAs day: Date?) throws -> Date {
        if let day, let (h, m) = TimeInput.clock(text) {
            return CivilDate(day, in: zone).at(hour: h, minute: m, in: zone)
        }
        return try TimeInput.parse(text, zone: zone)
    }
}
