import Foundation
import RapatCore
@testable import RapatStore
@testable import RapatSQLite
import Testing

/// The numbering register, on every backend: one number per document of a meeting, serials per year without a
/// gap or a repeat, even from two instances at once, and kept when the meeting is cancelled.
@Suite struct LetterNumberConformanceTests {
    static let pattern = LetterPattern.standard

    @Test(arguments: Backend.all)
    func aNumberIsGivenOnceAndNeverAgain(_ backend: Backend) async throws {
        let (store, other) = try await backend.pair()
        for p in Seed.people { try await store.addPerson(p) }
        let a = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        let b = try await store.createMeeting(Seed.plan("2020-12-17 09:00"))
        let day = Seed.at("2020-12-10 10:00")
        let first = try await store.letterNumber(document: "undangan", for: a.id, pattern: Self.pattern, at: day, zone: Zone.jakarta)
        #expect(first.text == "005/0001-Biro Umum/2020" && first.serial == 1 && first.year == 2020)
        // Asked again (from another instance, another day): the same number.
        #expect(try await other.letterNumber(document: "undangan", for: a.id, pattern: Self.pattern, at: Seed.at("2020-12-20 10:00"), zone: Zone.jakarta) == first)
        // Cancelled, the meeting keeps its number; the next letter takes the next serial.
        try await store.updateMeeting(a.id) { m, _ in try m.cancel(reason: "diundur") }
        let second = try await other.letterNumber(document: "undangan", for: b.id, pattern: Self.pattern, at: day, zone: Zone.jakarta)
        #expect(second.text == "005/0002-Biro Umum/2020")
        // A new year starts again at 1 (the year is in the number, so it cannot repeat).
        let c = try await store.createMeeting(Seed.plan("2021-01-13 09:00"))
        #expect(try await store.letterNumber(document: "undangan", for: c.id, pattern: Self.pattern, at: Seed.at("2021-01-04 08:00"), zone: Zone.jakarta).text
                == "005/0001-Biro Umum/2021")
        #expect(try await store.letterNumbers(year: 2020).map(\.text) == ["005/0001-Biro Umum/2020", "005/0002-Biro Umum/2020"])
        await #expect(throws: StoreError.unknownMeeting(try MeetingID("RP-2020-0999"))) {
            try await store.letterNumber(document: "undangan", for: try MeetingID("RP-2020-0999"), pattern: Self.pattern, at: day, zone: Zone.jakarta)
        }
    }

    @Test(arguments: Backend.all)
    func twoInstancesAtOnceNeverShareASerial(_ backend: Backend) async throws {
        let (store, other) = try await backend.pair()
        for p in Seed.people { try await store.addPerson(p) }
        var ids: [MeetingID] = []
        // Twelve meetings on the working days of December 2020 (1–4, 7–11, 14–16).
        for day in [1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16] { ids.append(try await store.createMeeting(Seed.plan(String(format: "2020-12-%02d 09:00", day))).id) }
        let day = Seed.at("2020-11-30 10:00")
        let numbers = try await withThrowingTaskGroup(of: LetterNumber.self) { group in
            for (i, id) in ids.enumerated() {
                let s = i.isMultiple(of: 2) ? store : other
                group.addTask { try await s.letterNumber(document: "undangan", for: id, pattern: Self.pattern, at: day, zone: Zone.jakarta) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(numbers.map(\.serial)) == Set(1...12))
        #expect(Set(numbers.map(\.meetingID)) == Set(ids))
    }

    @Test func patternsNeedTheSerialAndTheYear() throws {
        #expect(throws: InputError.self) { try LetterPattern.check("005/{kode}-{unit}") }
        #expect(throws: InputError.self) { try LetterPattern.check("{nomor}/{tahun}\u{7}") }
        try LetterPattern.check("{kode}/{nomor}/{unit}/{tahun}")
        #expect(LetterPattern(pattern: "{kode}.{nomor}/{tahun}", code: "005", unit: "x").text(serial: 123, year: 2020) == "005.0123/2020")
    }

    /// The archive main wrote before imported events had their own fields (schema v11, a letter number given)
    /// migrates in one step and keeps verifying; its meetings read as before, timed and reserving their people's time.
    @Test func anArchiveOfSchemaElevenMigratesAndKeepsVerifying() async throws {
        let store = try Self.openCopy(of: "archive-v11-sample.db")
        #expect(try await store.verify(from: nil, to: nil).problems == [])
        #expect(try await store.letterNumbers(year: 2026).count == 1)  // given on the day the fixture was made
        let meetings = try await store.meetings(MeetingFilter())
        #expect(meetings.count >= 6 && meetings.allSatisfy { !$0.isAllDay && $0.blocksTime && $0.details == nil })
    }

    /// The archive main wrote before series were stored in windows (schema v13: guests from imported calendars, one
    /// linked) migrates in one step and keeps verifying; its series are stored whole (no horizon), its guests stay.
    @Test func anArchiveOfSchemaThirteenMigratesAndKeepsVerifying() async throws {
        let store = try Self.openCopy(of: "archive-v13-sample.db")
        #expect(try await store.verify(from: nil, to: nil).problems == [])
        let guests = try await store.people(opd: Person.guestOPD)
        #expect(guests.count == 13 && guests.allSatisfy(\.isGuest) && guests.filter { $0.linkedTo != nil }.count == 1)
        let series = try await store.allSeries()
        #expect(series.count == 4 && series.allSatisfy { $0.horizon == nil })
        #expect(try await store.extendSeries(through: Seed.at("2030-01-01 00:00")).isEmpty)
        #expect(try await store.meetings(MeetingFilter()).count == 34)
    }

    /// The archive main wrote before guests (schema v12: imported calendars with an all-day event, descriptions and an
    /// overlap kept not reserving time) migrates in one step, keeps verifying, and keeps what the import stored.
    @Test func anArchiveOfSchemaTwelveMigratesAndKeepsVerifying() async throws {
        let store = try Self.openCopy(of: "archive-v12-sample.db")
        #expect(try await store.verify(from: nil, to: nil).problems == [])
        let meetings = try await store.meetings(MeetingFilter())
        #expect(meetings.count == 17)
        #expect(meetings.filter(\.isAllDay).count == 1 && meetings.filter { !$0.blocksTime }.count == 1)
        #expect(meetings.filter { $0.details != nil }.count == 3)
        let people = try await store.people(opd: nil)
        #expect(people.count == 27 && people.allSatisfy { !$0.isGuest && $0.linkedTo == nil && $0.nip != nil })
    }

    /// An archive written by the main of 2026-11-30 (schema v10, the sample archive) migrates and keeps verifying;
    /// its register starts empty.
    @Test func anArchiveOfSchemaTenMigratesAndKeepsVerifying() async throws {
        let store = try Self.openCopy(of: "archive-v10-sample.db")
        #expect(try await store.verify(from: nil, to: nil).problems == [])
        #expect(try await store.letterNumbers(year: 2020).isEmpty)
        let id = try MeetingID("RP-2020-0001")
        #expect(try await store.letterNumber(document: "undangan", for: id, pattern: Self.pattern, at: Seed.at("2020-01-02 09:00"), zone: Zone.jakarta).serial == 1)
    }

    /// A copy of a committed archive (the fixture itself stays as that version wrote it), opened: migrated.
    static func openCopy(of fixture: String) throws -> SQLiteStore {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + fixture)
        let path = try TempDir.make().appendingPathComponent("rapat.db")
        try FileManager.default.copyItem(at: source, to: path)
        return try SQLiteStore(path: path.path)
    }
}
