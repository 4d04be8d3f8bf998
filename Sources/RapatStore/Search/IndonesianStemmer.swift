/// The Snowball Indonesian stemmer (Tala's "Porter stemmer for Bahasa Indonesia"), the algorithm behind
/// PostgreSQL's `indonesian` text search configuration, so both backends find the same words:
/// `penyerapan`, `menyerap` and `serapan` all stem to `serap`.
///
/// Works on lower-case words; vowels are a, e, i, o, u.
public enum IndonesianStemmer {
    public static func stem(_ word: String) -> String {
        var w = Array(word.unicodeScalars)
        var measure = w.filter(isVowel).count
        guard measure > 2 else { return word }
        var prefix = 0  // 1 di-/meng-/ter-, 2 per-, 3 ke-/peng-, 4 ber-
        func result() -> String { String(String.UnicodeScalarView(w)) }

        // Inflectional suffixes: a particle, then a possessive pronoun.
        if let n = ["kah", "lah", "pun"].first(where: { w.hasSuffix($0) }) {
            w.removeLast(n.count)
            measure -= 1
        }
        guard measure > 2 else { return result() }
        if let n = ["nya", "ku", "mu"].first(where: { w.hasSuffix($0) }) {
            w.removeLast(n.count)
            measure -= 1
        }
        guard measure > 2 else { return result() }

        if let cursor = removeFirstOrderPrefix(&w, prefix: &prefix, measure: &measure) {
            // After a first-order prefix, a second-order one goes only when a suffix went too.
            if measure > 2, removeSuffix(&w, limit: cursor, prefix: prefix, measure: &measure), measure > 2 {
                removeSecondOrderPrefix(&w, at: cursor, prefix: &prefix, measure: &measure)
            }
        } else {
            removeSecondOrderPrefix(&w, at: 0, prefix: &prefix, measure: &measure)
            if measure > 2 { removeSuffix(&w, limit: 0, prefix: prefix, measure: &measure) }
        }
        return result()
    }

    static func isVowel(_ c: Unicode.Scalar) -> Bool { c == "a" || c == "e" || c == "i" || c == "o" || c == "u" }

    /// Derivational suffix, never reaching before `limit`: -kan (not after ke-/peng-/per-; then -an is
    /// tried), -an (not after di-/meng-/ter-), -i (not after ber-/ke-/peng- and not after an s).
    @discardableResult
    static func removeSuffix(_ w: inout [Unicode.Scalar], limit: Int, prefix: Int, measure: inout Int) -> Bool {
        var length = 0
        if w.count - 3 >= limit, w.hasSuffix("kan"), prefix != 3, prefix != 2 {
            length = 3
        } else if w.count - 2 >= limit, w.hasSuffix("an"), prefix != 1 {
            length = 2
        } else if w.count - 1 >= limit, w.hasSuffix("i"), prefix <= 2 {
            let before = w.count - 2
            if !(before >= limit && w[before] == "s") { length = 1 }
        }
        guard length > 0 else { return false }
        w.removeLast(length)
        measure -= 1
        return true
    }

    /// di-, ke-, me-/meng-/men-/meny-/mem-, pe-ng/pen/peny/pem, ter-. Returns the position right after
    /// what replaced the prefix (meny- → s, mem- before a vowel → p), or nil when there was none.
    static func removeFirstOrderPrefix(_ w: inout [Unicode.Scalar], prefix: inout Int, measure: inout Int) -> Int? {
        let candidates = ["meng", "meny", "peng", "peny", "mem", "men", "pem", "pen", "ter", "di", "ke", "me"]
        for p in candidates where w.hasPrefix(p) {
            let n = p.unicodeScalars.count
            let vowelNext = n < w.count && isVowel(w[n])
            switch p {
            case "meny", "peny":
                guard vowelNext else { continue }  // falls back to men-/pen-
                prefix = p == "meny" ? 1 : 3
                w.replaceSubrange(0..<n, with: ["s"])
                measure -= 1
                return 1
            case "mem", "pem":
                prefix = p == "mem" ? 1 : 3
                measure -= 1
                if vowelNext {
                    w.replaceSubrange(0..<n, with: ["p"])
                    return 1
                }
                w.removeFirst(n)
                return 0
            default:
                prefix = ["ke", "peng", "pen"].contains(p) ? 3 : 1
                w.removeFirst(n)
                measure -= 1
                return 0
            }
        }
        return nil
    }

    /// At `start`: per-/pe- (prefix 2), ber- and be- before consonant + "er" (prefix 4), and
    /// pelajar/belajar, which become "ajar".
    static func removeSecondOrderPrefix(_ w: inout [Unicode.Scalar], at start: Int, prefix: inout Int, measure: inout Int) {
        guard start <= w.count else { return }
        let rest = Array(w[start...])
        let ajar = Array("ajar".unicodeScalars)
        if rest.hasPrefix("belajar") || rest.hasPrefix("pelajar") {
            if rest[0] == "b" { prefix = 4 }
            w.replaceSubrange(start..<(start + 7), with: ajar)
            measure -= 1
            return
        }
        var remove = 0
        if rest.hasPrefix("ber") {
            remove = 3
            prefix = 4
        } else if rest.hasPrefix("per") {
            remove = 3
            prefix = 2
        } else if rest.hasPrefix("be"), rest.count >= 5, !isVowel(rest[2]), rest[3] == "e", rest[4] == "r" {
            remove = 2
            prefix = 4
        } else if rest.hasPrefix("pe") {
            remove = 2
            prefix = 2
        }
        guard remove > 0 else { return }
        w.removeSubrange(start..<(start + remove))
        measure -= 1
    }
}

extension Array where Element == Unicode.Scalar {
    func hasSuffix(_ s: String) -> Bool {
        let t = Array(s.unicodeScalars)
        return count >= t.count && Array(self[(count - t.count)...]) == t
    }

    func hasPrefix(_ s: String) -> Bool {
        let t = Array(s.unicodeScalars)
        return count >= t.count && Array(self[..<t.count]) == t
    }
}
