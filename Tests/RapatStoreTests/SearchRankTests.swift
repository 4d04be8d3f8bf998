import Foundation
import GRDB
import RapatCore
@testable import RapatStore
@testable import RapatSQLite
import Testing

/// rapat_bm25, the SQLite ranking with IDFs counted in the newest rows only.
@Suite struct SearchRankTests {
    static func sqliteCorpus() async throws -> SQLiteStore {
        let (store, _) = try await SearchConformanceTests.corpus(.sqlite)
        return try #require(store as? SQLiteStore)
    }

    static func key(_ meeting: String, _ section: String, _ ref: String?) -> String { "\(meeting) \(section) \(ref ?? "-")" }

    @Test(arguments: ["penyerapan", "penyerapan dinkes", "vaksinasi OR banjir OR posko", "serap* -dinkes", "\"penyerapan anggaran\"", "anggaran"])
    func onAnArchiveSmallerThanTheSampleTheScoresAreFTS5Bm25(_ text: String) async throws {
        let store = try await Self.sqliteCorpus()
        let query = SearchQuery(text)
        let hits = try await store.search(query)
        let bm25 = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT meeting_id, section, ref, bm25(search_index) AS score FROM search_index WHERE search_index MATCH ?",
                             arguments: [try query.matchExpression()])
        }
        let expected = Dictionary(uniqueKeysWithValues: bm25.map { (Self.key($0["meeting_id"], $0["section"], $0["ref"]), $0["score"] as Double) })
        #expect(!hits.isEmpty)
        #expect(hits.count == expected.count)
        for hit in hits {
            let score = try #require(expected[Self.key(hit.meetingID.description, hit.section, hit.reference)], "\(hit)")
            #expect(abs(hit.score - score) < 1e-9, "\(text): \(hit.section) \(hit.score) vs bm25 \(score)")
        }
    }

    @Test func theIDFIsCountedInTheNewestRowsOnly() async throws {
        let store = try await Self.sqliteCorpus()
        let query = SearchQuery("penyerapan OR vaksinasi OR \"anggaran besar\"")
        try await store.pool.read { db in
            let total = try #require(try Int.fetchOne(db, sql: "SELECT count(*) FROM search_index"))
            #expect(total > 5)
            var distinct = Set<[Double]>()
            for sample in [1, 2, 4, 6, total, 1000] {
                let expected = try query.phraseExpressions().map { phrase in
                    let hits = try #require(try Int.fetchOne(db, sql: """
                        SELECT count(*) FROM search_index
                        WHERE search_index MATCH ? AND rowid IN (SELECT rowid FROM search_index ORDER BY rowid DESC LIMIT ?)
                        """, arguments: [phrase, sample]))
                    return SearchRank.idf(hits: hits, rows: min(sample, total))
                }
                let idfs = try SearchIndex.idfs(query, in: db, sample: sample)
                #expect(idfs == expected, "sample \(sample)")
                distinct.insert(idfs)
            }
            #expect(distinct.count > 1)  // the sample changes the weights, so the comparison above means something
            let hits = try SearchIndex.search(query, in: db, idfSample: 2)
            #expect(hits.count == (try SearchIndex.search(query, in: db)).count)
            #expect(hits.map(\.score) == hits.map(\.score).sorted())
        }
    }
}
