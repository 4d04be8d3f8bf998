import Foundation
import RapatCore
import RapatStore
import Testing

@Suite struct BundleTests {
    static func filled(_ backend: Backend) async throws -> any MeetingStore {
        let store = try await Seed.store(backend)
        _ = try await IntegrityTests.approved(store)
        let series = Series(id: "", title: "Rapim", rule: try Recurrence(rule: "FREQ=MONTHLY;BYDAY=3WE;COUNT=2"))
        _ = try await store.createMeetings(try series.occurrences(of: Seed.plan("2021-01-20 09:00")), series: series)
        return store
    }

    @Test(arguments: Backend.all)
    func aBundleRoundTripsRecordForRecord(_ backend: Backend) async throws {
        let a = try await Self.filled(backend)
        let dir = try TempDir.make().appendingPathComponent("bundle")
        let exported = try await a.exportBundle()
        try exported.write(to: dir)
        let b = try await backend.make()
        // The approving office's key is not registered there yet: the signed minutes are refused, naming the key.
        await #expect(throws: StoreError.unverifiedSeal(try MeetingID("RP-2020-0001"), version: 1, .unknownKey(Seed.signer.keyID))) {
            try await b.importBundle(try ArchiveBundle.read(from: dir))
        }
        #expect(try await b.meetings(MeetingFilter()).isEmpty)
        try await b.registerSigningKey(Seed.signingKey)
        try await b.importBundle(try ArchiveBundle.read(from: dir))
        let imported = try await b.exportBundle()
        #expect(imported == exported)
        #expect(try await b.verify(from: nil, to: nil).isEmpty)
        #expect(try await b.search(SearchQuery("penyerapan")).count > 0)
        // Importing it again would duplicate meetings: refused, nothing changes.
        await #expect(throws: BundleError.self) { try await b.importBundle(try ArchiveBundle.read(from: dir)) }
        #expect(try await b.meetings(MeetingFilter()).count == 3)
    }

    @Test(arguments: Backend.all)
    func aYearGivesAtMostMaxSerialNumbersAndABundleCannotBringMore(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        func file(_ serial: Int, _ start: String) -> ArchiveBundle.MeetingFile {
            var m = Seed.plan(start)
            m.id = MeetingID(year: 2021, serial: serial)
            return ArchiveBundle.MeetingFile(meeting: m, versions: [])
        }
        // A serial past the last one would share search rows with the next year's meetings: refused, nothing stored.
        let beyond = ArchiveBundle(people: [], series: [], meetings: [file(5, "2021-03-01 09:00"), file(MeetingID.maxSerial + 1, "2021-03-02 09:00")])
        await #expect(throws: StoreError.numbersExhausted(year: 2021)) { try await store.importBundle(beyond) }
        #expect(try await store.meetings(MeetingFilter()).isEmpty)
        // The last number a year gives is taken: the year's next plan is refused and nothing is stored; other years go on.
        try await store.importBundle(ArchiveBundle(people: [], series: [], meetings: [file(MeetingID.maxSerial, "2021-03-01 09:00")]))
        await #expect(throws: StoreError.numbersExhausted(year: 2021)) { _ = try await store.createMeeting(Seed.plan("2021-03-03 09:00")) }
        #expect(try await store.meetings(MeetingFilter()).map(\.id) == [MeetingID(year: 2021, serial: MeetingID.maxSerial)])
        #expect(try await store.createMeeting(Seed.plan("2022-03-01 09:00")).id == MeetingID(year: 2022, serial: 1))
        // Both are found, each by its own search rows.
        let next = try await store.search(SearchQuery("Pimpinan")).map(\.meetingID)
        #expect(Set(next) == [MeetingID(year: 2021, serial: MeetingID.maxSerial), MeetingID(year: 2022, serial: 1)])
    }

    @Test(arguments: Backend.all)
    func anAlteredBundleIsRefusedAndNothingIsImported(_ backend: Backend) async throws {
        let a = try await Self.filled(backend)
        let dir = try TempDir.make().appendingPathComponent("bundle")
        try await a.exportBundle().write(to: dir)
        let file = dir.appendingPathComponent("meetings/RP-2020-0001.json")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "rencana percepatan", with: "tidak perlu percepatan")
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: BundleError.digestMismatch("meetings/RP-2020-0001.json")) { try ArchiveBundle.read(from: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("meetings/RP-2021-0001.json"))
        #expect(throws: BundleError.self) { try ArchiveBundle.read(from: dir) }
        #expect(throws: BundleError.noManifest("/nonexistent")) { try ArchiveBundle.read(from: URL(fileURLWithPath: "/nonexistent")) }
    }
}
