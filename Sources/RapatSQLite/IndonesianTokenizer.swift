import GRDB
import GRDBSQLite
import RapatStore

/// The FTS5 tokenizer `indonesian`: SQLite's unicode61 word splitting and case folding (accents kept,
/// as PostgreSQL keeps them), then the Snowball Indonesian stem of every word. Documents index the
/// word and, at the same position, its stem; queries look for the stem, so `serapan` finds
/// `penyerapan`; prefix queries (`kesiap*`) look for the words as written, so they find
/// `kesiapsiagaan` even though its stem is `siapsiaga`.
///
/// Documents also index, at each word's position, the pair of its stem and the next word's (`pair`), and a
/// phrase is looked for as its pairs then its last stem: `"rumah sakit"` is the pair `rumah sakit` followed by
/// `sakit`. Matching a phrase word by word walked every row holding either word (both are in a fifth of the
/// minutes); its pair is in only the rows holding the phrase, and FTS5 then looks up the last word in those rows
/// alone. The phrase still spans as many positions as it has words, so snippets mark all of it, and the pairs,
/// at the same positions as words, change no row's length for ranking.
final class IndonesianTokenizer: FTS5CustomTokenizer {
    static let name = "indonesian"
    let wrappedTokenizer: any FTS5Tokenizer

    /// Stems of the words met so far. A tokenizer belongs to one connection, which runs one statement at a time,
    /// so no lock is needed; the same few thousand words come back in every document, every query and every
    /// snippet, and stemming one cost a fifth of a search (snippets tokenize the text of each hit again).
    private var stems: [String: String] = [:]
    static let maxStems = 50_000

    /// A pair begins with a control character no word holds (unicode61 never keeps one in a token), so no
    /// word or prefix a user types can reach a pair.
    static func pair(_ first: String, _ second: String) -> String { "\u{1}" + first + " " + second }

    /// A query string beginning with this character is one term as the index holds it, looked for as it is (no
    /// splitting, no stemming): a prefix written out as its words (`SearchIndex.prefixTerms`). A query a user types
    /// never holds a control character (`SearchQuery.tokens()` makes them spaces).
    static let exactMark: UInt8 = 0x02

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

    private struct Word {
        var text: String
        var start: CInt
        var end: CInt
    }

    /// The words unicode61 finds in the text, folded, with their byte offsets.
    private func words(_ tokenization: FTS5Tokenization, _ pText: UnsafePointer<CChar>?, _ nText: CInt) -> (CInt, [Word]) {
        var words: [Word] = []
        let code = withUnsafeMutablePointer(to: &words) { list in
            wrappedTokenizer.tokenize(context: list, tokenization: tokenization, pText: pText, nText: nText) { list, _, pToken, nToken, start, end in
                guard let list, let pToken, nToken >= 0 else { return SQLITE_OK }
                let text = pToken.withMemoryRebound(to: UInt8.self, capacity: Int(nToken)) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: Int(nToken)), as: UTF8.self)
                }
                list.assumingMemoryBound(to: [Word].self).pointee.append(Word(text: text, start: start, end: end))
                return SQLITE_OK
            }
        }
        return (code, words)
    }

    func tokenize(context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization, pText: UnsafePointer<CChar>?, nText: CInt,
                  tokenCallback: FTS5TokenCallback) -> CInt {
        if tokenization.contains(.query), let pText, nText > 1, UInt8(bitPattern: pText[0]) == Self.exactMark {
            return tokenCallback(context, 0, pText + 1, nText - 1, 1, nText)
        }
        let (code, words) = words(tokenization, pText, nText)
        guard code == SQLITE_OK else { return code }
        func emit(_ token: String, _ colocated: Bool, _ word: Word) -> CInt {
            var token = token
            return token.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) {
                    tokenCallback(context, colocated ? FTS5_TOKEN_COLOCATED : 0, $0.baseAddress, CInt($0.count), word.start, word.end)
                }
            }
        }
        if tokenization.contains(.prefix) {
            // Prefixes are of words as written; a phrase ending in one is matched word by word.
            for w in words {
                let rc = emit(w.text, false, w)
                if rc != SQLITE_OK { return rc }
            }
        } else if tokenization.contains(.document) {
            let stems = words.map { stem($0.text) }
            for (i, w) in words.enumerated() {
                var rc = emit(w.text, false, w)
                if rc == SQLITE_OK, stems[i] != w.text { rc = emit(stems[i], true, w) }
                if rc == SQLITE_OK, i + 1 < words.count { rc = emit(Self.pair(stems[i], stems[i + 1]), true, w) }
                if rc != SQLITE_OK { return rc }
            }
        } else if tokenization.contains(.query) && words.count > 1 {
            // A phrase: its pairs, then its last stem (as many positions as words).
            let stems = words.map { stem($0.text) }
            for i in 0..<stems.count {
                let rc = emit(i + 1 < stems.count ? Self.pair(stems[i], stems[i + 1]) : stems[i], false, words[i])
                if rc != SQLITE_OK { return rc }
            }
        } else {
            // A single word's stem; snippets (aux) see one stem per position, as documents number them.
            for w in words {
                let rc = emit(stem(w.text), false, w)
                if rc != SQLITE_OK { return rc }
            }
        }
        return SQLITE_OK
    }
}
