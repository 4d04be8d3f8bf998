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
                             arguments: [try SearchIndex.expression(query, in: db).match])
        }
        let expected = Dictionary(uniqueKeysWithValues: bm25.map { (Self.key($0["meeting_id"], $0["section"], $0["ref"]), $0["score"] as Double) })
        #expect(!hits.isEmpty)
        #expect(hits.count == expected.count)
        for hit in hits {
            let score = try #require(expected[Self.key(hit.meetingID.description, hit.section, hit.reference)], "\(hit)")
            #expect(abs(hit.score - score) < 1e-9, "\(text): \(hit.section) \(hit.score) vs bm25 \(score)")
        }
    }

    /// A prefix of few words is searched as those words (FTS5 merges a prefix's whole doclist first): the rows
    /// found are the ones FTS5's own prefix query finds; a prefix of more words than `maxPrefixTerms` stays a prefix.
    @Test(arguments: ["serap*", "kesiap*", "angg*", "pe*", "b*", "d* OR v*", "\"anggaran bes*\"", "zzz*", "mempercepat*"])
    func aPrefixWrittenOutAsItsWordsFindsWhatFTS5PrefixFinds(_ text: String) async throws {
        let store = try await Self.sqliteCorpus()
        let query = SearchQuery(text, limit: 100)
        try await store.pool.read { db in
            let native = Set(try Int64.fetchAll(db, sql: "SELECT rowid FROM search_index WHERE search_index MATCH ?",
                                                arguments: [try query.matchExpression()]))
            let (match, phrases) = try SearchIndex.expression(query, in: db)
            let written = Set(try Int64.fetchAll(db, sql: "SELECT rowid FROM search_index WHERE search_index MATCH ?", arguments: [match]))
            #expect(written == native, "\(text): \(match)")
            #expect(try SearchIndex.search(query, in: db).count == native.count)
            #expect(phrases.count == (match.components(separatedBy: "\"").count - 1) / 2)
        }
    }

    /// The words of a prefix are read from the index's vocabulary, all of them; past `maxPrefixTerms` it stays a prefix.
    @Test func aPrefixIsWrittenOutAsEveryWordOfTheVocabularyWithItUpToALimit() async throws {
        let store = try await Self.sqliteCorpus()
        var plan = Seed.plan("2020-12-18 09:00", title: "Rapat Pajak")
        plan.agenda = [try AgendaItem(key: 1, title: "Pembukaan", boxMinutes: 10)]
        let m = try await store.createMeeting(plan)
        let many = (0..<SearchIndex.maxPrefixTerms).map { "pajak\($0)" }.joined(separator: " ")
        try await store.updateMeeting(m.id) { m, _ in try m.addNote(item: 1, text: many) }
        try await store.pool.read { db in
            let everyTerm = try String.fetchAll(db, sql: "SELECT DISTINCT term FROM search_terms")
            #expect(everyTerm.filter { $0.hasPrefix("paj") }.count > SearchIndex.maxPrefixTerms)
            #expect(try SearchIndex.prefixTerms("paj", in: db) == nil)
            #expect(try SearchIndex.expression(SearchQuery("paj*"), in: db).match == "\"paj\"*")
            let serap = try #require(try SearchIndex.prefixTerms("Serap", in: db))
            #expect(!serap.isEmpty && serap == everyTerm.filter { $0.hasPrefix("serap") }.sorted())
            #expect(try SearchIndex.prefixTerms("pajak1", in: db) == ["pajak1", "pajak10", "pajak11", "pajak12", "pajak13", "pajak14", "pajak15"])
            #expect(try SearchIndex.prefixTerms("covid-19", in: db) == nil)  // two words: a phrase, left to FTS5
        }
        #expect(try await store.search(SearchQuery("pajak1*")).map(\.meetingID) == [m.id])
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
