import Foundation
import GRDB
import RapatCore
import RapatStore
import Synchronization

/// The FTS5 index of titles, agenda items, discussion, decisions and action items.
enum SearchIndex {
    /// A meeting's rows have rowids in a block of its own, so replacing them is a rowid range delete
    /// (FTS5 cannot index the meeting_id column).
    static let block: Int64 = 1 << 16

    static func firstRowID(_ id: MeetingID) -> Int64 { (Int64(id.year) * 100_000 + Int64(id.serial)) * block }

    /// Replaces the meeting's rows; runs inside the caller's transaction.
    static func index(_ m: Meeting, new: Bool = false, in db: Database) throws {
        let id = m.id.description
        let first = firstRowID(m.id)
        if !new {
            try db.cachedStatement(sql: "DELETE FROM search_index WHERE rowid >= ? AND rowid < ?").execute(arguments: [first, first + block])
        }
        for (i, (section, ref, text)) in SearchDocuments.of(m).prefix(Int(block)).enumerated() {
            try db.cachedStatement(sql: "INSERT INTO search_index(rowid, meeting_id, section, ref, text) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [first + Int64(i), id, section, ref, text])
        }
    }

    /// Rebuilds the whole index from the meetings, reporting (done, total) as it goes.
    static func rebuild(_ db: Database, progress: ((Int, Int) -> Void)?) throws {
        try db.execute(sql: "DELETE FROM search_index")
        let ids = try String.fetchAll(db, sql: "SELECT id FROM meeting ORDER BY start_at, id")
        var done = 0
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let rows = try MeetingRow.fetchAll(db, sql: "SELECT * FROM meeting WHERE id IN (\(databaseQuestionMarks(count: chunk.count)))",
                                               arguments: StatementArguments(chunk))
            for m in try MeetingRows.load(rows, in: db) { try index(m, in: db) }
            done += chunk.count
            progress?(done, ids.count)
        }
    }

    /// How many of the newest rows each query phrase's IDF is counted in (about 3,000 meetings' minutes):
    /// a bounded count however large the archive, where bm25() would count every row holding the phrase.
    static let idfSample = 20_000

    /// A prefix is written out as the words the index holds with it when they are at most this many.
    static let maxPrefixTerms = 16

    /// The query as FTS5 runs it: its MATCH expression and each of its phrases in FTS5's numbering. A prefix
    /// (`pendapat*`) of few indexed words becomes those words, ORed: FTS5 answers a prefix by merging the whole
    /// doclist of every word it covers before handing out the first row (63 ms p95 at 1,000,000 minutes), where
    /// words read newest first stop once the rank window is full. The rows found are the same.
    static func expression(_ q: SearchQuery, in db: Database) throws -> (match: String, phrases: [String]) {
        var match: [String] = [], phrases: [String] = []
        for token in try q.tokens() {
            if case let .term(word, prefix: true) = token, let terms = try prefixTerms(word, in: db) {
                let exact = terms.map { SearchQuery.Token.phrase(String(UnicodeScalar(IndonesianTokenizer.exactMark)) + $0).fts5 }
                match.append("(" + exact.joined(separator: " OR ") + ")")
                phrases += exact
            } else {
                match.append(token.fts5)
                if token.isPhrase { phrases.append(token.fts5) }
            }
        }
        return (match.joined(separator: " "), phrases)
    }

    /// The indexed words (as written, and stems) that begin with the prefix `word*` names, read from the index's
    /// vocabulary one seek each; nil when the prefix is not one word or covers more than `maxPrefixTerms`.
    static func prefixTerms(_ word: String, in db: Database) throws -> [String]? {
        let parts = try db.makeTokenizer(.unicode61(diacritics: .keep)).tokenize(query: word)
        guard parts.count == 1, let prefix = parts.first?.token, !prefix.isEmpty else { return nil }
        var terms: [String] = []
        var from = prefix
        // The vocabulary (fts5vocab, instance) is read lazily from the term asked for, in byte order; a word's
        // successors that share it as a prefix all sort after word + U+0001 (no indexed word holds a control character).
        while let term = try String.fetchOne(db, sql: "SELECT term FROM search_terms WHERE term >= ? LIMIT 1", arguments: [from]),
              term.utf8.starts(with: prefix.utf8) {
            guard terms.count < maxPrefixTerms else { return nil }
            terms.append(term)
            from = term + "\u{1}"
        }
        return terms.isEmpty ? nil : terms
    }

    /// The IDF of every phrase of the query, in FTS5's order, counted in the newest `sample` rows (or taken from
    /// `cache` while the index has not changed).
    static func idfs(_ q: SearchQuery, in db: Database, sample: Int, cache: IDFCache? = nil) throws -> [Double] {
        try idfs(expression(q, in: db).phrases, in: db, sample: sample, cache: cache)
    }

    static func idfs(_ phrases: [String], in db: Database, sample: Int, cache: IDFCache? = nil) throws -> [Double] {
        let sample = max(1, sample)
        // The docsize shadow table holds one row per indexed row, keyed by rowid.
        let newest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM search_index_docsize")
        let (known, generation) = cache?.values(phrases, newest: newest, sample: sample) ?? ([], 0)
        if known.count == phrases.count { return known }
        let floor = try Int64.fetchOne(db, sql: "SELECT id FROM search_index_docsize ORDER BY id DESC LIMIT 1 OFFSET ?", arguments: [sample - 1])
        let rows = try floor == nil ? Int.fetchOne(db, sql: "SELECT count(*) FROM search_index_docsize") ?? 0 : sample
        let idfs = try phrases.map { phrase in
            let hits = try Int.fetchOne(db, sql: "SELECT count(*) FROM search_index WHERE search_index MATCH ? AND rowid >= ?",
                                        arguments: [phrase, floor ?? Int64.min]) ?? 0
            return SearchRank.idf(hits: hits, rows: rows)
        }
        cache?.remember(zip(phrases, idfs), newest: newest, sample: sample, generation: generation)
        return idfs
    }

    static func search(_ q: SearchQuery, in db: Database, idfSample: Int = idfSample, cache: IDFCache? = nil) throws -> [SearchHit] {
        let (expression, phrases) = try expression(q, in: db)
        let idfs = try idfs(phrases, in: db, sample: idfSample, cache: cache)
        var clauses = ["search_index MATCH ?"]
        var args: [any DatabaseValueConvertible] = [expression]
        if let from = q.from { clauses.append("m.start_at >= ?"); args.append(from) }
        if let to = q.to { clauses.append("m.start_at < ?"); args.append(to) }
        if let status = q.status { clauses.append("m.status = ?"); args.append(status.rawValue) }
        if q.approvedOnly { clauses.append("m.approved_by IS NOT NULL") }
        if let kind = q.kind { clauses.append("m.kind = ? COLLATE NOCASE"); args.append(kind) }
        if let nip = q.person { clauses.append("m.id IN (SELECT meeting_id FROM meeting_person WHERE nip = ?)"); args.append(nip.key) }
        if let opd = q.opd {
            clauses.append("m.id IN (SELECT mp.meeting_id FROM meeting_person mp JOIN person p ON p.nip = mp.nip WHERE p.opd = ? COLLATE NOCASE)")
            args.append(opd)
        }
        // Newest matches first (rowids follow meeting ids: year, then number) until the window is full, so FTS5
        // stops early instead of ranking every match; rank those, then make snippets for the few rows kept:
        // snippet() re-tokenizes its text and would cost far more than the search if run on every match.
        // Scores are rapat_bm25 (SearchRank) with the sampled IDFs. The kept rows are materialized with their
        // scores; the outer query computes no score again and walks one FTS5 cursor from the oldest kept rowid
        // (CROSS JOIN keeps it outermost): FTS5 sets a query up again for every rowid it is asked for, which
        // for a prefix means merging the doclists of every word with that prefix, 20 times over.
        // The window joins the meetings only when a filter needs them (a lookup per ranked row was a third of
        // the search); equal scores go newest meeting id first.
        args.append(max(1, q.rankWindow))
        args.append(max(1, q.limit))
        args.append(max(0, q.offset))
        let match = args[0]
        let rows = try Row.fetchAll(db, sql: """
            WITH top AS MATERIALIZED (
                SELECT id, score FROM (
                    SELECT s.rowid AS id, \(SearchRank.name)(search_index\(String(repeating: ", ?", count: idfs.count))) AS score
                    FROM search_index s\(clauses.count > 1 ? " JOIN meeting m ON m.id = s.meeting_id" : "")
                    WHERE \(clauses.joined(separator: " AND "))
                    ORDER BY s.rowid DESC
                    LIMIT ?)
                ORDER BY score, id DESC
                LIMIT ? OFFSET ?)
            SELECT s.meeting_id, s.section, s.ref, snippet(search_index, 3, '[', ']', '…', 16) AS snippet,
                   top.score AS score, m.title, m.start_at, m.time_zone
            FROM search_index s CROSS JOIN top JOIN meeting m ON m.id = s.meeting_id
            WHERE search_index MATCH ? AND s.rowid >= (SELECT min(id) FROM top) AND top.id = s.rowid
            ORDER BY top.score, top.id DESC
            """, arguments: StatementArguments(idfs.map { $0 as any DatabaseValueConvertible } + args + [match]))
        return try rows.map {
            SearchHit(meetingID: try MeetingID($0["meeting_id"] as String), title: $0["title"], start: $0["start_at"], timeZone: $0["time_zone"],
                      section: $0["section"], reference: $0["ref"], snippet: $0["snippet"], score: $0["score"])
        }
    }
}

/// Phrases' IDFs from recent searches. Counting a phrase in the sample was a fifth of a search; the counts change
/// only when the index does, and an IDF is an estimate from a sample anyway. An entry holds while this store has
/// committed nothing, the newest indexed row is the same (another process adding minutes) and for a minute at
/// most (another process editing older minutes).
final class IDFCache: Sendable {
    static let lifetime: Duration = .seconds(60)
    static let capacity = 1024

    private struct State {
        var generation = 0
        var valid: (generation: Int, newest: Int64?, sample: Int, since: ContinuousClock.Instant)?
        var values: [String: Double] = [:]
    }

    private let state = Mutex(State())

    /// Every cached IDF of `phrases` in order, or fewer when one is missing or the cache is stale; and the
    /// generation to hand back to `remember` (what is counted after a commit is not remembered as before it).
    func values(_ phrases: [String], newest: Int64?, sample: Int) -> ([Double], generation: Int) {
        state.withLock { s in
            guard let v = s.valid, v.generation == s.generation, v.newest == newest, v.sample == sample,
                  ContinuousClock.now - v.since < Self.lifetime else { return ([], s.generation) }
            return (phrases.compactMap { s.values[$0] }, s.generation)
        }
    }

    func remember(_ pairs: some Sequence<(String, Double)>, newest: Int64?, sample: Int, generation: Int) {
        state.withLock { s in
            guard generation == s.generation else { return }
            if let v = s.valid, v.generation == s.generation, v.newest == newest, v.sample == sample,
               ContinuousClock.now - v.since < Self.lifetime, s.values.count < Self.capacity {
                for (p, idf) in pairs { s.values[p] = idf }
            } else {
                s.valid = (s.generation, newest, sample, ContinuousClock.now)
                s.values = Dictionary(Array(pairs), uniquingKeysWith: { a, _ in a })
            }
        }
    }

    /// This store changed the archive: nothing cached holds.
    func invalidate() { state.withLock { $0.generation += 1 } }
}
