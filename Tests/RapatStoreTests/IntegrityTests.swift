import Foundation
import GRDB
import RapatCore
@testable import RapatStore
@testable import RapatSQLite
import Testing

@Suite struct IntegrityTests {
    static func approved(_ store: any MeetingStore) async throws -> MeetingID {
        let id = try await store.createMeeting(Seed.plan("2020-12-16 09:00")).id
        try await store.updateMeeting(id) { m, p in
            try m.checkIn(Seed.governor, as: .hadir, at: Seed.at("2020-12-16 08:58"))
            try m.start(at: Seed.at("2020-12-16 09:00"), reason: nil, policy: p.onTime)
            try m.nextItem(at: Seed.at("2020-12-16 09:00"))
            try m.addNote(item: 1, text: "Per 30 November dari target 88 persen, penyerapan 71 persen.")
            try m.addDecision(item: 1, text: "OPD di bawah target menyusun rencana percepatan.")
            try m.addAction(item: 1, text: "Rekap penyerapan", owner: .opd("BPKAD"), due: CivilDate("2020-12-23"))
            try m.recordIndicator(Indicator(opd: "BPKAD", name: "penyerapan-anggaran", target: 88, actual: 71.3, unit: "%", asOf: CivilDate("2020-11-30")))
            try m.endMeeting(at: Seed.at("2020-12-16 10:40"))
            try m.approveMinutes(by: Seed.governor, at: Seed.at("2020-12-17 10:00").addingTimeInterval(0.73))
        }
        return id
    }

    @Test(arguments: Backend.all)
    func approvalSealsVersionOneWithADigest(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let id = try await Self.approved(store)
        let versions = try await store.minutesVersions(id)
        #expect(versions.map(\.version) == [1])
        let m = try await store.meeting(id)
        #expect(versions[0].digest == (try MinutesRecord(m)).digest && versions[0].digest.count == 64)
        #expect(versions[0].record == (try MinutesRecord(m)))
        #expect(try await store.verify(from: nil, to: nil).isEmpty)
    }

    @Test(arguments: Backend.all)
    func aCorrectionIsVersionTwoAndTheOldVersionStaysReadable(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let id = try await Self.approved(store)
        await #expect(throws: MinutesError.self) {
            try await store.updateMeeting(id) { m, _ in try m.correctMinutes(by: Seed.kadinkes, at: Date(), reason: "salah ketik") { _ in } }
        }
        try await store.updateMeeting(id) { m, _ in
            try m.correctMinutes(by: Seed.governor, at: Seed.at("2020-12-18 08:00"), reason: "angka realisasi dikoreksi BPKAD") { draft in
                draft.minutes.decisions[0].text = "OPD di bawah target menyusun rencana percepatan paling lambat 23 Desember."
            }
        }
        let versions = try await store.minutesVersions(id)
        #expect(versions.map(\.version) == [1, 2] && versions[1].reason == "angka realisasi dikoreksi BPKAD")
        #expect(versions[0].record.decisions[0].text == "OPD di bawah target menyusun rencana percepatan.")
        #expect(versions[1].record.decisions[0].text.hasSuffix("23 Desember."))
        #expect(versions[0].digest != versions[1].digest)
        #expect(try await store.verify(from: nil, to: nil).isEmpty)
        // Version 2 is frozen like version 1.
        await #expect(throws: MinutesError.self) { try await store.updateMeeting(id) { m, _ in try m.addNote(item: 1, text: "x") } }
    }

    /// A record an earlier version stored with a NUL (read back as an empty title) or edited by hand no longer
    /// reads as a meeting: listings, feeds and the backup skip it, and verify names it.
    @Test func anUnreadableRecordIsSkippedByListingsAndBackupsAndNamedByVerify() async throws {
        let path = try TempDir.make().appendingPathComponent("rapat.db").path
        let store = try SQLiteStore(path: path)
        for p in Seed.people { try await store.addPerson(p) }
        let bad = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        let good = try await store.createMeeting(Seed.plan("2020-12-18 09:00"))
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "UPDATE meeting SET title = '' WHERE id = ?", arguments: [bad.id.description]) }
        #expect(try await store.meetings(MeetingFilter()).map(\.id) == [good.id])
        #expect(try await store.exportBundle().meetings.map(\.meeting.id) == [good.id])
        let problems = try await store.verify(from: nil, to: nil)
        #expect(problems.map(\.meetingID) == [bad.id] && problems[0].problem.contains("cannot be read"))
    }

    @Test func verifyCatchesARowEditedBehindRapatsBack() async throws {
        let path = try TempDir.make().appendingPathComponent("rapat.db").path
        let store = try SQLiteStore(path: path)
        for p in Seed.people { try await store.addPerson(p) }
        let id = try await Self.approved(store)
        let other = try await store.createMeeting(Seed.plan("2020-12-18 09:00"))
        _ = other
        // Someone edits the decision with plain SQL, outside Rapat.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "UPDATE decision SET text = 'Tidak ada keputusan.' WHERE meeting_id = ?", arguments: [id.description])
        }
        let problems = try await store.verify(from: nil, to: nil)
        #expect(problems.map(\.meetingID) == [id] && problems[0].version == 1 && problems[0].problem.contains("differ from the approved version"))
        // And someone rewrites the sealed record itself.
        try await queue.write { db in
            try db.execute(sql: "UPDATE minutes_version SET canonical = replace(canonical, '88', '90') WHERE meeting_id = ?", arguments: [id.description])
        }
        #expect(try await store.verify(from: nil, to: nil).contains { $0.problem.contains("no longer has its digest") })
    }
}
