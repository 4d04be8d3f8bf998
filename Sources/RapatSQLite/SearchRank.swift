import Foundation
import GRDB
import GRDBSQLite

/// `rapat_bm25(search_index, idf1, idf2, …)`: FTS5's own bm25 (k1 = 1.2, b = 0.75, every column weight 1,
/// lower is better) with each phrase's IDF given as an argument instead of computed by the function.
///
/// FTS5's bm25() computes the IDF of every phrase by visiting every row that contains it, so a word found
/// in every meeting costs a scan of the whole archive before the first row is ranked. Here the IDF comes
/// from the newest rows only (`SearchIndex.idfSample`), a bounded count whatever the archive's size; on an
/// archive no larger than the sample the two functions agree.
enum SearchRank {
    static let name = "rapat_bm25"
    static let k1 = 1.2, b = 0.75

    /// Registers the function on one connection (from `prepareDatabase`).
    static func register(_ db: Database) throws {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        guard let create = api.pointee.xCreateFunction else { throw DatabaseError(resultCode: .SQLITE_ERROR, message: "FTS5 has no xCreateFunction") }
        let code = create(api, name, nil, function, nil)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(name)") }
    }

    /// The BM25 IDF of a phrase found in `hits` of `rows` rows, clamped above zero as FTS5 clamps it.
    static func idf(hits: Int, rows: Int) -> Double {
        let idf = log((Double(rows) - Double(hits) + 0.5) / (Double(hits) + 0.5))
        return idf > 0 ? idf : 1e-6
    }

    private static let function: fts5_extension_function = { api, fts, context, count, values in
        guard let api = api?.pointee, let rowCount = api.xRowCount, let totalSize = api.xColumnTotalSize, let phraseCount = api.xPhraseCount,
              let instCount = api.xInstCount, let inst = api.xInst, let columnSize = api.xColumnSize
        else { return sqlite3_result_error(context, "rapat_bm25: incomplete FTS5 API", -1) }
        var rows: sqlite3_int64 = 0, tokens: sqlite3_int64 = 0, instances: Int32 = 0, size: Int32 = 0
        var code = rowCount(fts, &rows)
        if code == SQLITE_OK { code = totalSize(fts, -1, &tokens) }
        if code == SQLITE_OK { code = instCount(fts, &instances) }
        if code == SQLITE_OK { code = columnSize(fts, -1, &size) }
        guard code == SQLITE_OK else { return sqlite3_result_error_code(context, code) }
        let phrases = Int(phraseCount(fts))
        let averageSize = rows > 0 && tokens > 0 ? Double(tokens) / Double(rows) : 1
        let score = withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, phrases)) { freq -> Double? in
            freq.initialize(repeating: 0)
            for i in 0..<instances {
                var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
                code = inst(fts, i, &phrase, &column, &offset)
                guard code == SQLITE_OK else { return nil }
                if phrase >= 0, Int(phrase) < phrases { freq[Int(phrase)] += 1 }
            }
            let norm = k1 * (1 - b + b * Double(size) / averageSize)
            var score = 0.0
            for p in 0..<phrases where freq[p] > 0 {
                // A phrase without its argument (the caller's phrase list and FTS5's disagree) weighs 1.
                let idf = p < Int(count) ? values.map { sqlite3_value_double($0[p]) } ?? 1 : 1
                score += idf * freq[p] * (k1 + 1) / (freq[p] + norm)
            }
            return score
        }
        guard let score else { return sqlite3_result_error_code(context, code) }
        sqlite3_result_double(context, -score)
    }
}
