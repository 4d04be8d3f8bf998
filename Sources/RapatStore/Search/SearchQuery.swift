import Foundation
import RapatCore

/// What an archivist asks: words, "phrases", prefixes (`angg*`), AND / OR / NOT (or a leading `-`),
/// and filters.
public struct SearchQuery: Sendable, Equatable {
    public var text: String
    public var from: Date?
    public var to: Date?
    public var opd: String?
    public var person: PersonID?
    public var kind: String?
    public var status: MeetingStatus?
    /// Only meetings whose minutes are approved (what an archivist may read).
    public var approvedOnly = false
    public var limit: Int
    /// Hits skipped before the first returned, in rank order (a results page); at most the rank window.
    public var offset: Int
    /// How many of the most recent matching sections are ranked. Up to this many matches the ranking is
    /// exact; beyond it the hits are the best of the most recent ones, so a word found in every meeting of
    /// a decade costs what it costs in a year. Narrow older searches with `from`/`to`.
    public var rankWindow: Int

    /// Every field, the text last (it may hold any character): equal keys are equal queries.
    public var cacheKey: String {
        let fields: [String] = [from.map { "\($0.timeIntervalSince1970)" } ?? "-", to.map { "\($0.timeIntervalSince1970)" } ?? "-",
                                opd.map { "\($0.utf8.count):\($0)" } ?? "-", person?.key ?? "-", kind.map { "\($0.utf8.count):\($0)" } ?? "-",
                                status?.rawValue ?? "-", "\(approvedOnly)", "\(limit)", "\(offset)", "\(rankWindow)"]
        return fields.joined(separator: "|") + "|" + text
    }

    public static let defaultRankWindow = 2000

    public init(_ text: String, from: Date? = nil, to: Date? = nil, opd: String? = nil, person: PersonID? = nil, kind: String? = nil,
                status: MeetingStatus? = nil, limit: Int = 20, offset: Int = 0, rankWindow: Int = SearchQuery.defaultRankWindow) {
        self.text = text
        self.from = from
        self.to = to
        self.opd = opd
        self.person = person
        self.kind = kind
        self.status = status
        self.limit = limit
        self.offset = offset
        self.rankWindow = rankWindow
    }

    /// One piece of a parsed query.
    public enum Token: Equatable, Sendable {
        /// A word as typed (letters, digits, '-' and '\''), searched by its stem unless `prefix`.
        case term(String, prefix: Bool)
        case phrase(String)
        /// AND, OR or NOT.
        case op(String)
        case open, close
    }

    /// The query checked and split into terms, phrases and operators, with implicit ANDs made explicit.
    /// What cannot be understood is refused with a message, so no backend ever sees a syntax error.
    public func tokens() throws(SearchError) -> [Token] {
        guard text.unicodeScalars.count <= Self.maxLength else { throw .tooComplex(Self.maxLength, Self.maxTerms, Self.maxDepth) }
        var raw: [Token] = []
        // Control characters (a NUL ends FTS5's reading of the expression) separate words like spaces.
        var visible = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { visible.append(scalar.properties.generalCategory == .control ? " " : scalar) }
        var chars = Array(String(visible))[...]
        while let c = chars.first {
            if c.isWhitespace { chars.removeFirst(); continue }
            if c == "(" { raw.append(.open); chars.removeFirst(); continue }
            if c == ")" { raw.append(.close); chars.removeFirst(); continue }
            if c == "\"" || c == "“" || c == "”" {
                chars.removeFirst()
                guard let end = chars.firstIndex(where: { $0 == "\"" || $0 == "”" || $0 == "“" }) else {
                    throw .unbalancedQuote(text)
                }
                let phrase = String(chars[..<end]).trimmed
                chars = chars[chars.index(after: end)...]
                if phrase.contains(where: { $0.isLetter || $0.isNumber }) { raw.append(.phrase(phrase)) }
                continue
            }
            var word = ""
            while let c = chars.first, !c.isWhitespace, c != "\"", c != "(", c != ")", c != "“", c != "”" {
                word.append(c)
                chars.removeFirst()
            }
            if ["AND", "OR", "NOT"].contains(word) { raw.append(.op(word)); continue }
            var negate = false
            if word.hasPrefix("-") { negate = true; word.removeFirst() }
            let isPrefix = word.hasSuffix("*")
            let bare = word.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" }
            guard bare.contains(where: { $0.isLetter || $0.isNumber }) else { continue }  // punctuation alone carries nothing to search for
            if negate { raw.append(.op("NOT")) }
            raw.append(.term(bare, prefix: isPrefix))
        }
        // Check the shape: operators need terms on both sides, parentheses balance.
        var out: [Token] = []
        var depth = 0
        var expectTerm = true
        for (i, t) in raw.enumerated() {
            switch t {
            case .term, .phrase:
                if !expectTerm { out.append(.op("AND")) }
                out.append(t)
                expectTerm = false
            case let .op(o):
                if expectTerm {
                    throw o == "NOT" && i == 0 ? .nothingToExclude(text) : .misplacedOperator(o, text)
                }
                out.append(t)
                expectTerm = true
            case .open:
                if !expectTerm { out.append(.op("AND")) }
                out.append(t)
                depth += 1
                guard depth <= Self.maxDepth else { throw .tooComplex(Self.maxLength, Self.maxTerms, Self.maxDepth) }
                expectTerm = true
            case .close:
                guard depth > 0, !expectTerm else { throw .unbalancedParenthesis(text) }
                out.append(t)
                depth -= 1
            }
        }
        guard depth == 0 else { throw .unbalancedParenthesis(text) }
        guard !out.isEmpty else { throw .empty }
        guard out.filter(\.isPhrase).count <= Self.maxTerms else { throw .tooComplex(Self.maxLength, Self.maxTerms, Self.maxDepth) }
        if expectTerm, case let .op(o)? = out.last { throw .misplacedOperator(o, text) }
        return out
    }

    /// Bounds of a query a person types: longer or deeper ones are refused before any backend sees them.
    public static let maxLength = 1000, maxTerms = 32, maxDepth = 8

    /// The FTS5 MATCH expression: every word and phrase quoted, so no input can make an FTS5 syntax error.
    public func matchExpression() throws(SearchError) -> String {
        try tokens().map(\.fts5).joined(separator: " ")
    }

    /// Each word and phrase of the MATCH expression on its own, in FTS5's numbering of phrases.
    public func phraseExpressions() throws(SearchError) -> [String] {
        try tokens().filter(\.isPhrase).map(\.fts5)
    }
}

extension SearchQuery.Token {
    public var isPhrase: Bool {
        switch self {
        case .term, .phrase: true
        case .op, .open, .close: false
        }
    }

    public var fts5: String {
        // Doubled scalar by scalar: a quote joined to a combining mark is one Character, which a Character-level
        // replacement misses, but FTS5 reads bytes (found by fuzzing: `"` + U+05A3 broke the expression).
        func quote(_ s: String) -> String {
            var out = String.UnicodeScalarView()
            out.append("\"")
            for u in s.unicodeScalars {
                out.append(u)
                if u == "\"" { out.append("\"") }
            }
            out.append("\"")
            return String(out)
        }
        switch self {
        case let .term(w, prefix): return quote(w) + (prefix ? "*" : "")
        case let .phrase(p): return quote(p)
        case let .op(o): return o
        case .open: return "("
        case .close: return ")"
        }
    }
}

/// One place a query matched.
public struct SearchHit: Sendable, Equatable, Codable {
    public var meetingID: MeetingID
    public var title: String
    public var start: Date
    public var timeZone: String
    /// judul, acara, pembahasan, keputusan, tindak-lanjut.
    public var section: String
    /// Agenda position or decision/action number within the meeting.
    public var reference: String?
    /// The matched text with the match between `[` and `]`.
    public var snippet: String
    /// BM25 relevance; lower is better (SQLite's convention).
    public var score: Double

    public init(meetingID: MeetingID, title: String, start: Date, timeZone: String, section: String, reference: String?, snippet: String, score: Double) {
        self.meetingID = meetingID
        self.title = title
        self.start = start
        self.timeZone = timeZone
        self.section = section
        self.reference = reference
        self.snippet = snippet
        self.score = score
    }
}

public enum SearchError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case unbalancedQuote(String)
    case unbalancedParenthesis(String)
    case nothingToExclude(String)
    case misplacedOperator(String, String)
    case tooComplex(Int, Int, Int)

    public var description: String {
        switch self {
        case .empty: return "the search has no words: give at least one word, e.g. rapat search anggaran"
        case let .unbalancedQuote(q): return "the search '\(q)' opens a quote it never closes: close the phrase with \""
        case let .unbalancedParenthesis(q): return "the search '\(q)' has unbalanced parentheses"
        case let .nothingToExclude(q): return "the search '\(q)' only excludes words: say what to find as well, e.g. anggaran -dinkes"
        case let .misplacedOperator(o, q): return "'\(o)' in the search '\(q)' needs words on both sides"
        case let .tooComplex(length, terms, depth):
            return "the search is too long: at most \(length) characters, \(terms) words or phrases and \(depth) levels of parentheses"
        }
    }
}
