import Foundation

/// Changing the plan of a meeting: agenda, cancellation, sequence.
extension Meeting {
    private func ensureAgendaEditable() throws(PlanningError) {
        guard status == .scheduled || status == .started else { throw .notEditable(id, status) }
        if minutes.isApproved { throw .notEditable(id, status) }
    }

    /// Inserts an item at a 1-based position (default: at the end).
    public mutating func addAgendaItem(title: String, presenter: String?, presenterNIP: PersonID?, boxMinutes: Int,
                                       at position: Int? = nil, standing: Bool = false) throws -> AgendaItem {
        try ensureAgendaEditable()
        let item = try AgendaItem(key: nextAgendaKey, title: title, presenter: presenter, presenterNIP: presenterNIP, boxMinutes: boxMinutes,
                                  isStanding: standing)
        let index = try insertionIndex(position)
        agenda.insert(item, at: index)
        return item
    }

    /// Moves the item at `from` to position `to` (both 1-based).
    public mutating func moveAgendaItem(from: Int, to: Int) throws {
        try ensureAgendaEditable()
        let i = try agendaIndex(position: from)
        let item = agenda.remove(at: i)
        guard (1...agenda.count + 1).contains(to) else {
            agenda.insert(item, at: i)
            throw MinutesError.unknownItem(meeting: id, position: to, count: agenda.count + 1)
        }
        agenda.insert(item, at: to - 1)
    }

    /// Removes an item that has not been discussed yet.
    public mutating func removeAgendaItem(at position: Int) throws {
        try ensureAgendaEditable()
        let i = try agendaIndex(position: position)
        let key = agenda[i].key
        if agenda[i].actualStart != nil || minutes.notes.contains(where: { $0.itemKey == key })
            || minutes.decisions.contains(where: { $0.itemKey == key }) || minutes.actions.contains(where: { $0.itemKey == key }) {
            throw PlanningError.itemAlreadyHeld(id, position: position, title: agenda[i].title)
        }
        agenda.remove(at: i)
    }

    private func insertionIndex(_ position: Int?) throws -> Int {
        guard let position else { return agenda.count }
        guard (1...agenda.count + 1).contains(position) else {
            throw MinutesError.unknownItem(meeting: id, position: position, count: agenda.count + 1)
        }
        return position - 1
    }

    /// Cancels a meeting that has not started; participants' calendars drop it.
    public mutating func cancel(reason: String?) throws(PlanningError) {
        guard status == .scheduled else { throw .notEditable(id, status) }
        status = .cancelled
        cancelReason = reason
    }

    /// Takes what a newer copy from another calendar says: title, people, time, place and (when it has
    /// one) the agenda; what happened at the meeting stays as recorded here.
    public mutating func adoptImported(_ plan: Meeting) {
        title = plan.title
        kind = plan.kind
        chair = plan.chair
        notulis = plan.notulis
        participants = plan.participants
        changeParticipants(adding: [], removing: [])
        start = plan.start
        end = plan.end
        timeZone = plan.timeZone
        virtualLink = plan.virtualLink
        location = plan.location
        if !plan.agenda.isEmpty { agenda = plan.agenda }
        details = plan.details
        allDay = plan.allDay
        reservesTime = plan.reservesTime
    }

    /// Bumps `sequence` when anything a participant sees differs from `previous`.
    public mutating func settleSequence(after previous: Meeting) {
        sequence = visible != previous.visible ? previous.sequence + 1 : previous.sequence
    }
}
