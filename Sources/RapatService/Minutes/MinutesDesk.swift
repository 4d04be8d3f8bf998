import Foundation
import RapatCore
import RapatStore

/// The notula: discussion, decisions, action items, approval by the chair and corrections.
public struct MinutesDesk: Sendable {
    let store: any MeetingStore
    let principal: Principal
    /// Seals and signs approvals and corrections.
    let signer: SealSigner?

    /// The secretariat, or this meeting's chair or minute-taker whatever their role.
    func requireOnMeeting(_ permission: Permission, _ id: MeetingID) async throws {
        if AccessPolicy.may(principal, permission) { return }
        try AccessPolicy.require(principal, permission, on: try await store.meeting(id))
    }

    public func note(_ id: MeetingID, item: Int, text: String, speaker: String?) async throws -> Meeting {
        try await requireOnMeeting(.writeMinutes, id)
        return try await store.change(id) { m, _ in try m.addNote(item: item, text: text, speaker: speaker) }
    }

    public func decide(_ id: MeetingID, item: Int?, text: String) async throws -> (meeting: Meeting, decision: Decision) {
        try await requireOnMeeting(.writeMinutes, id)
        let m = try await store.change(id) { m, _ in _ = try m.addDecision(item: item, text: text) }
        return (m, m.minutes.decisions.last!)
    }

    /// An action item owned by an OPD, or by a person when `owner` is a registered NIP.
    public func action(_ id: MeetingID, item: Int?, owner: String, due: String?, text: String) async throws -> (meeting: Meeting, action: ActionItem) {
        try await requireOnMeeting(.writeMinutes, id)
        let actionOwner: ActionOwner
        if let nip = try? PersonID(owner) {
            _ = try await store.person(nip)
            actionOwner = .person(nip)
        } else {
            actionOwner = .opd(owner.trimmed)
        }
        let due = try due.map { try CivilDate($0) }
        let m = try await store.change(id) { m, _ in _ = try m.addAction(item: item, text: text, owner: actionOwner, due: due) }
        return (m, m.minutes.actions.last!)
    }

    /// Removes an entry written by mistake, before approval (`text`: the entry as shown, or nothing is removed).
    public func remove(_ id: MeetingID, _ entry: MinutesEntry, text: String) async throws -> Meeting {
        try await requireOnMeeting(.writeMinutes, id)
        return try await store.change(id) { m, _ in try m.removeEntry(entry, text: text) }
    }

    /// Marks an action item done (or open again): inside the minutes before approval, beside them after.
    public func setAction(_ id: ActionID, done: Bool, note: String?) async throws -> ActionRecord {
        try AccessPolicy.require(principal, .writeMinutes)
        return try await store.setActionStatus(id, done ? .done : .open, at: Date(), note: note)
    }

    /// Action items across meetings with their current status.
    public func actions(_ filter: ActionFilter) async throws -> [ActionRecord] {
        try AccessPolicy.require(principal, .readReports)
        return try await store.actions(filter)
    }

    /// Records per-OPD figures (target and realisation at a date) at a meeting; all or nothing.
    public func record(_ indicators: [Indicator], at id: MeetingID) async throws -> Meeting {
        try await requireOnMeeting(.writeMinutes, id)
        return try await store.change(id) { m, _ in
            for i in indicators { try m.recordIndicator(i) }
        }
    }

    /// The chair approves; the minutes are sealed, signed with the office's key, and frozen from then on.
    public func approve(_ id: MeetingID, by: PersonID, at: String?) async throws -> Meeting {
        try await requireOnMeeting(.approveMinutes, id)
        // A chair who is not the secretariat approves as themselves only.
        if !AccessPolicy.may(principal, .approveMinutes), principal.person != by { throw AccessDenied(action: Permission.approveMinutes.action) }
        return try await store.change(id, sealingWith: signer) { m, _ in
            try m.approveMinutes(by: by, at: at == nil ? Date() : MeetingRoom.time(at, for: m))
        }
    }

    /// A correction of approved minutes: a new sealed version with its reason.
    public func correct(_ id: MeetingID, by: PersonID, reason: String, _ correction: MinutesCorrection) async throws -> Meeting {
        try await requireOnMeeting(.approveMinutes, id)
        if !AccessPolicy.may(principal, .approveMinutes), principal.person != by { throw AccessDenied(action: Permission.approveMinutes.action) }
        guard !correction.isEmpty else {
            throw InputError.missing("correction", "say what to correct: --decide, --replace-decision or --note")
        }
        return try await store.change(id, sealingWith: signer) { m, _ in
            try m.correctMinutes(by: by, at: Date(), reason: reason) { draft in
                for (n, text) in correction.replaceDecisions {
                    guard let i = draft.minutes.decisions.firstIndex(where: { $0.number == n }) else {
                        throw InputError.invalidValue(field: "decision", value: String(n), hint: "see 'rapat minutes show \(draft.id)'")
                    }
                    draft.minutes.decisions[i].text = text.trimmed
                }
                for (item, text) in correction.notes { try draft.addNote(item: item, text: text) }
                for text in correction.decisions { try draft.addDecision(item: nil, text: text) }
            }
        }
    }

    /// The sealed versions of a meeting's minutes, oldest first.
    public func versions(_ id: MeetingID) async throws -> [MinutesVersion] {
        let m = try await store.meeting(id)
        try AccessPolicy.requireRead(principal, m)
        return try await store.minutesVersions(id)
    }
}

/// What a correction changes.
public struct MinutesCorrection: Sendable {
    public var decisions: [String] = []
    public var replaceDecisions: [(Int, String)] = []
    public var notes: [(Int, String)] = []

    public init(decisions: [String] = [], replaceDecisions: [(Int, String)] = [], notes: [(Int, String)] = []) {
        self.decisions = decisions
        self.replaceDecisions = replaceDecisions
        self.notes = notes
    }

    var isEmpty: Bool { decisions.isEmpty && replaceDecisions.isEmpty && notes.isEmpty }
}
