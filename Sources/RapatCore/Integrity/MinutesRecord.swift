import Foundation

/// The approved minutes of a meeting as they are sealed: everything a reader of the notula relies on,
/// serialised canonically (sorted keys, UTC ISO 8601 times) so the same record always gives the same
/// bytes and the same SHA-256 digest.
///
/// Format 1 (Rapat before signed seals) held the meeting, agenda, notes, decisions, actions, indicators,
/// attendance and approval. Format 2 adds what the notula also shows — status, location, link, the names,
/// positions and offices of everyone it names — and the digest of the previous version (a chain); its
/// versions are signed. Fields absent from a format-1 record are nil, so it re-encodes to its own bytes.
public struct MinutesRecord: Codable, Equatable, Sendable {
    /// The format records are sealed in now.
    public static let currentFormat = 2

    /// A person as the sealed notula names them.
    public struct NamedPerson: Codable, Equatable, Sendable {
        public var nip: PersonID
        public var name: String
        public var jabatan: String
        public var opd: String

        public init(_ p: Person) {
            nip = p.id
            name = p.name
            jabatan = p.jabatan
            opd = p.opd
        }
    }

    public struct Item: Codable, Equatable, Sendable {
        public var position: Int
        public var title: String
        public var presenter: String?
        public var presenterNIP: PersonID?
        public var boxMinutes: Int
        public var actualStart: Date?
        public var actualEnd: Date?
        public var notes: [DiscussionNote]
    }

    public var meetingID: MeetingID
    public var title: String
    public var kind: String
    public var scheduledStart: Date
    public var scheduledEnd: Date
    public var timeZone: String
    public var chair: PersonID
    public var notulis: PersonID?
    public var participants: [PersonID]
    public var actualStart: Date?
    public var actualEnd: Date?
    public var lateStartReason: String?
    public var attendance: [Attendance]
    public var agenda: [Item]
    public var decisions: [Decision]
    public var actions: [ActionItem]
    public var indicators: [Indicator]
    public var approval: Approval
    /// nil in format 1.
    public var format: Int?
    public var status: MeetingStatus?
    public var location: String?
    public var virtualLink: String?
    /// Everyone the minutes name (chair, minute-taker, participants, presenters), as they were named when sealed.
    public var people: [NamedPerson]?
    /// The digest of the version before this one; nil for version 1 (and in format 1).
    public var previousDigest: String?

    /// The record of `m`'s approved minutes in the current format: `people` gives the names (those not
    /// registered are left out), `previousDigest` links it to the version it corrects.
    public init(_ m: Meeting, people: [PersonID: Person], previousDigest: String?) throws(MinutesError) {
        try self.init(format1: m)
        format = Self.currentFormat
        status = m.status
        location = m.location
        virtualLink = m.virtualLink
        var named = Set<PersonID>()
        self.people = (m.everyone + m.agenda.compactMap(\.presenterNIP) + m.attendance.map(\.nip))
            .filter { named.insert($0).inserted }
            .compactMap { people[$0].map(NamedPerson.init) }
            .sorted { $0.nip.key < $1.nip.key }
        self.previousDigest = previousDigest
    }

    /// The record `m` gives now in the same format, with the same names and link, as `sealed`: equal digests
    /// mean the minutes stored now are the ones that were sealed.
    public init(_ m: Meeting, like sealed: MinutesRecord) throws(MinutesError) {
        if sealed.format == nil {
            try self.init(format1: m)
        } else {
            try self.init(m, people: [:], previousDigest: sealed.previousDigest)
            format = sealed.format
            people = sealed.people
        }
    }

    /// The record in format 1, as Rapat sealed minutes before signatures.
    public init(format1 m: Meeting) throws(MinutesError) {
        guard let approval = m.minutes.approval else { throw .notApproved(m.id) }
        meetingID = m.id
        title = m.title
        kind = m.kind
        scheduledStart = m.start
        scheduledEnd = m.end
        timeZone = m.timeZone
        chair = m.chair
        notulis = m.notulis
        participants = m.participants
        actualStart = m.actualStart
        actualEnd = m.actualEnd
        lateStartReason = m.lateStartReason
        attendance = m.attendance.map(\.withoutHistory)
        agenda = m.agenda.enumerated().map { i, a in
            Item(position: i + 1, title: a.title, presenter: a.presenter, presenterNIP: a.presenterNIP, boxMinutes: a.boxMinutes,
                 actualStart: a.actualStart, actualEnd: a.actualEnd, notes: m.minutes.notes.filter { $0.itemKey == a.key })
        }
        decisions = m.minutes.decisions
        actions = m.minutes.actions
        indicators = m.minutes.indicators
        self.approval = approval
    }

    /// The canonical bytes the digest is taken over.
    public func canonical() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try! encoder.encode(self)  // every field is a plain value: encoding cannot fail
    }

    public var digest: String { SHA256.hex(canonical()) }

    /// `registry` with everyone the record names as the record names them (the names, positions and offices
    /// they were approved with, whatever the registry says now).
    public func naming(_ registry: [PersonID: Person]) -> [PersonID: Person] {
        var people = registry
        for p in self.people ?? [] {
            if let named = try? Person(id: p.nip, name: p.name, jabatan: p.jabatan, opd: p.opd, email: registry[p.nip]?.email) {
                people[p.nip] = named
            }
        }
        return people
    }
}
