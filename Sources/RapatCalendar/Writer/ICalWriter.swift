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

    /// The line being built, reused between lines so writing allocates nothing per line.
    private var scratch: [UInt8] = []

    /// Writes `NAME;PARAM=V:value` with `value` already in its iCalendar form (no escaping applied). A control
    /// character is never written: a CR or LF in a URI or CAL-ADDRESS would start a line of the sender's choosing.
    public mutating func raw(_ name: String, _ parameters: [Parameter] = [], _ value: String) {
        startLine(name, parameters)
        Self.appendValue(value, to: &scratch)
        endLine()
    }

    /// A value as it is, but for control characters (C0 and DEL), which are dropped.
    static func appendValue(_ value: String, to line: inout [UInt8]) {
        for b in value.utf8 where b >= 0x20 && b != 0x7F { line.append(b) }
    }

    /// Writes a TEXT property, escaping `\`, `;`, `,` and newlines.
    public mutating func text(_ name: String, _ parameters: [Parameter] = [], _ value: String) {
        startLine(name, parameters)
        Self.appendEscaped(value, to: &scratch)
        endLine()
    }

    /// Writes a DATE-TIME value: the wall clock `offset` seconds from UTC, with `Z` when `utc`.
    public mutating func dateTime(_ name: String, _ parameters: [Parameter] = [], _ instant: Date, offset: Int, utc: Bool = false) {
        startLine(name, parameters)
        ICalTime.append(instant, offset: offset, utc: utc, to: &scratch)
        endLine()
    }

    /// Builds one content line by hand into reused storage, then folds it: for hot paths that would
    /// otherwise allocate parameter arrays per line.
    mutating func line(_ build: (inout [UInt8]) -> Void) {
        scratch.removeAll(keepingCapacity: true)
        build(&scratch)
        appendFolded(scratch)
    }

    private mutating func startLine(_ name: String, _ parameters: [Parameter]) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: name.utf8)
        for p in parameters {
            scratch.append(UInt8(ascii: ";"))
            scratch.append(contentsOf: p.name.utf8)
            scratch.append(UInt8(ascii: "="))
            for (i, v) in p.values.enumerated() {
                if i > 0 { scratch.append(UInt8(ascii: ",")) }
                Self.appendParameterValue(v, to: &scratch)
            }
        }
        scratch.append(UInt8(ascii: ":"))
    }

    private mutating func endLine() {
        appendFolded(scratch)
    }

    /// TEXT escaping straight into bytes (RFC 5545 §3.3.11); CRLF and lone CR become `\n` too.
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.makeContiguousUTF8()
        s.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &out) }
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // Most text has nothing to escape: copy runs between special bytes in one go.
        var runStart = 0
        var previousCR = false
        for (i, b) in bytes.enumerated() {
            guard b == 0x5C || b == 0x3B || b == 0x2C || b == 0x0D || b == 0x0A else { previousCR = false; continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            runStart = i + 1
            switch b {
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0A: if !previousCR { out.append(0x5C); out.append(UInt8(ascii: "n")) }
            default: out.append(0x5C); out.append(b)
            }
            previousCR = b == 0x0D
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
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
        var out: [UInt8] = []
        appendEscaped(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parameter values: DQUOTE-quoted when they hold `:`, `;` or `,`; a DQUOTE itself cannot appear and becomes `'`;
    /// control characters are dropped (RFC 5545 §3.1, RFC 6868 not assumed of clients).
    static func appendParameterValue(_ value: String, to line: inout [UInt8]) {
        var value = value
        value.makeContiguousUTF8()
        value.utf8.withContiguousStorageIfAvailable { bytes in
            let needsQuotes = bytes.contains { $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }
            let plain = !bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0x22 }
            if needsQuotes { line.append(0x22) }
            if plain {
                line.append(contentsOf: bytes)
            } else {
                for b in bytes where b >= 0x20 && b != 0x7F { line.append(b == 0x22 ? 0x27 : b) }
            }
            if needsQuotes { line.append(0x22) }
        }
    }

    /// Folds a line at 75 octets, never inside a UTF-8 sequence; continuation lines start with one space.
    private mutating func appendFolded(_ line: [UInt8]) {
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
