import Foundation

/// Another meeting occupying some people's time, as the store finds it for the conflict check.
public struct BookedSlot: Hashable, Sendable {
    public var meetingID: MeetingID
    public var title: String
    public var start: Date
    public var end: Date
    public var timeZone: String
    public var people: Set<PersonID>

    public init(meetingID: MeetingID, title: String, start: Date, end: Date, timeZone: String, people: Set<PersonID>) {
        self.meetingID = meetingID
        self.title = title
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.people = people
    }
}

/// The rules a plan must satisfy before it is stored.
public struct Planner: Sendable {
    public var workingHours: WorkingHours
    public var holidays: [CivilDate: String]

    /// No meeting lasts longer; it also bounds the store's conflict range scan.
    public static let maxMeetingMinutes = 12 * 60

    public init(workingHours: WorkingHours = .standard, holidays: [Holiday] = []) {
        self.workingHours = workingHours
        self.holidays = Dictionary(holidays.map { ($0.date, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// Checks `meeting` as new (`previous == nil`) or as a change of `previous`; only what changed is re-checked,
    /// so a title edit is not refused because the working hours were changed after planning.
    /// - Parameters:
    ///   - people: the persons known to the archive, at least those the meeting names.
    ///   - booked: other meetings overlapping the meeting's time for any of its people.
    public func check(_ meeting: Meeting, previous: Meeting? = nil, people: [PersonID: Person], booked: [BookedSlot]) throws(PlanningError) {
        let zone = meeting.zone
        let (timeChanged, peopleChanged) = try changes(meeting, previous: previous)
        if timeChanged {
            guard meeting.end > meeting.start else {
                throw .endBeforeStart(start: localStamp(meeting.start, zone), end: localStamp(meeting.end, zone))
            }
            guard meeting.isAllDay || meeting.plannedMinutes <= Self.maxMeetingMinutes else {
                throw .tooLong(minutes: meeting.plannedMinutes, max: Self.maxMeetingMinutes)
            }
        }
        try checkPeople(meeting, people: people, peopleChanged: peopleChanged)
        if timeChanged || previous?.agenda != meeting.agenda, meeting.agendaMinutes > meeting.plannedMinutes {
            throw .agendaTooLong(agendaMinutes: meeting.agendaMinutes, meetingMinutes: meeting.plannedMinutes)
        }
        if timeChanged, !meeting.isAllDay {
            try checkCalendar(meeting.start, meeting.end, zone)
        }
        if timeChanged || peopleChanged, meeting.blocksTime {
            try checkConflicts(meeting, people: people, booked: booked)
        }
    }

    /// What an imported event breaks of the rules that protect Rapat's own plans (working hours and days,
    /// holidays, the longest meeting, agenda fit, double booking): someone else planned it, so none refuses it;
    /// each comes back as a warning for the import report. Only what cannot be stored throws: an end before the
    /// start, a person not registered, a change to a meeting already held.
    public func importWarnings(_ meeting: Meeting, previous: Meeting? = nil, people: [PersonID: Person],
                               booked: [BookedSlot]) throws(PlanningError) -> [PlanningError] {
        let (_, peopleChanged) = try changes(meeting, previous: previous)
        guard meeting.end >= meeting.start else {
            throw .endBeforeStart(start: localStamp(meeting.start, meeting.zone), end: localStamp(meeting.end, meeting.zone))
        }
        try checkPeople(meeting, people: people, peopleChanged: peopleChanged)
        var warnings: [PlanningError] = []
        if !meeting.isAllDay, meeting.plannedMinutes > Self.maxMeetingMinutes {
            warnings.append(.tooLong(minutes: meeting.plannedMinutes, max: Self.maxMeetingMinutes))
        }
        if meeting.agendaMinutes > meeting.plannedMinutes {
            warnings.append(.agendaTooLong(agendaMinutes: meeting.agendaMinutes, meetingMinutes: meeting.plannedMinutes))
        }
        if !meeting.isAllDay {
            do { try checkCalendar(meeting.start, meeting.end, meeting.zone) } catch { warnings.append(error) }
        }
        if meeting.blocksTime, meeting.status != .cancelled {
            do { try checkConflicts(meeting, people: people, booked: booked) } catch { warnings.append(error) }
        }
        return warnings
    }

    /// Whether the time and the people differ from `previous` (a new meeting: both); a meeting no longer scheduled
    /// keeps both.
    func changes(_ meeting: Meeting, previous: Meeting?) throws(PlanningError) -> (time: Bool, people: Bool) {
        let timeChanged = previous.map { $0.start != meeting.start || $0.end != meeting.end || $0.timeZone != meeting.timeZone } ?? true
        let peopleChanged = previous.map { $0.everyone != meeting.everyone } ?? true
        if let previous, previous.status != .scheduled, timeChanged || peopleChanged {
            throw .notEditable(meeting.id, previous.status)
        }
        return (timeChanged, peopleChanged)
    }

    /// Everyone the meeting names (and every presenter) is registered here.
    func checkPeople(_ meeting: Meeting, people: [PersonID: Person], peopleChanged: Bool) throws(PlanningError) {
        if peopleChanged {
            for nip in meeting.everyone where people[nip] == nil {
                let role = nip == meeting.chair ? "chair" : nip == meeting.notulis ? "notulis" : "participant"
                throw .unknownPerson(nip, role: role)
            }
        }
        for item in meeting.agenda {
            if let p = item.presenterNIP, people[p] == nil { throw .unknownPerson(p, role: "presenter of '\(item.title)'") }
        }
    }

    func checkCalendar(_ start: Date, _ end: Date, _ zone: TimeZone) throws(PlanningError) {
        // The texts of a refusal are made only when there is one: every import checks thousands of events.
        let startClock = LocalDateTime(start, in: zone)
        let day = startClock.date
        func dayText() -> String { "\(day) (\(DateText(.en).date(day)))" }
        if let name = holidays[day] {
            throw .holiday(date: dayText(), name: name)
        }
        guard workingHours.weekdays.contains(day.isoWeekday) else {
            throw .notAWorkingDay(date: dayText(), days: workingHours.weekdaysText)
        }
        func hours() -> String { "\(workingHours.windowText) \(Zone.abbreviation(zone, at: start))" }
        let startMinute = startClock.secondOfDay / 60
        guard startMinute >= workingHours.opens, startMinute < workingHours.closes else {
            throw .outsideWorkingHours(time: "the start \(localStamp(start, zone))", hours: hours())
        }
        let endClock = LocalDateTime(end, in: zone)
        guard endClock.date == day, endClock.secondOfDay / 60 <= workingHours.closes else {
            throw .outsideWorkingHours(time: "the end \(localStamp(end, zone))", hours: hours())
        }
    }

    /// Refuses `meeting` when one of its people sits in an overlapping meeting of `booked` (naming the first, chair first).
    public func checkConflicts(_ meeting: Meeting, people: [PersonID: Person], booked: [BookedSlot]) throws(PlanningError) {
        let mine = Set(meeting.everyone)
        let clashes = booked
            .filter { $0.meetingID != meeting.id && $0.start < meeting.end && $0.end > meeting.start }
            .sorted { ($0.start, $0.meetingID) < ($1.start, $1.meetingID) }
        for slot in clashes {
            // Report people in the order the meeting lists them: chair first.
            if let nip = meeting.everyone.first(where: { slot.people.contains($0) }), mine.contains(nip) {
                let zone = TimeZone(identifier: slot.timeZone) ?? meeting.zone
                let time = "\(localStamp(slot.start, zone))–\(DateText(.en).time(slot.end, zone: zone))"
                throw .doubleBooked(person: people[nip]?.name ?? nip.key, nip: nip, other: slot.meetingID,
                                    otherTitle: slot.title, otherTime: time)
            }
        }
    }
}
