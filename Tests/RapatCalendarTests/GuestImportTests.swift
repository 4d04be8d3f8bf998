import Foundation
import Testing
@testable import RapatCalendar
import RapatCore
import RapatSQLite
import RapatStore

/// Organizers and attendees nobody registered come in as guests known by their e-mail address (#17).
@Suite struct GuestImportTests {
    let importer = ICalImport(people: Cal.people, windowEnd: Cal.at("2026-12-31 00:00"))

    func calendar(_ events: String...) -> Data {
        Data(("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + events.joined() + "END:VCALENDAR\n")
            .replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// A visit of DPRD members, organized by one of them, attended by Kadinkes and an expert.
    let visit = """
        BEGIN:VEVENT
        UID:kunker-1
        DTSTART:20201216T060000Z
        DTEND:20201216T070000Z
        SUMMARY:Kunjungan kerja Komisi V
        ORGANIZER;CN="H. Ahmad Fauzi":mailto:Ahmad.Fauzi@DPRD.example.go.id
        ATTENDEE;CN="dr. Ratna Dewi":mailto:kadis@dinkes.bantenprov.go.id
        ATTENDEE;CN="Prof. Siti, ahli":mailto:siti@kampus.example.ac.id
        ATTENDEE;CN=Ruang Rapat:urn:uuid:6b1c
        ATTENDEE:mailto:bukan alamat
        END:VEVENT

        """

    @Test func unregisteredOrganizerAndAttendeesBecomeGuestsWithoutAChairOption() throws {
        let e = try #require(try importer.events(from: calendar(visit), source: "v.ics").first)
        let fauzi = PersonID.guest(email: "ahmad.fauzi@dprd.example.go.id"), siti = PersonID.guest(email: "siti@kampus.example.ac.id")
        #expect(e.unreadable == nil)
        let m = try #require(e.meetings.first)
        #expect(m.chair == fauzi && m.participants == [Cal.kadinkes, siti])
        #expect(Set(e.guests.map(\.id)) == [fauzi, siti] && e.guests.allSatisfy { $0.isGuest && $0.nip == nil && $0.opd == Person.guestOPD })
        #expect(e.guests.first { $0.id == fauzi }.map { $0.name == "H. Ahmad Fauzi" && $0.email == "ahmad.fauzi@dprd.example.go.id" } == true)
        #expect(e.guests.first { $0.id == siti }?.name == "Prof. Siti, ahli")
        // What gives no address stays an unknown attendee, reported.
        #expect(e.unknownAttendees == ["Ruang Rapat <urn:uuid:6b1c>", "bukan alamat"])
    }

    @Test func aGuestKeyIsTheSameForTheSameAddressInAnyCase() throws {
        #expect(PersonID.guest(email: "Siti@Kampus.example.ac.id") == PersonID.guest(email: "siti@kampus.example.ac.id"))
        #expect(PersonID.guest(email: "a@x.example") != PersonID.guest(email: "b@x.example"))
        let key = PersonID.guest(email: "siti@kampus.example.ac.id")
        #expect(try key.key.count == 18 && key.isGuest && PersonID(key.key.lowercased()) == key)
        #expect(throws: InputError.self) { try PersonID("G0000000000000000") }  // 0 and 1 are not base-32 digits, and one short
        #expect(throws: InputError.self) { try PersonID("G1234567890123456Z") }
        // A guest is made from the address it is known by, nothing else.
        #expect(throws: InputError.self) { try Person(id: key, name: "Siti", jabatan: "", opd: "Tamu", email: "lain@kampus.example.ac.id") }
        #expect(throws: InputError.self) { try Person(id: key, name: "Siti", jabatan: "", opd: "Tamu") }
        // A calendar's owner is known by the calendar's name and has no address.
        #expect(throws: Never.self) { try Person(id: .guest(calendar: "Siti"), name: "Siti", jabatan: "", opd: "Tamu") }
        #expect(throws: InputError.self) { try Person(id: .guest(calendar: "Siti"), name: "Sita", jabatan: "", opd: "Tamu") }
        #expect(PersonID.guest(calendar: "siti@kampus.example.ac.id") != key)
    }

    @Test func anImportWithGuestsIsStoredAndReimportsUnchanged() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-guest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("rapat.db").path)
        for p in Cal.people.values.sorted(by: { $0.id < $1.id }) { try await store.addPerson(p) }
        let first = try await store.importEvents(try importer.events(from: calendar(visit), source: "v.ics"), dryRun: false, strict: false)
        #expect(first.created.count == 1 && first.guests.count == 2 && first.skipped.isEmpty)
        // The next import reads the registry as the service does: the guests are people now, found by address.
        let again = ICalImport(people: try await store.people(opd: nil).byID, windowEnd: Cal.at("2026-12-31 00:00"))
        let second = try await store.importEvents(try again.events(from: calendar(visit), source: "v.ics"), dryRun: false, strict: false)
        #expect(second.unchanged == 1 && second.guests.isEmpty && second.created.isEmpty)

        // Siti turns out to be registered (she joined the Bappeda): linked, her address names her from now on.
        let bappeda = try PersonID("198003152005012003")
        try await store.addPerson(try Person(id: bappeda, name: "Dr. Siti Aminah", jabatan: "Tenaga Ahli", opd: "Bappeda"))
        let link = try await store.linkGuest(PersonID.guest(email: "siti@kampus.example.ac.id"), to: bappeda)
        #expect(link.meetings == first.created)
        #expect(try await store.meeting(first.created[0]).participants == [Cal.kadinkes, bappeda])
        let afterLink = ICalImport(people: try await store.people(opd: nil).byID, windowEnd: Cal.at("2026-12-31 00:00"))
        let e = try #require(try afterLink.events(from: calendar(visit), source: "v.ics").first)
        #expect(e.meetings[0].participants == [Cal.kadinkes, bappeda] && e.guests.isEmpty)
        #expect(try await store.importEvents([e], dryRun: false, strict: false).unchanged == 1)
    }
}
