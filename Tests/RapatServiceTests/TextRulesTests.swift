import Foundation
import RapatCore
import RapatSQLite
@testable import RapatService
import RapatStore
import Testing

/// Text is checked once, at the edge of the application layer, whichever face or import brings it.
@Suite struct TextRulesTests {
    static let governor = "197002051995021001"

    static func services() async throws -> Services {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("rapat.db").path)
        let s = Services(store: store, principal: .console, language: .en)
        try await s.planning.register(try Person(id: PersonID(governor), name: "Gubernur", jabatan: "Gubernur", opd: "Setda"))
        return s
    }

    static func plan(title: String = "Rapat Pimpinan", item: String = "Evaluasi") -> PlanRequest {
        PlanRequest(title: title, chair: governor, start: "2020-12-16 09:00", end: "10:00", agenda: [.init(title: item, minutes: 30)])
    }

    @Test(arguments: ["Rapat\u{0}Pimpinan", "Rapat\u{1B}[31m", "Rapat\nPimpinan", "Rapat\u{2028}Pimpinan", "Rapat\u{FFFE}", String(repeating: "a", count: 301)])
    func aSingleLineFieldRefusesControlCharactersAndLength(_ title: String) async throws {
        let s = try await Self.services()
        await #expect { try await s.planning.plan(Self.plan(title: title)) } throws: { "\($0)".contains("invalid title") }
        #expect(try await s.store.meetings(MeetingFilter()).isEmpty)
    }

    @Test func theErrorNamesTheFieldAndShowsTheCharacter() async throws {
        let s = try await Self.services()
        await #expect { try await s.planning.plan(Self.plan(item: "Evaluasi\u{0}")) } throws: { error in
            let text = Catalogue.text(error, .en)
            return text.contains("invalid agenda title 'Evaluasi\\u{0}'") && text.contains("U+0000")
                && Catalogue.text(error, .id).contains("judul acara") && Catalogue.text(error, .id).contains("hapus karakter kendali U+0000")
        }
    }

    @Test func multiLineFieldsTakeLineBreaksAndTabsButNoOtherControl() async throws {
        let s = try await Self.services()
        let m = try await s.planning.plan(Self.plan())[0]
        _ = try await s.room.start(m.id, at: "09:00", reason: nil)
        _ = try await s.minutes.note(m.id, item: 1, text: "Per 30 November:\n\t- 71,3 %\r\n- target 88 %", speaker: nil)
        await #expect(throws: InputError.self) { try await s.minutes.decide(m.id, item: 1, text: "Setuju\u{7}") }
        await #expect(throws: InputError.self) { try await s.minutes.note(m.id, item: 1, text: "ok", speaker: "Sekda\n") }
        #expect(try await s.archive.meeting(m.id).minutes.decisions.isEmpty)
    }

    @Test func peopleHolidaysAndSettingsToo() async throws {
        let s = try await Self.services()
        await #expect(throws: InputError.self) {
            try await s.planning.register(try Person(id: PersonID("197108021999062011"), name: "dr. Ratna\u{0}", jabatan: "Kadis", opd: "Dinkes"))
        }
        await #expect(throws: InputError.self) { try await s.administration.addHoliday(try CivilDate("2020-12-25"), name: "Natal\u{0}") }
        await #expect(throws: InputError.self) { try await s.administration.set("organizer-name", "Biro Umum\r\nX-INJECTED:1") }
        #expect(try await s.planning.people().count == 1)
    }

    @Test func anImportedEventWithANulIsRefusedNamingItsLine() async throws {
        let s = try await Self.services()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-ics-\(UUID().uuidString).ics")
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:nul@example\r\nDTSTART:20201216T020000Z\r\nDTEND:20201216T030000Z\r\n"
            + "SUMMARY:Rapat\u{0}Racun\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        try Data(ics.utf8).write(to: dir)
        await #expect { try await s.calendars.importFiles([dir.path], chair: try PersonID(Self.governor), dryRun: false) } throws: { error in
            let text = Catalogue.text(error, .en)
            return text.contains(dir.path + ":2") && text.contains("U+0000")
        }
        #expect(try await s.store.meetings(MeetingFilter()).isEmpty)
    }

    @Test func aRecordStoredBeforeTheseRulesStillTakesChanges() async throws {
        let s = try await Self.services()
        var m = try await s.planning.plan(Self.plan())[0]
        // Written straight to the store, as an earlier version could have.
        m = try await s.store.updateMeeting(m.id) { m, _ in m.location = "Ruang\u{1}1" }
        let stored = try await s.store.meeting(m.id).location
        let moved = try await s.planning.update(m.id, { var c = MeetingChange(); c.start = "09:30"; return c }())
        #expect(moved.location == stored && moved.sequence > m.sequence)
        await #expect(throws: InputError.self) { try await s.planning.update(m.id, { var c = MeetingChange(); c.location = "Ruang\u{0}2"; return c }()) }
    }
}
