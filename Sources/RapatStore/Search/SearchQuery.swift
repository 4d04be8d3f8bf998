import Foundation
import RapatCore

/// What an archivist asks: words, "phrases", prefixes (`angg*`), AND / OR / NOT (or a leading `-`),
/// and filters.
public struct SearchQuery: Sendable, Equatable {
    public var text: String
    public var from: Date?
    public var to: Date?
    public var opd: String?
    public var person: NIP?
    public var kind: String?
    public var status: MeetingStatus?
    public var limit: Int

    public init(_ text: String, from: Date? = nil, to: Date? = nil, opd: String? = nil, person: NIP? = nil, kind: String? = nil,
                status: MeetingStatus? = nil, limit: Int = 20) {
        self.text = text
        self.from = from
        self.to = to
        self.opd = opd
        self.person = person
        self.kind = kind
        self.status = status
        self.limit = limit
    }

    /// The FTS5 MATCH expression for the user's text. Every word and phrase is quoted, so no input can
    /// make an FTS5 syntax error; what cannot be understood is refused with a message instead.
    public func matchExpression() throws(SearchError) -> String {
        enum Token: Equatable { case term(String), op(String), open, close }
        var tokens: [Token] = []
        var chars = Array(text)[...]
        func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        while let c = chars.first {
            if c.isWhitespace { chars.removeFirst(); continue }
            if c == "(" { tokens.append(.open); chars.removeFirst(); continue }
            if c == ")" { tokens.append(.close); chars.removeFirst(); continue }
            if c == "\"" || c == "“" || c == "”" {
                chars.removeFirst()
                guard let end = chars.firstIndex(where: { $0 == "\"" || $0 == "”" || $0 == "“" }) else {
                    throw .unbalancedQuote(text)
                }
                let phrase = String(chars[..<end]).trimmed
                chars = chars[chars.index(after: end)...]
                if !phrase.isEmpty { tokens.append(.term(quote(phrase))) }
                continue
            }
            var word = ""
            while let c = chars.first, !c.isWhitespace, c != "\"", c != "(", c != ")", c != "“", c != "”" {
                word.append(c)
                chars.removeFirst()
            }
            if ["AND", "OR", "NOT"].contains(word) { tokens.append(.op(word)); continue }
            var negate = false
            if word.hasPrefix("-") { negate = true; word.removeFirst() }
            let isPrefix = word.hasSuffix("*")
            let bare = word.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" }
            guard !bare.isEmpty else { continue }  // lone punctuation carries nothing to search for
            if negate { tokens.append(.op("NOT")) }
            tokens.append(.term(quote(bare) + (isPrefix ? "*" : "")))
        }
        // Check the shape: operators need terms on both sides, parentheses balance.
        var out: [String] = []
        var depth = 0
        var expectTerm = true
        for (i, t) in tokens.enumerated() {
            switch t {
            case let .term(s):
                if !expectTerm { out.append("AND") }
                out.append(s)
                expectTerm = false
            case let .op(o):
                if expectTerm {
                    throw o == "NOT" && i == 0 ? .nothingToExclude(text) : .misplacedOperator(o, text)
                }
                out.append(o)
                expectTerm = true
            case .open:
                if !expectTerm { out.append("AND") }
                out.append("(")
                depth += 1
                expectTerm = true
            case .close:
                guard depth > 0, !expectTerm else { throw .unbalancedParenthesis(text) }
                out.append(")")
                depth -= 1
            }
        }
        guard depth == 0 else { throw .unbalancedParenthesis(text) }
        guard !out.isEmpty else { throw .empty }
        guard !expectTerm else { throw .misplacedOperator(out.last ?? "", text) }
        return out.joined(separator: " ")
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
}

public enum SearchError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case unbalancedQuote(String)
    case unbalancedParenthesis(String)
    case nothingToExclude(String)
    case misplacedOperator(String, String)

    public var description: String {
        switch self {
        case .empty: return "the search has no words: give at least one word, e.g. rapat search anggaran"
        case let .unbalancedQuote(q): return "the search '\(q)' opens a quote it never closes: close the phrase with \""
        case let .unbalancedParenthesis(q): return "the search '\(q)' has unbalanced parentheses"
        case let .nothingToExclude(q): return "the search '\(q)' only excludes words: say what to find as well, e.g. anggaran -dinkes"
        case let .misplacedOperator(o, q): return "'\(o)' in the search '\(q)' needs words on both sides"
        }
    }
}
