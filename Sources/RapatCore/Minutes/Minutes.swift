import Foundation

/// The notula of one meeting: discussion per agenda item, decisions, action items and the chair's approval.
public struct Minutes: Hashable, Codable, Sendable {
    public var notes: [DiscussionNote]
    public var decisions: [Decision]
    public var actions: [ActionItem]
    public var approval: Approval?

    public init(notes: [DiscussionNote] = [], decisions: [Decision] = [], actions: [ActionItem] = [], approval: Approval? = nil) {
        self.notes = notes
        self.decisions = decisions
        self.actions = actions
        self.approval = approval
    }

    public var isApproved: Bool { approval != nil }
}

/// Discussion recorded under one agenda item, in the order it was said.
public struct DiscussionNote: Hashable, Codable, Sendable {
    public var itemKey: Int
    public var text: String
    /// Who spoke, when noted ("Kepala BPKAD").
    public var speaker: String?

    public init(itemKey: Int, text: String, speaker: String? = nil) {
        self.itemKey = itemKey
        self.text = text
        self.speaker = speaker
    }
}

/// A decision (keputusan/kesimpulan), numbered within the meeting.
public struct Decision: Hashable, Codable, Sendable {
    public var number: Int
    public var itemKey: Int?
    public var text: String

    public init(number: Int, itemKey: Int?, text: String) {
        self.number = number
        self.itemKey = itemKey
        self.text = text
    }
}

/// Who must carry out an action item: an OPD as a whole or one person.
public enum ActionOwner: Hashable, Codable, Sendable, CustomStringConvertible {
    case opd(String)
    case person(NIP)

    public var description: String {
        switch self {
        case let .opd(name): return name
        case let .person(nip): return "NIP \(nip)"
        }
    }
}

public enum ActionStatus: String, Codable, Sendable, CaseIterable {
    case open, done
}

/// A follow-up task (tindak lanjut) with an owner and a due date; its id is the meeting id plus a number, e.g. `RP-2020-0012/3`.
public struct ActionItem: Hashable, Codable, Sendable {
    public var number: Int
    public var itemKey: Int?
    public var text: String
    public var owner: ActionOwner
    public var due: CivilDate?
    public var status: ActionStatus
    public var completedAt: Date?
    public var completionNote: String?

    public init(number: Int, itemKey: Int?, text: String, owner: ActionOwner, due: CivilDate?, status: ActionStatus = .open) {
        self.number = number
        self.itemKey = itemKey
        self.text = text
        self.owner = owner
        self.due = due
        self.status = status
    }
}

/// The chair's approval, after which the minutes are frozen.
public struct Approval: Hashable, Codable, Sendable {
    public var by: NIP
    public var at: Date

    public init(by: NIP, at: Date) {
        self.by = by
        self.at = at
    }
}
