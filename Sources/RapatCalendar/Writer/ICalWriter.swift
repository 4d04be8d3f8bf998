import Foundation

/// Writes iCalendar content lines as bytes: CRLF endings, folding at 75 octets without splitting a
/// UTF-8 sequence, TEXT escaping and parameter quoting (RFC 5545 §3.1–3.3).
///
/// Output accumulates in `bytes`; a caller streaming a large calendar drains it with `flush(to:)`.
public struct ICalWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public static let maxOctets = 75

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// A parameter of a property, e.g. `TZID=Asia/Jakarta`; values are quoted when they hold `:;,`.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var values: [String]

        public init(_ name: String, _ values: String...) {
            self.name = name
            self.values = values
        }
    }

    /// Writes `NAME;PARAM=V:value` with `value` already in its iCalendar form (no escaping applied).
    public mutating func raw(_ name: String, _ parameters: [Parameter] = [], _ value: String) {
        var line: [UInt8] = Array(name.utf8)
        for p in parameters {
            line.append(UInt8(ascii: ";"))
            line.append(contentsOf: p.name.utf8)
            line.append(UInt8(ascii: "="))
            for (i, v) in p.values.enumerated() {
                if i > 0 { line.append(UInt8(ascii: ",")) }
                Self.appendParameterValue(v, to: &line)
            }
        }
        line.append(UInt8(ascii: ":"))
        line.append(contentsOf: value.utf8)
        appendFolded(line)
    }

    /// Writes a TEXT property, escaping `\`, `;`, `,` and newlines.
    public mutating func text(_ name: String, _ parameters: [Parameter] = [], _ value: String) {
        raw(name, parameters, Self.escapeText(value))
    }

    public mutating func begin(_ component: String) { raw("BEGIN", [], component) }
    public mutating func end(_ component: String) { raw("END", [], component) }

    /// Hands the bytes written so far to `sink` and starts afresh (keeps memory flat on large exports).
    public mutating func flush(to sink: (inout [UInt8]) throws -> Void) rethrows {
        try sink(&bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// TEXT escaping (RFC 5545 §3.3.11).
    public static func escapeText(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        var previousCR = false
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            default: out.unicodeScalars.append(scalar)
            }
            previousCR = scalar == "\r"
        }
        return out
    }

    /// Parameter values: DQUOTE-quoted when they hold `:`, `;` or `,`; a DQUOTE itself cannot appear and becomes `'`;
    /// control characters are dropped (RFC 5545 §3.1, RFC 6868 not assumed of clients).
    static func appendParameterValue(_ value: String, to line: inout [UInt8]) {
        let needsQuotes = value.utf8.contains { $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }
        if needsQuotes { line.append(0x22) }
        for b in value.utf8 where b >= 0x20 && b != 0x7F {
            line.append(b == 0x22 ? 0x27 : b)
        }
        if needsQuotes { line.append(0x22) }
    }

    /// Folds a line at 75 octets, never inside a UTF-8 sequence; continuation lines start with one space.
    mutating func appendFolded(_ line: [UInt8]) {
        var start = 0
        var limit = Self.maxOctets
        while line.count - start > limit {
            var cut = start + limit
            // Step back over continuation bytes (10xxxxxx) so a character is never split.
            while cut > start, line[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.append(contentsOf: line[start..<cut])
            bytes.append(0x0D)
            bytes.append(0x0A)
            bytes.append(0x20)
            start = cut
            limit = Self.maxOctets - 1
        }
        bytes.append(contentsOf: line[start...])
        bytes.append(0x0D)
        bytes.append(0x0A)
    }
}
