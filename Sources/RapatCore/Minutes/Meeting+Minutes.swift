import Foundation

/// Writing and approving the notula.
extension Meeting {
    /// Refuses any change once the chair has approved the minutes.
    public func ensureMinutesOpen() throws(MinutesError) {
        if let a = minutes.approval { throw .approved(id, by: a.by, at: localStamp(a.at, zone)) }
    }

    private func cleaned(_ text: String, _ what: String) throws(MinutesError) -> String {
        let t = text.trimmed
        guard !t.isEmpty else { throw .emptyText(what) }
        return t
    }

    private func itemKey(_ position: Int?) throws(MinutesError) -> Int? {
        guard let position else { return nil }
        return agenda[try agendaIndex(position: position)].key
    }

    /// Adds discussion under the agenda item at `position` (1-based).
    public mutating func addNote(item position: Int, text: String, speaker: String? = nil) throws(MinutesError) {
        try ensureMinutesOpen()
        let key = try itemKey(position)!
        minutes.notes.append(DiscussionNote(itemKey: key, text: try cleaned(text, "discussion note"), speaker: speaker))
    }

    /// Records a decision, under an agenda item or for the meeting as a whole.
    @discardableResult
    public mutating func addDecision(item position: Int?, text: String) throws(MinutesError) -> Decision {
        try ensureMinutesOpen()
        let d = Decision(number: (minutes.decisions.map(\.number).max() ?? 0) + 1, itemKey: try itemKey(position),
                         text: try cleaned(text, "decision"))
        minutes.decisions.append(d)
        return d
    }

    /// Records an action item with its owner and due date.
    @discardableResult
    public mutating func addAction(item position: Int?, text: String, owner: ActionOwner, due: CivilDate?) throws(MinutesError) -> ActionItem {
        try ensureMinutesOpen()
        let a = ActionItem(number: (minutes.actions.map(\.number).max() ?? 0) + 1, itemKey: try itemKey(position),
                           text: try cleaned(text, "action item"), owner: owner, due: due)
        minutes.actions.append(a)
        return a
    }

    /// Marks an action item done or open again.
    public mutating func setAction(_ number: Int, status: ActionStatus, at time: Date, note: String?) throws(MinutesError) {
        try ensureMinutesOpen()
        guard let i = minutes.actions.firstIndex(where: { $0.number == number }) else { throw .unknownAction(meeting: id, number: number) }
        minutes.actions[i].status = status
        minutes.actions[i].completedAt = status == .done ? time.wholeSecond : nil
        minutes.actions[i].completionNote = note
    }

    /// Removes a note, decision or action item written by mistake, before approval. `text` is the entry as the
    /// editor showed it: when it no longer matches, nothing is removed. Decisions and action items are numbered
    /// again from 1 (nothing refers to them before approval).
    public mutating func removeEntry(_ entry: MinutesEntry, text: String) throws(MinutesError) {
        try ensureMinutesOpen()
        switch entry {
        case let .note(index):
            guard minutes.notes.indices.contains(index), minutes.notes[index].text == text else { throw .entryChanged(id) }
            minutes.notes.remove(at: index)
        case let .decision(number):
            guard let i = minutes.decisions.firstIndex(where: { $0.number == number }), minutes.decisions[i].text == text else { throw .entryChanged(id) }
            minutes.decisions.remove(at: i)
            for k in minutes.decisions.indices { minutes.decisions[k].number = k + 1 }
        case let .action(number):
            guard let i = minutes.actions.firstIndex(where: { $0.number == number }), minutes.actions[i].text == text else { throw .entryChanged(id) }
            minutes.actions.remove(at: i)
            for k in minutes.actions.indices { minutes.actions[k].number = k + 1 }
        }
    }

    /// Records (or replaces) an OPD's figure for an indicator at a date.
    public mutating func recordIndicator(_ indicator: Indicator) throws(MinutesError) {
        try ensureMinutesOpen()
        minutes.indicators.removeAll { $0.opd == indicator.opd && $0.name == indicator.name && $0.asOf == indicator.asOf }
        minutes.indicators.append(indicator)
        minutes.sortIndicators()
    }

    /// A correction of approved minutes: `change` edits them as if open, and the chair's new approval
    /// makes the next version, with its reason. The earlier version stays stored as it was.
    public mutating func correctMinutes(by nip: PersonID, at time: Date, reason: String, _ change: (inout Meeting) throws -> Void) throws {
        guard let approval = minutes.approval else { throw MinutesError.notApproved(id) }
        guard nip == chair else { throw MinutesError.notChair(nip, id, chair: chair) }
        let reason = reason.trimmed
        guard !reason.isEmpty else { throw MinutesError.emptyText("reason for the correction") }
        var draft = self
        draft.minutes.approval = nil
        try change(&draft)
        draft.minutes.approval = Approval(by: nip, at: time.wholeSecond, version: approval.version + 1, reason: reason)
        self = draft
    }

    /// The chair approves the minutes of a meeting that has ended; from then on they are frozen.
    public mutating func approveMinutes(by nip: PersonID, at time: Date) throws(MinutesError) {
        try ensureMinutesOpen()
        guard status == .ended else { throw .notHeldYet(id, status) }
        guard nip == chair else { throw .notChair(nip, id, chair: chair) }
        minutes.approval = Approval(by: nip, at: time.wholeSecond)
    }
}

/// One entry of draft minutes: a note (its place in the list of notes), a decision or an action item (its number).
public enum MinutesEntry: Hashable, Sendable {
    case note(Int)
    case decision(Int)
    case action(Int)
}
