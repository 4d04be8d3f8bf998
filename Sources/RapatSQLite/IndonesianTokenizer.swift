import GRDB
import RapatStore

/// The FTS5 tokenizer `indonesian`: SQLite's unicode61 word splitting and case folding (accents kept,
/// as PostgreSQL keeps them), then the Snowball Indonesian stem of every word. Documents index the
/// word and, at the same position, its stem; queries look for the stem, so `serapan` finds
/// `penyerapan`; prefix queries (`kesiap*`) look for the words as written, so they find
/// `kesiapsiagaan` even though its stem is `siapsiaga`.
final class IndonesianTokenizer: FTS5WrapperTokenizer {
    static let name = "indonesian"
    let wrappedTokenizer: any FTS5Tokenizer

    /// Stems of the words met so far. A tokenizer belongs to one connection, which runs one statement at a time,
    /// so no lock is needed; the same few thousand words come back in every document, every query and every
    /// snippet, and stemming one cost a fifth of a search (snippets tokenize the text of each hit again).
    private var stems: [String: String] = [:]
    static let maxStems = 50_000

    init(db: Database, arguments: [String]) throws {
        wrappedTokenizer = try db.makeTokenizer(.unicode61(diacritics: .keep))
    }

    func stem(_ token: String) -> String {
        if let known = stems[token] { return known }
        let stem = IndonesianStemmer.stem(token)
        if stems.count >= Self.maxStems { stems.removeAll(keepingCapacity: true) }
        stems[token] = stem
        return stem
    }

    func accept(token: String, flags: FTS5TokenFlags, for tokenization: FTS5Tokenization,
                tokenCallback: FTS5WrapperTokenCallback) throws {
        if tokenization.contains(.prefix) {
            try tokenCallback(token, flags)
        } else if tokenization.contains(.document) {
            try tokenCallback(token, flags)
            let stem = stem(token)
            if stem != token { try tokenCallback(stem, flags.union(.colocated)) }
        } else {
            try tokenCallback(stem(token), flags)
        }
    }
}
