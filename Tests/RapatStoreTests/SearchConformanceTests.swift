import Foundation
import RapatCore
import RapatStore
import Testing

/// Search over a small hand-made corpus, once per backend.
@Suite struct SearchConformanceTests {
    static func corpus(_ backend: Backend) async throws -> (any MeetingStore, [MeetingID]) {
        let store = try await Seed.store(backend)
        var ids: [MeetingID] = []
        let notes: [(String, String, [String], [String])] = [
            ("2020-11-18 09:00", "Rapat Pimpinan November", ["Penyerapan anggaran Dinkes baru 62 persen; penyerapan harus dipercepat."],
             ["Dinkes mempercepat penyerapan anggaran"]),
            ("2020-12-16 09:00", "Rapat Pimpinan Desember", ["Serapan anggaran BPKAD membaik.", "Pelaksanaan vaksinasi tenaga kesehatan."],
             ["Kegiatan yang menyerap anggaran besar didahulukan"]),
            ("2020-12-17 13:00", "Rapat Koordinasi Bencana", ["Kesiapsiagaan banjir di Lebak dan Pandeglang."], ["BPBD menyiapkan posko"]),
        ]
        for (start, title, texts, decisions) in notes {
            var plan = Seed.plan(start, title: title)
            plan.agenda = [try AgendaItem(key: 1, title: "Pembukaan", boxMinutes: 10)]
            let m = try await store.createMeeting(plan)
            try await store.updateMeeting(m.id) { m, _ in
                for t in texts { try m.addNote(item: 1, text: t) }
                for d in decisions { try m.addDecision(item: 1, text: d) }
            }
            ids.append(m.id)
        }
        return (store, ids)
    }

    @Test(arguments: Backend.all)
    func indonesianFormsFindEachOther(_ backend: Backend) async throws {
        let (store, ids) = try await Self.corpus(backend)
        for word in ["penyerapan", "serapan", "menyerap", "diserap"] {
            let hits = try await store.search(SearchQuery(word))
            #expect(Set(hits.map(\.meetingID)) == [ids[0], ids[1]], "\(word)")
        }
        let snippet = try #require(try await store.search(SearchQuery("serapan")).first?.snippet)
        #expect(snippet.contains("[Penyerapan]") || snippet.contains("[penyerapan]") || snippet.contains("[Serapan]"))
    }

    /// Found by fuzzing: a NUL inside a phrase ended FTS5's reading of the expression ("unterminated string",
    /// SQL in a 500). Control characters now separate words like spaces, on every backend.
    @Test(arguments: Backend.all)
    func controlCharactersInAQuerySeparateWords(_ backend: Backend) async throws {
        let (store, ids) = try await Self.corpus(backend)
        for text in ["\"5'(aggaran O$\0belanja) AND N|T \"5p", "penyerapan\0dinkes", "\"penyerapan\u{1}anggaran\"", "\0",
                     // A quote joined to a combining mark is one Character but two scalars: it must still be escaped.
                     "0\u{08}z4\"&&&&&&&\"\u{05A3}&&&\0\0\0n\0\0\"\0", "\"anggaran\"\u{0301} \"n\""] {
            do { _ = try await store.search(SearchQuery(text)) } catch { #expect(error is SearchError, "\(text.debugDescription): \(error)") }
        }
        #expect(Set(try await store.search(SearchQuery("dipercepat\0dinkes")).map(\.meetingID)) == [ids[0]])
    }

    /// Pages of results (limit and offset) follow the ranking without a gap or a repeat.
    @Test(arguments: Backend.all)
    func pagesContinueTheRanking(_ backend: Backend) async throws {
        let (store, _) = try await Self.corpus(backend)
        let all = try await store.search(SearchQuery("anggaran OR vaksinasi OR banjir OR posko", limit: 50))
        #expect(all.count >= 5)
        var paged: [SearchHit] = []
        for offset in stride(from: 0, to: all.count + 2, by: 2) {
            paged += try await store.search(SearchQuery("anggaran OR vaksinasi OR banjir OR posko", limit: 2, offset: offset))
        }
        #expect(paged.map { "\($0.meetingID) \($0.section) \($0.snippet)" } == all.map { "\($0.meetingID) \($0.section) \($0.snippet)" })
    }

    @Test(arguments: Backend.all)
    func rankingPutsTheDensestMatchFirst(_ backend: Backend) async throws {
        let (store, ids) = try await Self.corpus(backend)
        let hits = try await store.search(SearchQuery("penyerapan dinkes"))
        #expect(hits.first?.meetingID == ids[0])
        #expect(hits.map(\.score) == hits.map(\.score).sorted())
    }

    @Test(arguments: Backend.all)
    func beyondTheRankWindowTheBestOfTheMostRecentMatchesComeBackAndADateRangeReachesOlderOnes(_ backend: Backend) async throws {
        let (store, ids) = try await Self.corpus(backend)
        #expect(try await store.search(SearchQuery("penyerapan")).first?.meetingID == ids[0])
        // December's two matching sections fill a window of two, so November's denser match is not ranked…
        #expect(Set(try await store.search(SearchQuery("penyerapan", rankWindow: 2)).map(\.meetingID)) == [ids[1]])
        // …until the archivist narrows the dates.
        let november = SearchQuery("penyerapan", from: Seed.at("2020-11-01 00:00"), to: Seed.at("2020-12-01 00:00"), rankWindow: 2)
        #expect(try await store.search(november).first?.meetingID == ids[0])
    }

    @Test(arguments: Backend.all)
    func phrasesPrefixesAndOperators(_ backend: Backend) async throws {
        let (store, ids) = try await Self.corpus(backend)
        #expect(Set(try await store.search(SearchQuery("\"rapat pimpinan\"")).map(\.meetingID)) == [ids[0], ids[1]])
        #expect(Set(try await store.search(SearchQuery("kesiap*")).map(\.meetingID)) == [ids[2]])
        #expect(Set(try await store.search(SearchQuery("vaksinasi OR banjir")).map(\.meetingID)) == [ids[1], ids[2]])
        #expect(Set(try await store.search(SearchQuery("anggaran -dinkes")).map(\.meetingID)) == [ids[1]])
        #expect(Set(try await store.search(SearchQuery("anggaran NOT dinkes")).map(\.meetingID)) == [ids[1]])
        #expect(Set(try await store.search(SearchQuery("anggaran AND (bpkad OR dinkes)")).map(\.meetingID)) == [ids[0], ids[1]])
    }

    /// A phrase is its words in order, each in any of its forms: next to each other, not merely in one section,
    /// and after an edit only where the text holds it now; the snippet marks the whole phrase.
    @Test(arguments: Backend.all)
    func phrasesAreWordsNextToEachOtherInOrder(_ backend: Backend) async throws {
        let (store, ids) = try await Self.corpus(backend)
        func found(_ text: String) async throws -> Set<MeetingID> { Set(try await store.search(SearchQuery(text)).map(\.meetingID)) }
        // "Penyerapan anggaran", "Serapan anggaran", "menyerap anggaran": every form of the first word.
        #expect(try await found("\"serapan anggaran\"") == [ids[0], ids[1]])
        #expect(try await found("\"mempercepat penyerapan anggaran\"") == [ids[0]])
        // Both words are in November's first note, never side by side in this order.
        #expect(try await found("\"anggaran penyerapan\"") == [])
        #expect(try await found("\"dinkes anggaran\"") == [])
        #expect(try await found("\"kesiapsiagaan banjir di lebak\"") == [ids[2]])
        let snippet = try #require(try await store.search(SearchQuery("\"banjir di lebak\"")).first?.snippet)
        // (PostgreSQL's ts_headline marks the phrase word by word.)
        #expect(snippet.replacingOccurrences(of: "] [", with: " ").localizedCaseInsensitiveContains("[banjir di Lebak]"), "\(snippet)")
        try await store.updateMeeting(ids[2]) { m, _ in
            m.minutes.notes = [DiscussionNote(itemKey: 1, text: "Kesiapsiagaan longsor di Lebak; banjir surut.")]
        }
        #expect(try await found("\"banjir di lebak\"") == [])
        #expect(try await found("\"longsor di lebak\"") == [ids[2]])
        #expect(try await found("\"banjir surut\" OR \"rapat koordinasi\"") == [ids[2]])
    }

    @Test(arguments: Backend.all)
    func filtersNarrowTheHits(_ backend: Backend) async throws {
        let (store, ids) = try await Self.corpus(backend)
        let december = SearchQuery("anggaran", from: Seed.at("2020-12-01 00:00"), to: Seed.at("2021-01-01 00:00"))
        #expect(Set(try await store.search(december).map(\.meetingID)) == [ids[1]])
        #expect(try await store.search(SearchQuery("anggaran", opd: "BPBD")).isEmpty)
        #expect(try await store.search(SearchQuery("anggaran", status: .ended)).isEmpty)
        #expect(try await store.search(SearchQuery("anggaran", limit: 1)).count == 1)
        #expect(!(try await store.search(SearchQuery("anggaran", person: Seed.kadinkes)).isEmpty))
    }

    /// An archivist's search is narrowed in the query itself (so pages of results are full pages): approved minutes only.
    @Test(arguments: Backend.all)
    func approvedOnlyFindsApprovedMinutesAndOPDsAreCountedPerMeeting(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let draft = try await store.createMeeting(Seed.plan("2020-12-17 13:00", title: "Rapat Draf"))
        try await store.updateMeeting(draft.id) { m, _ in
            m.agenda = [try AgendaItem(key: 1, title: "Penyerapan anggaran", boxMinutes: 10)]
        }
        let approved = try await IntegrityTests.approved(store)
        var q = SearchQuery("penyerapan")
        #expect(Set(try await store.search(q).map(\.meetingID)) == [draft.id, approved])
        q.approvedOnly = true
        #expect(Set(try await store.search(q).map(\.meetingID)) == [approved])
        let opds = try await store.opds(of: [approved, draft.id])
        #expect(opds[approved] == ["Setda", "Dinkes", "BPKAD"] && opds[draft.id] == ["Setda", "Dinkes", "BPKAD"])
        #expect(try await store.opds(of: []).isEmpty)
    }

    @Test(arguments: Backend.all, [
        "\"", "*", "-", "anggaran\"", "AND", "NOT dinkes", "anggaran OR", "((anggaran)", "a\"b\"c OR", "'; DROP TABLE meeting; --",
        "NEAR(anggaran dinkes)", "anggaran:dinkes", "^anggaran", "{text}:anggaran", "🙂", "\u{0}anggaran",
    ])
    func hostileQueriesGiveAMessageNeverASyntaxError(_ backend: Backend, _ text: String) async throws {
        let (store, _) = try await Self.corpus(backend)
        do {
            _ = try await store.search(SearchQuery(text))
        } catch let error as SearchError {
            #expect(!error.description.isEmpty)
        }
        #expect(try await store.meetings(MeetingFilter()).count == 3)
    }

    @Test(arguments: Backend.all)
    func theIndexFollowsEveryWriteAndCanBeRebuilt(_ backend: Backend) async throws {
        let (store, ids) = try await Self.corpus(backend)
        #expect(try await store.search(SearchQuery("evakuasi")).isEmpty)
        try await store.updateMeeting(ids[2]) { m, _ in try m.addNote(item: 1, text: "Rencana evakuasi warga bantaran sungai.") }
        #expect(try await store.search(SearchQuery("evakuasi")).map(\.meetingID) == [ids[2]])
        let before = try await store.search(SearchQuery("anggaran OR evakuasi OR banjir", limit: 50)).count
        let calls = Counter()
        try await store.reindex { done, total in calls.add(done, total) }
        #expect(try await store.search(SearchQuery("anggaran OR evakuasi OR banjir", limit: 50)).count == before)
        #expect(calls.last == (3, 3))
    }
}

final class Counter: @unchecked Sendable {
    // @unchecked: touched only by the reindex callback, one call at a time.
    private(set) var last: (Int, Int) = (0, 0)
    func add(_ a: Int, _ b: Int) { last = (a, b) }
}
