import Foundation
import GRDB
import RapatCore
@testable import RapatStore
@testable import RapatSQLite
import Testing

@Suite struct IntegrityTests {
    static func approved(_ store: any MeetingStore) async throws -> MeetingID {
        let id = try await store.createMeeting(Seed.plan("2020-12-16 09:00")).id
        try await store.updateMeeting(id, sealingWith: Seed.signer) { m, p in
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
        let record = try MinutesRecord(m, people: Seed.people.byID, previousDigest: nil)
        #expect(versions[0].digest == record.digest && versions[0].digest.count == 64)
        #expect(versions[0].record == record && record.format == 2 && record.people?.map(\.name).contains("Gubernur Banten") == true)
        #expect(versions[0].signature?.keyID == Seed.signer.keyID)
        #expect(try await store.verify(from: nil, to: nil).isEmpty)
    }

    @Test(arguments: Backend.all)
    func aCorrectionIsVersionTwoAndTheOldVersionStaysReadable(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let id = try await Self.approved(store)
        await #expect(throws: MinutesError.self) {
            try await store.updateMeeting(id, sealingWith: Seed.signer) { m, _ in try m.correctMinutes(by: Seed.kadinkes, at: Date(), reason: "salah ketik") { _ in } }
        }
        try await store.updateMeeting(id, sealingWith: Seed.signer) { m, _ in
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
        try await store.registerSigningKey(Seed.signingKey)
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

/// Tampering that `archive verify` must catch (#14, finding 5), each done with plain SQL behind Rapat's back.
@Suite struct SealTamperTests {
    /// An archive with one approved meeting, and a second connection for the tampering.
    static func approvedArchive(corrected: Bool = false) async throws -> (SQLiteStore, DatabaseQueue, MeetingID) {
        let path = try TempDir.make().appendingPathComponent("rapat.db").path
        let store = try SQLiteStore(path: path)
        for p in Seed.people { try await store.addPerson(p) }
        try await store.registerSigningKey(Seed.signingKey)
        let id = try await IntegrityTests.approved(store)
        if corrected {
            try await store.updateMeeting(id, sealingWith: Seed.signer) { m, _ in
                try m.correctMinutes(by: Seed.governor, at: Seed.at("2020-12-18 08:00"), reason: "koreksi") { draft in
                    draft.minutes.decisions[0].text = "OPD di bawah target menyusun rencana percepatan paling lambat 23 Desember."
                }
            }
        }
        #expect(try await store.verify(from: nil, to: nil) == [])
        return (store, try DatabaseQueue(path: path), id)
    }

    static func findings(_ store: SQLiteStore) async throws -> [IntegrityProblem.Finding] {
        try await store.verify(from: nil, to: nil).map(\.finding)
    }

    @Test func clearingTheApprovalToEditADecisionIsCaughtAndFreezesTheMeeting() async throws {
        let (store, queue, id) = try await Self.approvedArchive()
        try await queue.write { db in
            try db.execute(sql: "UPDATE meeting SET approved_by = NULL, approved_at = NULL, approved_version = NULL WHERE id = ?", arguments: [id.description])
            try db.execute(sql: "UPDATE decision SET text = 'Tidak ada keputusan.' WHERE meeting_id = ?", arguments: [id.description])
        }
        let found = try await Self.findings(store)
        #expect(found.contains(.approvalRemoved) && found.contains { if case .contentChanged = $0 { true } else { false } })
        // The minutes do not become editable again: every change is refused until the archive is repaired.
        await #expect(throws: StoreError.sealDisagrees(id, sealedVersion: 1)) {
            try await store.updateMeeting(id) { m, _ in try m.addDecision(item: nil, text: "keputusan baru") }
        }
    }

    @Test func aRecordRewrittenWithItsDigestFailsItsSignature() async throws {
        let (store, queue, id) = try await Self.approvedArchive()
        try await queue.write { db in
            let canonical = try String.fetchOne(db, sql: "SELECT canonical FROM minutes_version WHERE meeting_id = ?", arguments: [id.description])!
            let forged = canonical.replacingOccurrences(of: "menyusun rencana percepatan", with: "tidak perlu berbuat apa-apa")
            try db.execute(sql: "UPDATE minutes_version SET canonical = ?, digest = ? WHERE meeting_id = ?",
                           arguments: [forged, SHA256.hex(Array(forged.utf8)), id.description])
        }
        #expect(try await Self.findings(store).contains(.badSignature(key: Seed.signer.keyID, office: "Setda Banten")))
    }

    @Test func aSignatureByAnotherKeyIsCaught() async throws {
        let (store, queue, id) = try await Self.approvedArchive()
        let canonical = try await queue.read { db in
            try String.fetchOne(db, sql: "SELECT canonical FROM minutes_version WHERE meeting_id = ?", arguments: [id.description])!
        }
        let intruder = SealSigner()
        let forged = intruder.sign(Data(canonical.utf8))
        // Claiming the registered key's id, or naming its own.
        try await queue.write { db in
            try db.execute(sql: "UPDATE minutes_version SET signature = ? WHERE meeting_id = ?", arguments: [forged.value, id.description])
        }
        #expect(try await Self.findings(store) == [.badSignature(key: Seed.signer.keyID, office: "Setda Banten")])
        try await queue.write { db in
            try db.execute(sql: "UPDATE minutes_version SET key_id = ? WHERE meeting_id = ?", arguments: [intruder.keyID, id.description])
        }
        #expect(try await Self.findings(store) == [.unknownKey(intruder.keyID)])
    }

    @Test func aMissingVersionIsCaught() async throws {
        let (store, queue, id) = try await Self.approvedArchive(corrected: true)
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM minutes_version WHERE meeting_id = ? AND version = 1", arguments: [id.description])
        }
        #expect(try await Self.findings(store) == [.missingVersion(latest: 2)])
    }

    @Test func dropingTheLatestVersionIsCaught() async throws {
        let (store, queue, id) = try await Self.approvedArchive(corrected: true)
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM minutes_version WHERE meeting_id = ? AND version = 2", arguments: [id.description])
        }
        #expect(try await Self.findings(store).contains(.versionClaim(claimed: 2, latest: 1)))
    }

    @Test func changedAttendanceAndNamesAreCaught() async throws {
        let (store, queue, id) = try await Self.approvedArchive()
        try await queue.write { db in
            try db.execute(sql: "UPDATE attendance SET category = 'izin', checked_in_at = NULL, late_minutes = NULL WHERE meeting_id = ?", arguments: [id.description])
        }
        #expect(try await Self.findings(store).contains { if case .contentChanged = $0 { true } else { false } })
        try await queue.write { db in
            try db.execute(sql: "UPDATE attendance SET category = 'hadir', checked_in_at = '2020-12-16 01:58:00.000', late_minutes = 0 WHERE meeting_id = ?",
                           arguments: [id.description])
            try db.execute(sql: "UPDATE meeting SET location = 'Ruang Rapat Palsu' WHERE id = ?", arguments: [id.description])
        }
        #expect(try await Self.findings(store).contains { if case .contentChanged = $0 { true } else { false } })
    }

    @Test func versionsOfADeletedMeetingAreStillWalked() async throws {
        let (store, queue, id) = try await Self.approvedArchive()
        try await queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "DELETE FROM meeting WHERE id = ?", arguments: [id.description])
        }
        #expect(try await Self.findings(store) == [.meetingGone])
    }
}

@Suite struct SealChainTests {
    @Test(arguments: Backend.all)
    func aCorrectionChainsToThePreviousVersionAndBothAreSigned(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let id = try await IntegrityTests.approved(store)
        // Approving needs a key, and one registered here.
        await #expect(throws: StoreError.signingKeyNeeded(id)) {
            try await store.updateMeeting(id) { m, _ in try m.correctMinutes(by: Seed.governor, at: Date(), reason: "x") { _ in } }
        }
        let stranger = SealSigner()
        await #expect(throws: StoreError.unregisteredKey(stranger.keyID)) {
            try await store.updateMeeting(id, sealingWith: stranger) { m, _ in try m.correctMinutes(by: Seed.governor, at: Date(), reason: "x") { _ in } }
        }
        try await store.updateMeeting(id, sealingWith: Seed.signer) { m, _ in
            try m.correctMinutes(by: Seed.governor, at: Seed.at("2020-12-18 08:00"), reason: "koreksi") { d in d.minutes.decisions[0].text = "Diperbaiki." }
        }
        let versions = try await store.minutesVersions(id)
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions[0].record.previousDigest == nil && versions[1].record.previousDigest == versions[0].digest)
        let key = Seed.signingKey
        for v in versions { #expect(key.verifies(try #require(v.signature), over: v.record.canonical())) }
        #expect(try await store.verify(from: nil, to: nil) == [])
        #expect(try await store.signingKeys().map(\.id) == [Seed.signer.keyID])
        // Registering the same key again changes nothing; for another office it is refused.
        try await store.registerSigningKey(Seed.signingKey)
        await #expect(throws: StoreError.keyRegisteredElsewhere(Seed.signer.keyID, office: "Setda Banten")) {
            try await store.registerSigningKey(try SigningKey(publicKeyPEM: Seed.signer.publicKeyPEM, office: "Dinkes", registeredAt: Date()))
        }
    }

    @Test(arguments: Backend.all)
    func aBundleWithAForgedOrUnsignedApprovalIsRefused(_ backend: Backend) async throws {
        let a = try await Seed.store(backend)
        let id = try await IntegrityTests.approved(a)
        var bundle = try await a.exportBundle()
        let b = try await Seed.store(backend)
        // Signed by a key this archive does not know.
        var foreign = bundle
        let intruder = SealSigner()
        foreign.meetings[0].versions[0].signature = intruder.sign(foreign.meetings[0].versions[0].record.canonical())
        await #expect(throws: StoreError.unverifiedSeal(id, version: 1, .unknownKey(intruder.keyID))) { try await b.importBundle(foreign) }
        // Unsigned.
        bundle.meetings[0].versions[0].signature = nil
        await #expect(throws: StoreError.unverifiedSeal(id, version: 1, .unsigned)) { try await b.importBundle(bundle) }
        #expect(try await b.meetings(MeetingFilter()).isEmpty)
    }
}
