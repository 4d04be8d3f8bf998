import Foundation

/// Where a meeting is in its life.
public enum MeetingStatus: String, Codable, Sendable, CaseIterable {
    case scheduled, started, ended, cancelled

    /// Reads a status as people type it in a filter.
    public static func parse(_ text: String) throws(InputError) -> MeetingStatus {
        guard let status = MeetingStatus(rawValue: text.lowercased()) else {
            throw .invalidValue(field: "status", value: text, hint: "use scheduled, started, ended or cancelled")
        }
        return status
    }
}

/// A planned or held meeting: the aggregate every command reads and changes as a whole.
public struct Meeting: Hashable, Codable, Sendable {
    public var id: MeetingID
    public var title: String
    /// e.g. "rapat pimpinan", "rapat koordinasi".
    public var kind: String
    public var chair: PersonID
    public var notulis: PersonID?
    /// Invited participants besides the chair and the notulis.
    public var participants: [PersonID]
    public var start: Date
    public var end: Date
    /// IANA zone the meeting is planned in; times are stored as instants.
    public var timeZone: String
    public var virtualLink: String?
    /// Physical room for a hybrid meeting.
    public var location: String?
    public var status: MeetingStatus
    /// Bumped on every change a participant would see (iCalendar SEQUENCE).
    public var sequence: Int
    public var agenda: [AgendaItem]
    public var seriesID: String?
    /// For a meeting of a series: the start the recurrence rule gave it (iCalendar RECURRENCE-ID), kept when it is moved.
    public var occurrenceStart: Date?
    /// The iCalendar UID of a meeting imported from another calendar; nil for meetings planned here.
    public var icalUID: String?
    public var actualStart: Date?
    public var lateStartReason: String?
    public var actualEnd: Date?
    public var cancelReason: String?
    public var attendance: [Attendance]
    public var minutes: Minutes
    /// What the invitation says beyond the title (an imported event's DESCRIPTION).
    public var details: String?
    /// An all-day event (VALUE=DATE): `start` is midnight of its first day in its zone, `end` midnight after its last.
    public var allDay: Bool?
    /// False for an event that does not take its people's time (TRANSP:TRANSPARENT, an all-day event, or an
    /// imported event that overlaps another they attend): not counted as a double booking either way.
    public var reservesTime: Bool?

    public var isAllDay: Bool { allDay ?? false }
    public var blocksTime: Bool { reservesTime ?? true }

    public init(id: MeetingID, title: String, kind: String = "rapat pimpinan", chair: PersonID, notulis: PersonID? = nil,
                participants: [PersonID], start: Date, end: Date, timeZone: TimeZone = Zone.jakarta,
                virtualLink: String? = nil, location: String? = nil, agenda: [AgendaItem] = [],
                seriesID: String? = nil) throws(InputError) {
        let title = title.trimmed
        guard !title.isEmpty else { throw .missing("title", "give the meeting a title, e.g. 'Rapat Pimpinan Desember 2020'") }
        self.id = id
        self.title = title
        self.kind = kind
        self.chair = chair
        self.notulis = notulis
        var seen: Set<PersonID> = [chair]
        if let notulis { seen.insert(notulis) }
        self.participants = participants.filter { seen.insert($0).inserted }
        self.start = start
        self.end = end
        var zoneID = timeZone.identifier
        zoneID.makeContiguousUTF8()  // a bridged identifier is slow to read byte by byte in large exports
        self.timeZone = zoneID
        self.virtualLink = try Self.checkedLink(virtualLink)
        self.location = location
        self.status = .scheduled
        self.sequence = 0
        self.agenda = agenda
        self.seriesID = seriesID
        self.attendance = []
        self.minutes = Minutes()
    }

    /// A virtual meeting link must be a full http(s) address, at most 2,000 characters, with no space or control
    /// character anywhere (a CR/LF would start a new line in every participant's calendar); empty means none.
    public static func checkedLink(_ link: String?) throws(InputError) -> String? {
        guard let link = link?.trimmed, !link.isEmpty else { return nil }
        guard link.count <= 2000, !link.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace }),
              let url = URL(string: link), let scheme = url.scheme?.lowercased(), ["https", "http"].contains(scheme),
              let host = url.host, !host.isEmpty
        else { throw .invalidURL(link) }
        return link
    }

    /// Adds and removes participants, keeping order, dropping duplicates and the chair and notulis.
    public mutating func changeParticipants(adding: [PersonID], removing: [PersonID]) {
        var seen: Set<PersonID> = Set(removing).union([chair]).union(notulis.map { [$0] } ?? [])
        participants = (participants + adding).filter { seen.insert($0).inserted }
    }

    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? Zone.jakarta }
    public var plannedMinutes: Int { wholeMinutes(end.timeIntervalSince(start)) }
    public var agendaMinutes: Int { agenda.reduce(0) { $0 + $1.boxMinutes } }

    /// Chair, notulis and participants: everyone whose calendar this meeting occupies.
    public var everyone: [PersonID] {
        var all = [chair]
        if let notulis { all.append(notulis) }
        return all + participants
    }

    /// Chair, notulis, participants and presenters: whom the plan's checks look up (and an import registers).
    public var plannedPeople: Set<PersonID> { Set(everyone + agenda.compactMap(\.presenterNIP)) }

    /// Every registered person the meeting names anywhere: its people, presenters, attendance, action-item
    /// owners and the approver (what a document or page of it may need to name).
    public var namedPeople: Set<PersonID> {
        var all = Set(everyone)
        all.formUnion(agenda.compactMap(\.presenterNIP))
        all.formUnion(attendance.map(\.nip))
        for a in minutes.actions { if case let .person(nip) = a.owner { all.insert(nip) } }
        if let by = minutes.approval?.by { all.insert(by) }
        return all
    }

    /// What a participant sees on an invitation; a change here bumps `sequence`.
    public struct Visible: Equatable {
        let title: String, start: Date, end: Date, zone: String, link: String?, location: String?
        let people: [PersonID], agenda: [String], status: MeetingStatus
    }

    public var visible: Visible {
        Visible(title: title, start: start, end: end, zone: timeZone, link: virtualLink, location: location,
                people: everyone, agenda: agenda.map { "\($0.title)|\($0.presenter ?? "")|\($0.boxMinutes)" },
                status: status == .cancelled ? .cancelled : .scheduled)
    }

    public var nextAgendaKey: Int { (agenda.map(\.key).max() ?? 0) + 1 }

    /// The agenda item at a 1-based position as people number them.
    public func agendaIndex(position: Int) throws(MinutesError) -> Int {
        guard (1...max(agenda.count, 1)).contains(position), position <= agenda.count else {
            throw .unknownItem(meeting: id, position: position, count: agenda.count)
        }
        return position - 1
    }
}
