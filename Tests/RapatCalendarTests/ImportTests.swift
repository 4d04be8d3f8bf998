import Foundation
@testable import RapatCalendar
import RapatCore
import RapatStore
import RapatSQLite
import Testing

@Suite struct ParserTests {
    func parse(_ text: String) throws -> [ICalComponent] {
        try ICalParser.parse(Data(text.utf8), source: "x.ics").components
    }

    @Test func unfoldingHappensOnBytesEvenInsideACharacter() throws {
        // "é" is C3 A9; this client folded between the two bytes.
        var bytes = Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Caf".utf8)
        bytes += [0xC3, 0x0D, 0x0A, 0x20, 0xA9]
        bytes += Array(" dan rapat\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        let event = try #require(try ICalParser.parse(Data(bytes), source: "x.ics").components.first)
        #expect(event.first("SUMMARY")?.text == "Café dan rapat")
    }

    @Test func lfOnlyFilesAndTabFoldsAreRead() throws {
        let e = try parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDESCRIPTION:satu\n\tdua\nEND:VEVENT\nEND:VCALENDAR\n")
        #expect(e.first?.first("DESCRIPTION")?.text == "satudua")
    }

    @Test(arguments: [
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VCALENDAR\r\n", 4, "END:VCALENDAR closes BEGIN:VEVENT of line 2"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\n", 3, "END:VEVENT is missing"),
        (" UID:1\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", 1, "has no line to continue"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID 1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 3, "UID has no ':'"),
        ("BEGIN:VCALENDAR\r\nATTENDEE;CN=\"Rudi:mailto:a@b.id\r\nEND:VCALENDAR\r\n", 2, "unclosed quote"),
        ("hello\r\n", 1, "HELLO has no ':'"),
        ("BEGIN:VCALENDAR\r\n;X=1:v\r\nEND:VCALENDAR\r\n", 2, "expected a property name"),
        ("", 1, "no BEGIN:VCALENDAR"),
        ("BEGIN:VEVENT\r\nEND:VEVENT\r\n", 1, "expected BEGIN:VCALENDAR"),
    ])
    func malformedInputNamesTheLine(_ text: String, _ line: Int, _ message: String) {
        #expect { try ICalParser.parse(Data(text.utf8), source: "x.ics") } throws: { error in
            guard let e = error as? ICalError else { return false }
            return e.line == line && e.message.contains(message) && "\(e)".hasPrefix("x.ics:\(line):")
        }
    }

    @Test func invalidUTF8AndAMegabyteLineAreRefused() {
        var bad = Array("BEGIN:VCALENDAR\r\nSUMMARY:".utf8)
        bad += [0xFF, 0xFE]
        bad += Array("\r\nEND:VCALENDAR\r\n".utf8)
        #expect { try ICalParser.parse(Data(bad), source: "x.ics") } throws: { "\($0)" == "x.ics:2: invalid UTF-8" }
        let huge = "BEGIN:VCALENDAR\r\nDESCRIPTION:" + String(repeating: "a", count: 1 << 20) + "\r\nEND:VCALENDAR\r\n"
        #expect { try ICalParser.parse(Data(huge.utf8), source: "x.ics") } throws: { "\($0)".contains("x.ics:2: line is longer than") }
    }

    @Test func streamingEmitsEachEventAsItEnds() throws {
        var parser = ICalParser(source: "stream")
        var seen: [String] = []
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        for chunk in Array(text.utf8).chunked(7) {
            try chunk.withUnsafeBufferPointer { buffer in try parser.feed(buffer) { seen.append($0.first("UID")!.value) } }
        }
        try parser.finish { seen.append($0.first("UID")!.value) }
        #expect(seen == ["a", "b"])
    }
}

extension Array {
    func chunked(_ n: Int) -> [[Element]] { stride(from: 0, to: count, by: n).map { Array(self[$0..<Swift.min($0 + n, count)]) } }
}

@Suite struct ClientImportTests {
    let importer = ICalImport(people: Cal.people)

    @Test(arguments: ["P99999999999999999999W", "PT9999999999999999999H", "P9223372036854775807D", "P15250284452472W", "-PT99999999999999999999S"])
    func aDurationTooLongToCountIsRefusedWithItsLineNotACrash(_ duration: String) throws {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x@y\r\nORGANIZER;CN=Gubernur:mailto:gubernur@bantenprov.example.go.id\r\n"
            + "DTSTART:20201216T020000Z\r\nDURATION:\(duration)\r\nSUMMARY:Rapat\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let unreadable = try #require(try importer.events(from: Data(ics.utf8), source: "x.ics").first?.unreadable)
        #expect("\(unreadable)".contains("x.ics:6") && "\(unreadable)".contains("DURATION"))
        #expect(ICalImport.durationSeconds(duration) == nil)
    }

    @Test func ordinaryDurationsAreCounted() {
        #expect(ICalImport.durationSeconds("PT1H30M") == 5400 && ICalImport.durationSeconds("-PT15M") == -900)
        #expect(ICalImport.durationSeconds("P1W") == 604_800 && ICalImport.durationSeconds("P1DT2H") == 93_600)
        #expect(ICalImport.durationSeconds("P1") == nil && ICalImport.durationSeconds("P١D") == nil)
    }

    @Test func outlookWithAWindowsZoneName() throws {
        let events = try importer.events(from: Cal.fixture("outlook.ics"), source: "outlook.ics")
        let e = try #require(events.first)
        let m = e.meetings[0]
        #expect(e.uid.hasPrefix("040000008200E00074C5B7101A82E008") && e.uid.hasSuffix("F1E2D3C4B5A69788"))
        #expect(m.timeZone == "Asia/Jakarta" && m.start == Cal.at("2020-12-17 09:30") && m.end == Cal.at("2020-12-17 11:00"))
        // The attendee nobody registered comes in as a guest known by the address.
        let guest = PersonID.guest(email: "tamu@luar.example.com")
        #expect(m.chair == Cal.governor && m.participants == [Cal.kabpkad, guest] && m.location == "Ruang Rapat Sekda")
        #expect(e.unknownAttendees.isEmpty && e.guests.map(\.id) == [guest] && e.guests[0].name == "tamu@luar.example.com")
    }

    @Test func googleUTCTimesRecurrenceExdateAndAMovedOccurrence() throws {
        let e = try #require(try importer.events(from: Cal.fixture("google.ics"), source: "google.ics").first)
        #expect(e.series?.rule.description == "FREQ=WEEKLY;BYDAY=WE;COUNT=4;WKST=SU")
        let starts = e.meetings.map { DateText(.id).dateTime($0.start, zone: $0.zone) }
        #expect(starts == ["Rabu, 16 Desember 2020 09.00 WIB", "Rabu, 30 Desember 2020 10.00 WIB", "Rabu, 6 Januari 2021 09.00 WIB"])
        #expect(e.meetings[1].title == "Rapat Mingguan Satgas COVID-19 (diundur)" && e.meetings[1].occurrenceStart == Cal.at("2020-12-30 09:00"))
        #expect(e.meetings[0].chair == Cal.kadinkes && e.meetings[0].virtualLink == "https://meet.google.com/abc-defg-hij" && e.meetings[0].location == nil)
    }

    @Test func thunderbirdZoneAndUnicodeSummary() throws {
        let m = try #require(try importer.events(from: Cal.fixture("thunderbird.ics"), source: "tb.ics").first?.meetings.first)
        #expect(m.timeZone == "Asia/Makassar" && DateText(.id).dateTime(m.start, zone: m.zone) == "Senin, 21 Desember 2020 10.00 WITA")
        #expect(m.title == "Koordinasi BPBD – “Siaga Banjir” ☔ é" && m.chair == Cal.kabpbd)
    }

    @Test func appleAllDayAndFloatingTimes() throws {
        let events = try importer.events(from: Cal.fixture("apple.ics"), source: "apple.ics")
        #expect(events.count == 2)
        let allDay = events[0].meetings[0], floating = events[1].meetings[0]
        // TRANSP:OPAQUE: this all-day event says it takes its people's day.
        #expect(allDay.isAllDay && allDay.blocksTime && allDay.start == Cal.at("2020-12-28 00:00") && allDay.end == Cal.at("2020-12-29 00:00"))
        #expect(floating.start == Cal.at("2020-12-22 13:00") && floating.plannedMinutes == 90 && floating.chair == Cal.kadinkes)
    }

    /// A rule going on past the window is stored to its horizon (the series continues it later); one whose extra
    /// instances come from several rules is cut there and reported.
    @Test func aRuleWithoutEndOrWithAnAbsurdCountStopsAtTheWindow() throws {
        let windowed = ICalImport(people: Cal.people, windowEnd: Cal.at("2021-12-31 00:00"))
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Asia/Jakarta:20201216T090000\r\nDTEND;TZID=Asia/Jakarta:20201216T100000\r\nRRULE:FREQ=WEEKLY;COUNT=1000000000\r\nORGANIZER:mailto:gubernur@bantenprov.go.id\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let unbounded = text.replacingOccurrences(of: "COUNT=1000000000", with: "BYDAY=WE")
        for file in [text, unbounded] {
            let e = try #require(try windowed.events(from: Data(file.utf8), source: "w.ics").first)
            #expect(e.meetings.count == 55 && e.meetings.last?.start == Cal.at("2021-12-29 09:00"))
            #expect(e.beyondWindow == nil && e.series?.horizon == Cal.at("2022-01-05 09:00").addingTimeInterval(-1))
        }
        let twoRules = unbounded.replacingOccurrences(of: "RRULE:FREQ=WEEKLY;BYDAY=WE\r\n", with: "RRULE:FREQ=WEEKLY;BYDAY=WE\r\nRRULE:FREQ=MONTHLY;BYDAY=1FR\r\n")
        let e = try #require(try windowed.events(from: Data(twoRules.utf8), source: "w.ics").first)
        #expect(e.beyondWindow == nil && e.series?.horizon == Cal.at("2022-01-05 09:00").addingTimeInterval(-1))
        #expect(e.series?.rule.stored == "FREQ=WEEKLY;BYDAY=WE\nFREQ=MONTHLY;BYDAY=1FR" && e.meetings.count == 55 + 12)
        let withRDate = unbounded.replacingOccurrences(of: "RRULE:FREQ=WEEKLY;BYDAY=WE\r\n", with: "RRULE:FREQ=WEEKLY;BYDAY=WE\r\nRDATE:20250101T020000Z\r\n")
        let r = try #require(try windowed.events(from: Data(withRDate.utf8), source: "w.ics").first)
        #expect(r.beyondWindow == Cal.at("2022-01-05 09:00") && r.series?.horizon == nil)
        let hourly = text.replacingOccurrences(of: "FREQ=WEEKLY;COUNT=1000000000", with: "FREQ=HOURLY")
        #expect(try windowed.events(from: Data(hourly.utf8), source: "h.ics").first?.meetings.count == windowed.maxOccurrences)
    }

    @Test func aBadDateAndAMissingChairNameTheLine() throws {
        let bad = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20201232T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let badEvent = try #require(try importer.events(from: Data(bad.utf8), source: "bad.ics").first)
        #expect("\(badEvent.unreadable!)".hasPrefix("bad.ics:4: bad date '20201232T090000'") && badEvent.line == 2)
        // An event that names nobody with an address (a personal reminder) is chaired by the one --chair gives, or
        // else by the calendar's owner: a guest known by the file's name.
        let nobody = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20201216T020000Z\r\nATTENDEE:urn:uuid:1234\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        #expect(try ICalImport(people: Cal.people, defaultChair: Cal.governor).events(from: Data(nobody.utf8), source: "n.ics")[0].meetings[0].chair == Cal.governor)
        let owned = try #require(try importer.events(from: Data(nobody.utf8), source: "/home/x/Agenda Kantor.ics").first)
        #expect(owned.unreadable == nil && owned.meetings.first?.chair == PersonID.guest(calendar: "agenda kantor"))
        let owner = try #require(owned.guests.first)
        #expect(owned.guests.count == 1 && owner.name == "Agenda Kantor" && owner.isGuest && owner.email == nil
                && owner.jabatan == Person.calendarOwnerJabatan && owner.opd == Person.guestOPD)
    }

    @Test func aCalendarsOwnerIsKnownByItsNameOrAddressAndFollowsALink() throws {
        func calendar(_ name: String?) -> Data {
            Data(("BEGIN:VCALENDAR\r\n" + (name.map { "X-WR-CALNAME:\($0)\r\n" } ?? "")
                  + "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20201216T020000Z\r\nEND:VEVENT\r\n"
                  + "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20201217T020000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").utf8)
        }
        // X-WR-CALNAME names the owner; both events have the same chair, and the same name in another file is the same guest.
        let named = try importer.events(from: calendar("Libur Nasional"), source: "a.ics")
        #expect(Set(named.compactMap { $0.meetings.first?.chair }) == [PersonID.guest(calendar: "LIBUR NASIONAL")])
        #expect(try importer.events(from: calendar("libur nasional"), source: "b.ics")[0].meetings[0].chair == PersonID.guest(calendar: "Libur Nasional"))
        // Google names a primary calendar by its account's address: the owner is the guest of that address.
        let google = try importer.events(from: calendar("sekda.banten@gmail.com"), source: "basic.ics")
        #expect(google[0].meetings[0].chair == PersonID.guest(email: "sekda.banten@gmail.com")
                && google[0].guests.first?.email == "sekda.banten@gmail.com")
        // Once the owner is linked to a registered person, the person chairs what the calendar brings again.
        let guest = try #require(Person.calendarOwner(named: "Libur Nasional"))
        var linked = guest
        linked.linkedTo = Cal.governor
        var people = Cal.people
        people[guest.id] = linked
        let again = try ICalImport(people: people).events(from: calendar("Libur Nasional"), source: "a.ics")
        #expect(again[0].meetings[0].chair == Cal.governor && again[0].guests.isEmpty)
        // A name is one line of at most 200 characters; an address-like name with a control character is a name.
        #expect(Person.calendarOwner(named: "A\tB\nC")?.name == "A B C" && Person.calendarOwner(named: String(repeating: "x", count: 300))?.name.count == 200)
        #expect(Person.calendarOwner(named: "  ") == nil)
    }
}

/// Import into a real archive: sequences, one transaction, round trip.
@Suite struct ArchiveImportTests {
    func store() async throws -> any MeetingStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-ical-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("rapat.db").path)
        for p in Cal.people.values.sorted(by: { $0.id < $1.id }) { try await store.addPerson(p) }
        var policy = try await store.policy()
        try policy.set("organizer-name", "Biro Umum Setda")
        try policy.set("organizer-email", "rapim@bantenprov.go.id")
        try await store.setPolicy(policy)
        return store
    }

    func export(_ store: any MeetingStore) async throws -> ICalExport {
        ICalExport(options: CalendarOptions(organizerName: "Biro Umum Setda", organizerEmail: "rapim@bantenprov.go.id",
                                            people: Cal.people, stamp: Cal.stamp), archiveID: try await store.archiveID())
    }

    @Test func everyClientFileImportsInOneGo() async throws {
        let store = try await store()
        let importer = ICalImport(people: Cal.people)
        var events: [ImportedEvent] = []
        for file in ["outlook.ics", "google.ics", "thunderbird.ics", "apple.ics"] {
            events += try importer.events(from: Cal.fixture(file), source: file)
        }
        let summary = try await store.importEvents(events, dryRun: false)
        #expect(summary.created.count == 1 + 3 + 1 + 2 && summary.updated.isEmpty)
        #expect(try await store.meetings(MeetingFilter()).count == 7)
        // The same files again change nothing: same SEQUENCE.
        let again = try await store.importEvents(events, dryRun: false)
        #expect(again.created.isEmpty && again.unchanged == 7)
    }

    @Test func aHigherSequenceUpdatesAndACancelCancels() async throws {
        let store = try await store()
        let importer = ICalImport(people: Cal.people)
        let original = String(decoding: try Cal.fixture("thunderbird.ics"), as: UTF8.self)
        _ = try await store.importEvents(try importer.events(from: Data(original.utf8), source: "v0.ics"), dryRun: false)
        let moved = original.replacingOccurrences(of: "T100000", with: "T130000").replacingOccurrences(of: "T113000", with: "T143000")
            .replacingOccurrences(of: "X-MOZ-GENERATION:1", with: "SEQUENCE:2")
        let update = try await store.importEvents(try importer.events(from: Data(moved.utf8), source: "v2.ics"), dryRun: false)
        #expect(update.updated.count == 1)
        let m = try await store.meeting(update.updated[0])
        #expect(m.sequence == 2 && DateText(.id).time(m.start, zone: m.zone) == "13.00 WITA")
        // An older copy does not undo it.
        let stale = try await store.importEvents(try importer.events(from: Data(original.utf8), source: "v0.ics"), dryRun: false)
        let afterStale = try await store.meeting(m.id)
        #expect(stale.unchanged == 1 && afterStale.sequence == 2)
        let cancel = moved.replacingOccurrences(of: "VERSION:2.0", with: "VERSION:2.0\r\nMETHOD:CANCEL").replacingOccurrences(of: "SEQUENCE:2", with: "SEQUENCE:3")
        let cancelled = try await store.importEvents(try importer.events(from: Data(cancel.utf8), source: "c.ics"), dryRun: false)
        let afterCancel = try await store.meeting(m.id)
        #expect(cancelled.cancelled == [m.id] && afterCancel.status == .cancelled)
    }

    @Test func aFileThatFailsLeavesTheArchiveUntouchedAndDryRunKeepsNothing() async throws {
        let store = try await store()
        let importer = ICalImport(people: Cal.people)
        let good = try importer.events(from: Cal.fixture("outlook.ics"), source: "outlook.ics")
        let dry = try await store.importEvents(good, dryRun: true)
        #expect(dry.created.count == 1 && dry.dryRun)
        #expect(try await store.meetings(MeetingFilter()).isEmpty)
        // The second event double-books the Governor: nothing of the batch is kept, and the error names it.
        let clash = String(decoding: try Cal.fixture("outlook.ics"), as: UTF8.self).replacingOccurrences(of: "010000000F1E2D3C4B5A69788", with: "0100000000000000000000000")
        let events = good + (try importer.events(from: Data(clash.utf8), source: "clash.ics"))
        await #expect { try await store.importEvents(events, dryRun: false) } throws: { error in
            "\(error)".hasPrefix("clash.ics:14: event 'Rapat Koordinasi Penyerapan Anggaran' cannot be imported") && "\(error)".contains("already in")
        }
        #expect(try await store.meetings(MeetingFilter()).isEmpty)
    }

    @Test func exportImportExportIsByteIdentical() async throws {
        let a = try await store(), b = try await store()
        let created = try await a.createMeeting(Cal.meeting(title: "Rapat “Percepatan” — café ☕️; tahap II"))
        let first = try await export(a).message(for: created)
        let imported = try await b.importEvents(try ICalImport(people: Cal.people).events(from: Data(first), source: "a.ics"), dryRun: false)
        let second = try await export(b).message(for: try await b.meeting(imported.created[0]))
        #expect(second == first, "\(String(decoding: second, as: UTF8.self))")
        // Re-importing our own invitation into its archive recognises the meeting instead of double-booking it.
        let own = try await a.importEvents(try ICalImport(people: Cal.people).events(from: Data(first), source: "a.ics"), dryRun: false)
        #expect(own.unchanged == 1 && own.created.isEmpty)
    }

    @Test func aSeriesInvitationRoundTripsToTheSameOccurrences() async throws {
        let a = try await store(), b = try await store()
        let series = Series(id: "", title: "Rapim", rule: try Recurrence(rule: "FREQ=MONTHLY;BYDAY=3WE;COUNT=3", exceptions: [try CivilDate("2020-11-18")]))
        let created = try await a.createMeetings(try series.occurrences(of: Cal.meeting(start: "2020-10-21 09:00", title: "Rapim")), series: series)
        let stored = try await a.series(created[0].seriesID!)
        let bytes = try await export(a).message(series: stored, meetings: created)
        let events = try ICalImport(people: Cal.people).events(from: Data(bytes), source: "series.ics")
        #expect(events.count == 1 && events[0].meetings.map(\.start) == created.map(\.start))
        let summary = try await b.importEvents(events, dryRun: false)
        #expect(summary.created.count == 2)
    }
}
