import Foundation

/// The notula of one meeting: discussion per agenda item, decisions, action items and the chair's approval.
public struct Minutes: Hashable, Codable, Sendable {
    public var notes: [DiscussionNote]
    public var decisions: [Decision]
    public var actions: [ActionItem]
    /// Per-OPD figures reported at the meeting (e.g. budget absorption).
    public var indicators: [Indicator]
    public var approval: Approval?

    public init(notes: [DiscussionNote] = [], decisions: [Decision] = [], actions: [ActionItem] = [],
                indicators: [Indicator] = [], approval: Approval? = nil) {
        self.notes = notes
        self.decisions = decisions
        self.actions = actions
        self.indicators = indicators
        self.approval = approval
    }

    public var isApproved: Bool { approval != nil }

    /// Indicators in a stable order: by name, OPD, date.
    public mutating func sortIndicators() {
        indicators.sort { ($0.name, $0.opd.lowercased(), $0.asOf) < ($1.name, $1.opd.lowercased(), $1.asOf) }
    }
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
    case person(PersonID)

    public var description: String {
        switch self {
        case let .opd(name): return name
        case let .person(nip): return nip.isGuest ? "\(nip)" : "NIP \(nip)"
        }
    }
}

public enum ActionStatus: String, Codable, Sendable, CaseIterable {
    case open, done
}

/// Identifies an action item across the archive: `RP-2020-0012/3`.
public struct ActionID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var meeting: MeetingID
    public var number: Int

    public init(meeting: MeetingID, number: Int) {
        self.meeting = meeting
        self.number = number
    }

    public init(_ text: String) throws(InputError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let n = Int(parts[1]), n > 0 else {
            throw .invalidValue(field: "action item id", value: text, hint: "write MEETING/NUMBER, e.g. RP-2020-0012/3")
        }
        self.init(meeting: try MeetingID(String(parts[0])), number: n)
    }

    public var description: String { "\(meeting)/\(number)" }
    public static func < (a: ActionID, b: ActionID) -> Bool { (a.meeting, a.number) < (b.meeting, b.number) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try ActionID(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
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

/// The chair's approval, after which the minutes are frozen; a correction is a new version with a reason.
public struct Approval: Hashable, Codable, Sendable {
    public var by: PersonID
    public var at: Date
    /// 1 for the first approval, 2, 3… for corrections.
    public var version: Int
    public var reason: String?

    public init(by: PersonID, at: Date, version: Int = 1, reason: String? = nil) {
        self.by = by
        self.at = at
        self.version = version
        self.reason = reason
    }
}
