import Foundation
import RapatCore
import RapatStore

/// Planning: people, meetings and series, agendas, changes and cancellations. The same functions for every face;
/// made by `Services`, like every use-case family.
public struct Planning: Sendable {
    let store: any MeetingStore
    let principal: Principal

    // MARK: People

    public func people(opd: String? = nil) async throws -> [Person] {
        try AccessPolicy.require(principal, .listPeople)
        return try await store.people(opd: opd)
    }

    /// The registered people a field names: a NIP (alone, or within text such as "Gubernur Banten · 197002051995021001"),
    /// or a name, case and accents aside — the people of exactly that name when there are any, else everyone
    /// whose name contains it, by name.
    public func people(named text: String) async throws -> [Person] {
        try AccessPolicy.require(principal, .listPeople)
        let wanted = text.trimmingCharacters(in: .whitespaces)
        if let nip = Self.nip(in: wanted) { return try await store.people([nip]) }
        let fold = { (s: String) in s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        let key = fold(wanted)
        guard !key.isEmpty else { return [] }
        let containing = try await store.people(opd: nil).filter { fold($0.name).contains(key) }.sorted { $0.name < $1.name }
        let exact = containing.filter { fold($0.name) == key }
        return exact.isEmpty ? containing : exact
    }

    /// The one registered person `text` names (see `people(named:)`); refused naming nobody or several people.
    public func person(named text: String, field: String) async throws -> Person {
        let found = try await people(named: text)
        guard found.count == 1 else { throw PersonNotNamed(field: field, text: text, candidates: found) }
        return found[0]
    }

    /// An 18-digit run that is a valid NIP.
    static func nip(in text: String) -> PersonID? {
        var run = ""
        for c in text + " " {
            if c.isASCII, c.isNumber { run.append(c); continue }
            if run.count == 18, let nip = try? PersonID(run) { return nip }
            run = ""
        }
        return nil
    }

    public func person(_ nip: PersonID) async throws -> Person {
        try AccessPolicy.require(principal, .listPeople)
        return try await store.person(nip)
    }

    public func register(_ person: Person) async throws {
        try AccessPolicy.require(principal, .registerPeople)
        try TextRules.check(person)
        try await store.addPerson(person)
    }

    /// People from a spreadsheet's CSV export, all or nothing.
    public func importPeople(csv: String) async throws -> [Person] {
        try AccessPolicy.require(principal, .registerPeople)
        let people = try PeopleCSV.parse(csv)
        try await store.addPeople(people)
        return people
    }

    public func update(_ person: Person) async throws {
        try AccessPolicy.require(principal, .registerPeople)
        try TextRules.check(person)
        try await store.updatePerson(person)
    }

    /// Records that a guest (known by e-mail, no NIP) is the registered person `person`; see `MeetingStore.linkGuest`.
    public func linkGuest(_ guest: PersonID, to person: PersonID) async throws -> GuestLink {
        try AccessPolicy.require(principal, .registerPeople)
        return try await store.linkGuest(guest, to: person)
    }

    // MARK: Meetings

    /// Plans a meeting, or every meeting of a series; refused whole when one of them cannot work.
    public func plan(_ request: PlanRequest) async throws -> [Meeting] {
        try AccessPolicy.require(principal, .planMeetings)
        let (template, series) = try request.plan()
        try TextRules.check(template)
        guard let series else { return [try await store.createMeeting(template)] }
        let (planned, meetings) = try series.planned(from: template, through: Self.horizon(template))
        return try await store.createMeetings(meetings, series: planned)
    }

    /// How far a new series is stored at once: a window from its first meeting (or from today, for one that began).
    static func horizon(_ first: Meeting) -> Date { max(first.start, Date()).addingTimeInterval(Series.window) }

    /// Every rule `plan` would apply, against the archive as it is now, without keeping anything.
    public func check(_ request: PlanRequest) async throws {
        try AccessPolicy.require(principal, .planMeetings)
        let (template, series) = try request.plan()
        try TextRules.check(template)
        guard let series else { return try await store.checkMeetings([template], series: nil) }
        let (planned, meetings) = try series.planned(from: template, through: Self.horizon(template))
        try await store.checkMeetings(meetings, series: planned)
    }

    /// Changes a scheduled meeting; participants see a new sequence number.
    public func update(_ id: MeetingID, _ change: MeetingChange) async throws -> Meeting {
        try AccessPolicy.require(principal, .planMeetings)
        let link = try change.link.map { try Meeting.checkedLink($0) }
        return try await store.change(id) { m, _ in try change.apply(to: &m, checkedLink: link) }
    }

    /// Cancels a meeting that has not started.
    public func cancel(_ id: MeetingID, reason: String?) async throws -> Meeting {
        try AccessPolicy.require(principal, .planMeetings)
        return try await store.change(id) { m, _ in try m.cancel(reason: reason) }
    }

    // MARK: Agenda

    public func addAgendaItem(_ id: MeetingID, _ item: PlanRequest.Item, at position: Int? = nil) async throws -> Meeting {
        try AccessPolicy.require(principal, .changeAgenda)
        let presenterNIP = try item.presenterNip.map { try PersonID($0) }
        return try await store.change(id) { m, _ in
            _ = try m.addAgendaItem(title: item.title, presenter: item.presenter, presenterNIP: presenterNIP, boxMinutes: item.minutes, at: position,
                                 standing: item.standing ?? false)
        }
    }

    public func moveAgendaItem(_ id: MeetingID, from: Int, to: Int) async throws -> Meeting {
        try AccessPolicy.require(principal, .changeAgenda)
        return try await store.change(id) { m, _ in try m.moveAgendaItem(from: from, to: to) }
    }

    public func removeAgendaItem(_ id: MeetingID, at position: Int) async throws -> Meeting {
        try AccessPolicy.require(principal, .changeAgenda)
        return try await store.change(id) { m, _ in try m.removeAgendaItem(at: position) }
    }

    // MARK: Series

    public func allSeries() async throws -> [(series: Series, meetings: Int)] {
        var result: [(Series, Int)] = []
        for s in try await store.allSeries() { result.append((s, try await store.meetings(MeetingFilter(seriesID: s.id)).count)) }
        return result
    }

    public func series(_ id: String) async throws -> (series: Series, meetings: [Meeting]) {
        (try await store.series(id), try await Archive(store: store, principal: principal).meetings(MeetingFilter(seriesID: id)))
    }

    /// Prepares the next meeting's agenda from what the last one left: its planned items, the carried-over items
    /// and the open action items; `drop` and `boxes` adjust it by position. With `keep: false` nothing is written.
    public func prepareNext(series id: String, drop: Set<Int>, boxes: [Int: Int], followUpBoxMinutes: Int, keep: Bool) async throws -> PreparedMeeting {
        try AccessPolicy.require(principal, .changeAgenda)
        return try await store.prepareNextMeeting(series: id, drop: drop, boxes: boxes, followUpBoxMinutes: followUpBoxMinutes,
                                                  today: CivilDate(Date(), in: Zone.jakarta), store: keep)
    }
}

/// What `Planning.update` changes; nil fields stay as they are.
public struct MeetingChange: Sendable {
    public var title: String?
    public var kind: String?
    /// New start; the length is kept unless `end` or `minutes` is given.
    public var start: String?
    public var end: String?
    public var minutes: Int?
    public var timeZone: String?
    /// An empty link removes it.
    public var link: String?
    /// An empty location removes it.
    public var location: String?
    public var chair: PersonID?
    public var notulis: PersonID?
    public var addParticipants: [PersonID] = []
    public var removeParticipants: [PersonID] = []

    public init() {}

    func apply(to m: inout Meeting, checkedLink: String??) throws {
        let zone = try timeZone.map { try Zone.named($0) } ?? m.zone
        let length = m.end.timeIntervalSince(m.start)
        if let title { m.title = title }
        if let kind { m.kind = kind }
        m.timeZone = zone.identifier
        if let start {
            m.start = try PlanRequest.time(start, zone: zone, sameDayAs: m.start)
            m.end = m.start.addingTimeInterval(length)
        }
        if let end { m.end = try PlanRequest.time(end, zone: zone, sameDayAs: m.start) }
        if let minutes {
            guard minutes > 0, minutes <= 10_000_000 else { throw InputError.invalidDuration(String(minutes)) }
            m.end = m.start.addingTimeInterval(TimeInterval(minutes * 60))
        }
        if let checkedLink { m.virtualLink = checkedLink }
        if let location { m.location = location.isEmpty ? nil : location }
        if let chair { m.chair = chair }
        if let notulis { m.notulis = notulis }
        m.changeParticipants(adding: addParticipants, removing: removeParticipants)
    }
}

/// A field that should name one registered person names nobody, or several people.
public struct PersonNotNamed: Error, LocalizedMessage, Equatable {
    public var field: String
    public var text: String
    public var candidates: [Person]

    public func message(_ l: Language) -> String {
        if candidates.isEmpty {
            return l == .en ? "No registered person is named “\(text)”: type part of a name or an 18-digit NIP."
                : "Tidak ada orang terdaftar bernama “\(text)”: ketik sebagian nama atau NIP 18 digit."
        }
        let names = candidates.prefix(5).map { "\($0.name) (\($0.opd), NIP \($0.id.key))" }.joined(separator: "; ")
        let more = candidates.count > 5 ? (l == .en ? " and \(candidates.count - 5) more" : " dan \(candidates.count - 5) lainnya") : ""
        return l == .en ? "“\(text)” names \(candidates.count) people: \(names)\(more). Type more of the name or the NIP."
            : "“\(text)” cocok dengan \(candidates.count) orang: \(names)\(more). Ketik nama lebih lengkap atau NIP-nya."
    }
}
