import Foundation

/// An action item as followed up across meetings: what the minutes recorded, plus its current status.
///
/// Approved minutes are frozen, so completing an action after approval is recorded beside them
/// (`followUp`), never inside them.
public struct ActionRecord: Hashable, Codable, Sendable {
    public var id: ActionID
    public var action: ActionItem
    public var meetingTitle: String
    public var meetingDate: CivilDate
    public var seriesID: String?
    /// The OPD answerable for it: the owner OPD, or the owner person's OPD.
    public var ownerOPD: String
    public var status: ActionStatus
    public var completedAt: Date?
    public var completionNote: String?

    public init(id: ActionID, action: ActionItem, meetingTitle: String, meetingDate: CivilDate, seriesID: String?, ownerOPD: String,
                status: ActionStatus, completedAt: Date?, completionNote: String?) {
        self.id = id
        self.action = action
        self.meetingTitle = meetingTitle
        self.meetingDate = meetingDate
        self.seriesID = seriesID
        self.ownerOPD = ownerOPD
        self.status = status
        self.completedAt = completedAt
        self.completionNote = completionNote
    }

    /// A status recorded beside frozen minutes; it wins over the status the minutes hold.
    public struct FollowUp: Hashable, Sendable {
        public var status: ActionStatus
        public var at: Date
        public var note: String?

        public init(status: ActionStatus, at: Date, note: String?) {
            self.status = status
            self.at = at
            self.note = note
        }
    }

    /// An action item with its meeting's details and its follow-up, if one was recorded after approval.
    public init(_ item: ActionItem, id: ActionID, meetingTitle: String, meetingDate: CivilDate, seriesID: String?, ownerOPD: String, followUp: FollowUp?) {
        self.init(id: id, action: item, meetingTitle: meetingTitle, meetingDate: meetingDate, seriesID: seriesID, ownerOPD: ownerOPD,
                  status: followUp?.status ?? item.status, completedAt: followUp != nil ? followUp!.at : item.completedAt,
                  completionNote: followUp != nil ? followUp!.note : item.completionNote)
    }

    /// An action item of `m`; `ownerPerson` is the owner when a person owns it (their OPD answers for it).
    public init(_ item: ActionItem, of m: Meeting, ownerPerson: Person?, followUp: FollowUp?) {
        let opd: String
        switch item.owner {
        case let .opd(o): opd = o
        case .person: opd = ownerPerson?.opd ?? "?"
        }
        self.init(item, id: ActionID(meeting: m.id, number: item.number), meetingTitle: m.title, meetingDate: CivilDate(m.start, in: m.zone),
                  seriesID: m.seriesID, ownerOPD: opd, followUp: followUp)
    }

    /// Open and past its due date on `day`.
    public func isOverdue(on day: CivilDate) -> Bool {
        guard status == .open, let due = action.due else { return false }
        return due < day
    }

    /// Days since the meeting that created it.
    public func ageDays(on day: CivilDate) -> Int {
        let utc = TimeZone(identifier: "UTC")!
        let from = meetingDate.at(hour: 12, minute: 0, in: utc), to = day.at(hour: 12, minute: 0, in: utc)
        return Int((to.timeIntervalSince(from) / 86400).rounded())
    }

    /// Days past due on `day`, 0 when not overdue.
    public func daysOverdue(on day: CivilDate) -> Int {
        guard isOverdue(on: day), let due = action.due else { return 0 }
        let utc = TimeZone(identifier: "UTC")!
        return Int((day.at(hour: 12, minute: 0, in: utc).timeIntervalSince(due.at(hour: 12, minute: 0, in: utc)) / 86400).rounded())
    }
}

/// Which action items a listing returns.
public enum ActionStatusFilter: String, Codable, Sendable, CaseIterable {
    case open, done, overdue

    /// Whether `record` is listed under this status on `day`.
    public func admits(_ record: ActionRecord, on day: CivilDate) -> Bool {
        switch self {
        case .open: return record.status == .open
        case .done: return record.status == .done
        case .overdue: return record.isOverdue(on: day)
        }
    }
}
