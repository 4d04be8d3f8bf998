import Foundation
import RapatCore
import RapatStore
import Testing

/// Guests — people without a NIP, known by their e-mail address — on every backend: registered by an import,
/// named in meetings and sealed minutes, linked later to the registered person they are (#17).
@Suite struct GuestConformanceTests {
    static let email = "anggota.komisi5@dprd.example.go.id"
    static let guest = PersonID.guest(email: email)
    static let person = try! Person(id: guest, name: "H. Ahmad Fauzi", jabatan: "", opd: Person.guestOPD, email: email)

    /// An imported event naming the guest as chair and Kadinkes as participant.
    static func event(_ start: String, uid: String, participants: [PersonID] = [Seed.kadinkes]) -> ImportedEvent {
        var plan = Seed.plan(start, minutes: 60, chair: guest, participants: participants, title: "Kunjungan kerja DPRD")
        plan.agenda = [try! AgendaItem(key: 1, title: "Aspirasi Komisi V", boxMinutes: 30)]
        plan.icalUID = uid
        var e = ImportedEvent(source: "dprd.ics", line: 1, uid: uid, sequence: 0, cancelled: false, summary: plan.title,
                              meetings: [plan], series: nil, unknownAttendees: [])
        e.guests = [person]
        return e
    }

    @Test(arguments: Backend.all)
    func anImportRegistersItsGuestsOnceAndNamesThemInMeetings(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let first = try await store.importEvents([Self.event("2020-12-16 13:00", uid: "k1")], dryRun: false, strict: false)
        #expect(first.created.count == 1 && first.guests == [Self.guest] && first.skipped.isEmpty)
        // A second event naming the same guest finds them registered.
        let second = try await store.importEvents([Self.event("2020-12-17 13:00", uid: "k2")], dryRun: false, strict: true)
        #expect(second.created.count == 1 && second.guests.isEmpty)
        let stored = try await store.person(Self.guest)
        #expect(stored == Self.person && stored.isGuest && stored.nip == nil)
        #expect(try await store.people(opd: Person.guestOPD).map(\.id) == [Self.guest])
        #expect(try await store.meetings(MeetingFilter(participant: Self.guest)).count == 2)
        // A dry run registers nobody.
        let dry = try await store.importEvents([Self.event("2020-12-18 13:00", uid: "k3", participants: [])], dryRun: true, strict: false)
        #expect(dry.created.count == 1)
        #expect(try await store.meetings(MeetingFilter()).count == 2)
    }

    @Test(arguments: Backend.all)
    func aLinkedGuestIsThePersonInEveryMeetingNotSealed(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let created = try await store.importEvents([Self.event("2020-12-16 13:00", uid: "k1"), Self.event("2020-12-17 13:00", uid: "k2")],
                                                   dryRun: false, strict: false).created
        // Minutes of the first meeting are approved (sealed) while the guest is still a guest.
        try await store.updateMeeting(created[0], sealingWith: Seed.signer) { m, p in
            try m.checkIn(Self.guest, as: .hadir, at: Seed.at("2020-12-16 12:58"))
            try m.start(at: Seed.at("2020-12-16 13:00"), reason: nil, policy: p.onTime)
            try m.nextItem(at: Seed.at("2020-12-16 13:00"))
            try m.addNote(item: 1, text: "Kunjungan kerja Komisi V.")
            try m.endMeeting(at: Seed.at("2020-12-16 13:50"))
            try m.approveMinutes(by: Self.guest, at: Seed.at("2020-12-16 15:00"))
        }
        try await store.updateMeeting(created[1]) { m, _ in try m.checkIn(Self.guest, as: .daring, at: Seed.at("2020-12-17 12:59")) }

        // Only a guest is linked, and only to a registered person with a NIP.
        await #expect(throws: StoreError.notAGuest(Seed.kabpbd)) { try await store.linkGuest(Seed.kabpbd, to: Seed.kadinkes) }
        let other = PersonID.guest(email: "tenaga.ahli@kampus.example.ac.id")
        await #expect(throws: StoreError.unknownPerson(other)) { try await store.linkGuest(other, to: Seed.kabpbd) }

        let link = try await store.linkGuest(Self.guest, to: Seed.kabpbd)
        #expect(link.meetings == [created[1]] && link.freed.isEmpty)
        let open = try await store.meeting(created[1])
        #expect(open.chair == Seed.kabpbd && !open.everyone.contains(Self.guest))
        #expect(open.attendance.map(\.nip) == [Seed.kabpbd] && open.attendance[0].category == .daring)
        // Sealed minutes keep the guest as approved, and still verify.
        let sealed = try await store.meeting(created[0])
        #expect(sealed.chair == Self.guest && sealed.minutes.approval?.by == Self.guest)
        #expect(try await store.verify(from: nil, to: nil).problems == [])
        #expect(try await store.person(Self.guest).linkedTo == Seed.kabpbd)
        // Changing the guest's details keeps the link.
        var renamed = try await store.person(Self.guest)
        renamed.name = "H. Ahmad Fauzi, S.H."
        renamed.linkedTo = nil
        try await store.updatePerson(renamed)
        #expect(try await store.person(Self.guest).linkedTo == Seed.kabpbd)
    }

    @Test(arguments: Backend.all)
    func linkingKeepsThePersonsTimeFromBeingDoubleBooked(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        // Joko (kabpbd) chairs a meeting planned here; the guest's imported visit overlaps it.
        var ownPlan = Seed.plan("2020-12-16 13:00", minutes: 60, chair: Seed.kabpbd, participants: [])
        ownPlan.agenda = []
        let own = try await store.createMeeting(ownPlan)
        let imported = try await store.importEvents([Self.event("2020-12-16 13:30", uid: "k1", participants: [])], dryRun: false, strict: false).created
        let link = try await store.linkGuest(Self.guest, to: Seed.kabpbd)
        #expect(link.meetings == imported && link.freed == imported)
        #expect(try await store.meeting(imported[0]).blocksTime == false)
        #expect(try await store.meeting(own.id).blocksTime)

        // A meeting planned here with the guest is refused to link over a clash: nothing changes.
        let store2 = try await Seed.store(backend)
        try await store2.addPerson(Self.person)
        _ = try await store2.createMeeting(ownPlan)
        var plan = Seed.plan("2020-12-16 13:30", minutes: 60, chair: Seed.governor, participants: [Self.guest])
        plan.agenda = []
        let planned = try await store2.createMeeting(plan)
        await #expect(throws: PlanningError.self) { try await store2.linkGuest(Self.guest, to: Seed.kabpbd) }
        #expect(try await store2.meeting(planned.id).participants == [Self.guest])
        #expect(try await store2.person(Self.guest).linkedTo == nil)
    }
}
