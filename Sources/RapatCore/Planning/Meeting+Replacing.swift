import Foundation

extension Meeting {
    /// The meeting with `old` named as `new` wherever it names a person: chair, minute-taker, participants,
    /// presenters, attendance and action-item owners (what a guest linked to a registered person becomes).
    /// Someone named twice afterwards is named once; an attendance `new` has of their own is kept over `old`'s.
    /// Approved minutes are sealed and are never rewritten: the caller leaves them as they are.
    public func replacing(_ old: PersonID, with new: PersonID) -> Meeting {
        precondition(!minutes.isApproved, "sealed minutes are never rewritten")
        func swap(_ id: PersonID) -> PersonID { id == old ? new : id }
        var m = self
        m.chair = swap(chair)
        m.notulis = notulis.map(swap)
        if m.notulis == m.chair { m.notulis = nil }
        var seen: Set<PersonID> = Set([m.chair] + (m.notulis.map { [$0] } ?? []))
        m.participants = participants.map(swap).filter { seen.insert($0).inserted }
        for i in m.agenda.indices { m.agenda[i].presenterNIP = m.agenda[i].presenterNIP.map(swap) }
        let hasOwn = attendance.contains { $0.nip == new }
        m.attendance = attendance.compactMap { a in
            guard a.nip == old else { return a }
            if hasOwn { return nil }
            var moved = a
            moved.nip = new
            return moved
        }
        for i in m.minutes.actions.indices {
            if case let .person(id) = m.minutes.actions[i].owner { m.minutes.actions[i].owner = .person(swap(id)) }
        }
        return m
    }
}
