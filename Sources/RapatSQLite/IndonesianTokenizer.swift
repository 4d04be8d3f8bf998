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

    init(db: Database, arguments: [String]) throws {
        wrappedTokenizer = try db.makeTokenizer(.unicode61(diacritics: .keep))
    }

    func accept(token: String, flags: FTS5TokenFlags, for tokenization: FTS5Tokenization,
                tokenCallback: FTS5WrapperTokenCallback) throws {
        if tokenization.contains(.prefix) {
            try tokenCallback(token, flags)
        } else if tokenization.contains(.document) {
            try tokenCallback(token, flags)
            let stem = IndonesianStemmer.stem(token)
            if stem != token { try tokenCallback(stem, flags.union(.colocated)) }
        } else {
            try tokenCallback(IndonesianStemmer.stem(token), flags)
        }
    }
}
