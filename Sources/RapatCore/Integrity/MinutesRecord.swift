import Foundation

/// The approved minutes of a meeting as they are sealed: everything a reader of the notula relies on,
/// serialised canonically (sorted keys, UTC ISO 8601 times) so the same record always gives the same
/// bytes and the same SHA-256 digest.
public struct MinutesRecord: Codable, Equatable, Sendable {
    public struct Item: Codable, Equatable, Sendable {
        public var position: Int
        public var title: String
        public var presenter: String?
        public var presenterNIP: NIP?
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
    public var chair: NIP
    public var notulis: NIP?
    public var participants: [NIP]
    public var actualStart: Date?
    public var actualEnd: Date?
    public var lateStartReason: String?
    public var attendance: [Attendance]
    public var agenda: [Item]
    public var decisions: [Decision]
    public var actions: [ActionItem]
    public var indicators: [Indicator]
    public var approval: Approval

    public init(_ m: Meeting) throws(MinutesError) {
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
        attendance = m.attendance
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
}
