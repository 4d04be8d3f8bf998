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
}
