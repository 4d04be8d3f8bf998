import Foundation
import GRDB
import RapatCore
@testable import RapatStore
@testable import RapatSQLite
import Testing

/// What only the SQLite backend has: a file, two connections on it, query plans.
@Suite struct SQLiteStoreTests {
    @Test func twoConnectionsOnOneFileTakeTurns() async throws {
        let path = try TempDir.make().appendingPathComponent("rapat.db").path
        let first = try SQLiteStore(path: path), second = try SQLiteStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, store) in [first, second].enumerated() {
                group.addTask {
                    for n in 0..<25 {
                        let nip = try PersonID(String(format: "19700205199502%d%03d", 1 + i, n))
                        try await store.addPerson(try Person(id: nip, name: "Pegawai \(i)-\(n)", jabatan: "Staf", opd: "OPD \(i)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await first.people(opd: nil).count == 50)
    }

    /// IDFs are cached between searches, but a change of the archive by this store (here: minutes added to an
    /// existing meeting, which leaves the newest indexed row as it was) counts them again.
    @Test func cachedIDFsFollowAChangeOfTheArchive() async throws {
        let store = try await Seed.store(.sqlite) as! SQLiteStore
        var ids: [MeetingID] = []
        for day in ["2020-12-14", "2020-12-15", "2020-12-16"] {
            var plan = Seed.plan("\(day) 09:00", title: "Rapat \(day)")
            plan.agenda = [try AgendaItem(key: 1, title: "Pembukaan", boxMinutes: 10)]
            ids.append(try await store.createMeeting(plan).id)
        }
        let query = SearchQuery("vaksinasi")
        func idf() async throws -> Double {
            try await store.pool.read { db in try SearchIndex.idfs(query, in: db, sample: SearchIndex.idfSample, cache: store.idfCache)[0] }
        }
        try await store.updateMeeting(ids[2]) { m, _ in try m.addNote(item: 1, text: "Vaksinasi tenaga kesehatan.") }
        let once = try await idf()
        #expect(try await idf() == once)
        try await store.updateMeeting(ids[0]) { m, _ in try m.addNote(item: 1, text: "Vaksinasi lansia.") }
        let twice = try await idf()
        #expect(twice < once)
        #expect(twice == (try await store.pool.read { db in try SearchIndex.idfs(query, in: db, sample: SearchIndex.idfSample)[0] }))
    }

    /// The archive main wrote before phrases were indexed as word pairs (schema v14, the sample archive) migrates
    /// in one step: its search index is made anew with the pairs, phrases are found in it, and FTS5's own check of
    /// the index against the text passes, also after an edit (deleting a row tokenizes its text again).
    @Test func anArchiveIndexedBeforeWordPairsIsIndexedAnewAndFindsPhrases() async throws {
        let store = try LetterNumberConformanceTests.openCopy(of: "archive-v14-sample.db")
        #expect(try await store.verify(from: nil, to: nil).problems == [])
        func integrity() async throws {
            try await store.pool.write { db in try db.execute(sql: "INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)") }
        }
        try await integrity()
        let pairs = try await store.pool.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search_index, row)")
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.terms WHERE term >= char(1) AND term < char(2)") ?? 0
        }
        #expect(pairs > 100)
        let hits = try await store.search(SearchQuery("\"penyerapan anggaran\""))
        #expect(hits.count >= 3 && hits.allSatisfy { $0.snippet.contains("[penyerapan anggaran]") })
        try await store.updateMeeting(hits[0].meetingID) { m, _ in m.title = "Rapat Pimpinan Penyerapan Anggaran Triwulan" }
        #expect(try await store.search(SearchQuery("\"penyerapan anggaran triwulan\"")).map(\.meetingID) == [hits[0].meetingID])
        try await integrity()
    }

    @Test func aFileThatIsNotAnArchiveIsRefusedClearly() throws {
        let path = try TempDir.make().appendingPathComponent("notes.txt")
        try Data("rapat pimpinan, bukan database\n".utf8).write(to: path)
        #expect { try SQLiteStore(path: path.path) } throws: { "\($0)".contains("cannot open database \(path.path)") }
        #expect { try SQLiteStore(path: "/nonexistent-dir/rapat.db") } throws: { "\($0)".contains("cannot open database") }
    }

    @Test func conflictLookupAndDateRangeUseIndexes() async throws {
        let store = try SQLiteStore(path: TempDir.make().appendingPathComponent("rapat.db").path)
        let plans = try await store.pool.read { db in
            let conflict = try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT mp.meeting_id FROM meeting_person mp JOIN meeting m ON m.id = mp.meeting_id
                WHERE mp.nip IN (?, ?) AND mp.active = 1 AND mp.start_at > ? AND mp.start_at < ? AND mp.end_at > ?
                """, arguments: ["a", "b", "x", "y", "z"]).map { $0["detail"] as String }
            let range = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM meeting WHERE start_at >= ? AND start_at < ? ORDER BY start_at",
                                         arguments: ["x", "y"]).map { $0["detail"] as String }
            return (conflict, range)
        }
        #expect(plans.0.contains { $0.contains("USING INDEX meeting_person_slot") })
        #expect(!plans.0.contains { $0.hasPrefix("SCAN") })
        #expect(plans.1.contains { $0.contains("USING INDEX meeting_start") })
    }

    @Test func storeURLsAreParsed() throws {
        #expect(try StoreLocation.parse("sqlite:///var/lib/rapat/rapat.db") == .sqlite(path: "/var/lib/rapat/rapat.db"))
        #expect(try StoreLocation.parse("sqlite://rapat.db") == .sqlite(path: "rapat.db"))
        #expect(try StoreLocation.parse("arsip/rapat.db") == .sqlite(path: "arsip/rapat.db"))
        #expect(try StoreLocation.parse("postgres://rapat@127.0.0.1:5432/rapat") == .postgres(url: "postgres://rapat@127.0.0.1:5432/rapat"))
        #expect(throws: StoreError.unsupportedURL("mysql://x/y")) { try StoreLocation.parse("mysql://x/y") }
        #expect(try StoreLocation.resolve(nil, environment: [:]) == .sqlite(path: "rapat.db"))
        #expect(try StoreLocation.resolve(nil, environment: ["RAPAT_DATABASE": "/tmp/x.db"]) == .sqlite(path: "/tmp/x.db"))
    }

    /// An archive written by Rapat before this version's schema changes (schema v1-core … v4-tokens, the sample
    /// archive) opens, migrates and keeps verifying, with its minutes and search intact; its minutes, sealed
    /// before signatures, are reported as such (a notice each, no problem).
    @Test func anArchiveOfAnEarlierVersionOpensMigratesAndVerifies() async throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/archive-v4-sample.db")
        let path = try TempDir.make().appendingPathComponent("rapat.db")
        try FileManager.default.copyItem(at: fixture, to: path)
        let store = try SQLiteStore(path: path.path)
        let findings = try await store.verify(from: nil, to: nil)
        #expect(findings.problems == [] && findings.count == 6 && findings.allSatisfy { $0.finding == .legacyUnsigned })
        let meetings = try await store.meetings(MeetingFilter())
        #expect(meetings.count == 8 && meetings.filter(\.minutes.isApproved).count == 6)
        #expect(try await store.minutesVersions(try MeetingID("RP-2020-0006")).count == 1)
        #expect(!(try await store.search(SearchQuery("penyerapan"))).isEmpty)
        // Items stored before standing items existed read as not standing; the archive takes new writes.
        let january = try await store.meeting(try MeetingID("RP-2021-0001"))
        #expect(january.agenda.allSatisfy { !$0.isStanding })
        // (Its agenda holds the opening twice, carried over by the version that wrote it: item 3 goes.)
        _ = try await store.updateMeeting(january.id) { m, _ in
            try m.removeAgendaItem(at: 3)
            _ = try m.addAgendaItem(title: "Penutup", presenter: nil, presenterNIP: nil, boxMinutes: 5, standing: true)
        }
        #expect(try await store.meeting(january.id).agenda.last?.isStanding == true)
    }

    /// The sample archive as the main of 2026-11-30 wrote it (schema v6, minutes sealed in format 1) migrates to
    /// signed seals in one step: old versions stay readable and are reported as unsigned, a correction made now
    /// chains to them and is signed, and attendance history starts empty.
    @Test func anArchiveSealedBeforeSignaturesTakesSignedCorrections() async throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/archive-v6-sample.db")
        let path = try TempDir.make().appendingPathComponent("rapat.db")
        try FileManager.default.copyItem(at: fixture, to: path)
        let store = try SQLiteStore(path: path.path)
        let id = try MeetingID("RP-2020-0006")
        let before = try await store.minutesVersions(id)
        #expect(before.count == 1 && before[0].record.format == nil && before[0].signature == nil)
        #expect(try await store.verify(from: nil, to: nil).map(\.finding) == Array(repeating: .legacyUnsigned, count: 6))
        #expect(try await store.tokens().count == 1)
        try await store.registerSigningKey(Seed.signingKey)
        let chair = try await store.meeting(id).chair
        try await store.updateMeeting(id, sealingWith: Seed.signer) { m, _ in
            try m.correctMinutes(by: chair, at: Date(), reason: "koreksi setelah pemutakhiran") { d in try d.addDecision(item: nil, text: "Tambahan.") }
        }
        let after = try await store.minutesVersions(id)
        #expect(after.count == 2 && after[1].record.format == 2 && after[1].record.previousDigest == after[0].digest && after[1].signature != nil)
        let findings = try await store.verify(from: nil, to: nil)
        #expect(findings.problems == [] && findings.count == 6)
        #expect(try await store.meeting(id).attendance.allSatisfy { $0.history == nil })
    }

    @Test func aNewArchiveIsReadableByItsOwnerOnly() throws {
        let dir = try TempDir.make()
        let path = dir.appendingPathComponent("rapat.db").path
        _ = try SQLiteStore(path: path)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file): \(String(mode ?? 0, radix: 8))")
        }
    }

    /// The archive's date text written without a DateFormatter is GRDB's own, byte for byte (old archives read new
    /// rows and the other way round): 100,000 seeded whole-second dates from 1900 to 2200 and the edges.
    @Test func datesAreWrittenExactlyAsGRDBWritesThem() {
        var seed: UInt64 = 20_201_216
        func next() -> UInt64 { seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return seed >> 11 }
        var dates = (0..<100_000).map { _ in Date(timeIntervalSince1970: Double(Int64(next() % 9_467_280_000) - 2_208_988_800)) }
        dates += [-2_208_988_800, -1, 0, 951_782_400, 951_868_799, 4_107_542_399, 253_402_300_799].map { Date(timeIntervalSince1970: $0) }
        dates += [Date(timeIntervalSince1970: 1_607_907_600.25), Date(timeIntervalSince1970: -2_208_988_801), Date(timeIntervalSince1970: 253_402_300_800)]
        for date in dates {
            #expect(ArchiveDate.databaseValue(date) == date.databaseValue, "\(date.timeIntervalSince1970)")
        }
    }
}
