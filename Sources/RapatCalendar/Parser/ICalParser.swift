import Foundation

/// A streaming iCalendar reader: bytes in, components out.
///
/// Unfolding happens on bytes before UTF-8 decoding, so a client that folded inside a multibyte
/// character still reads correctly. Each direct child of VCALENDAR (VEVENT, VTIMEZONE, …) is handed to
/// the caller as soon as it ends, so memory stays bounded by the largest component, not the file.
public struct ICalParser {
    public var source: String
    /// Longest logical (unfolded) line accepted.
    public var maxLineBytes = 256 * 1024
    /// Deepest component nesting accepted (VCALENDAR › VEVENT › VALARM is 3).
    public var maxDepth = 8

    /// Properties of the VCALENDAR itself (METHOD, X-WR-TIMEZONE, …), complete once parsing ends.
    public private(set) var calendarProperties: [ContentLine] = []
    public private(set) var calendars = 0

    private var pending: [UInt8] = []
    private var pendingLine = 0
    private var physicalLine = 0
    private var stack: [ICalComponent] = []
    private var sawCR = false
    private var lineStart = true

    public init(source: String) { self.source = source }

    /// Feeds a chunk of the file; `emit` receives every finished child of VCALENDAR.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, emit: (ICalComponent) throws -> Void) throws {
        for b in chunk {
            if lineStart {
                lineStart = false
                physicalLine += 1
                if b == 0x20 || b == 0x09 {
                    // A fold: the logical line continues; the single whitespace is dropped.
                    guard !pending.isEmpty else {
                        throw ICalError(source: source, line: physicalLine, message: "a continuation line (starting with a space) has no line to continue")
                    }
                    continue
                }
                try finishLine(emit: emit)
                pendingLine = physicalLine
            }
            if sawCR {
                sawCR = false
                if b != 0x0A { pending.append(0x0D) }  // a lone CR is data, not a line break
            }
            switch b {
            case 0x0A:
                lineStart = true
            case 0x0D:
                sawCR = true
            default:
                pending.append(b)
                if pending.count > maxLineBytes {
                    throw ICalError(source: source, line: pendingLine, message: "line is longer than \(maxLineBytes / 1024) KiB")
                }
            }
        }
    }

    public mutating func feed(_ data: Data, emit: (ICalComponent) throws -> Void) throws {
        try data.withUnsafeBytes { raw in try feed(raw.bindMemory(to: UInt8.self), emit: emit) }
    }

    /// Ends the input: the last line is processed and every component must be closed.
    public mutating func finish(emit: (ICalComponent) throws -> Void) throws {
        if !pending.isEmpty { try finishLine(emit: emit) }
        if let open = stack.last {
            throw ICalError(source: source, line: physicalLine, message: "END:\(open.name) is missing (BEGIN:\(open.name) at line \(open.line))")
        }
        if calendars == 0 {
            throw ICalError(source: source, line: max(1, physicalLine), message: "no BEGIN:VCALENDAR found: this is not an iCalendar file")
        }
    }

    private mutating func finishLine(emit: (ICalComponent) throws -> Void) throws {
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.isEmpty { return }
        guard let text = String(validating: pending, as: UTF8.self) else {
            throw ICalError(source: source, line: pendingLine, message: "invalid UTF-8")
        }
        let line = try Self.parse(text, line: pendingLine, source: source)
        switch line.name {
        case "BEGIN":
            let name = line.value.uppercased()
            if stack.isEmpty {
                guard name == "VCALENDAR" else {
                    throw ICalError(source: source, line: pendingLine, message: "expected BEGIN:VCALENDAR, found BEGIN:\(line.value)")
                }
                calendars += 1
            }
            guard stack.count < maxDepth else {
                throw ICalError(source: source, line: pendingLine, message: "components nested deeper than \(maxDepth)")
            }
            stack.append(ICalComponent(name: name, line: pendingLine))
        case "END":
            let name = line.value.uppercased()
            guard let open = stack.popLast() else {
                throw ICalError(source: source, line: pendingLine, message: "END:\(line.value) without a matching BEGIN")
            }
            guard open.name == name else {
                throw ICalError(source: source, line: pendingLine, message: "END:\(line.value) closes BEGIN:\(open.name) of line \(open.line)")
            }
            if stack.count == 1 {
                try emit(open)
            } else if !stack.isEmpty {
                stack[stack.count - 1].components.append(open)
            }
        default:
            guard !stack.isEmpty else {
                throw ICalError(source: source, line: pendingLine, message: "\(line.name) outside BEGIN:VCALENDAR … END:VCALENDAR")
            }
            if stack.count == 1 {
                calendarProperties.append(line)
            } else {
                stack[stack.count - 1].properties.append(line)
            }
        }
    }

    /// Splits one logical line into name, parameters and value (RFC 5545 §3.1).
    static func parse(_ text: String, line: Int, source: String) throws -> ContentLine {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-"
        }
        while i < scalars.count, isNameChar(scalars[i]) { i += 1 }
        guard i > 0 else { throw ICalError(source: source, line: line, message: "expected a property name, found '\(text.prefix(40))'") }
        let name = String(String.UnicodeScalarView(scalars[0..<i])).uppercased()
        var parameters: [(String, [String])] = []
        while i < scalars.count, scalars[i] == ";" {
            i += 1
            let nameStart = i
            while i < scalars.count, isNameChar(scalars[i]) { i += 1 }
            guard i > nameStart, i < scalars.count, scalars[i] == "=" else {
                throw ICalError(source: source, line: line, message: "malformed parameter in \(name): expected NAME=value")
            }
            let pname = String(String.UnicodeScalarView(scalars[nameStart..<i])).uppercased()
            i += 1
            var values: [String] = []
            while true {
                var value = String.UnicodeScalarView()
                if i < scalars.count, scalars[i] == "\"" {
                    i += 1
                    while i < scalars.count, scalars[i] != "\"" { value.append(scalars[i]); i += 1 }
                    guard i < scalars.count else { throw ICalError(source: source, line: line, message: "unclosed quote in parameter \(pname) of \(name)") }
                    i += 1
                } else {
                    while i < scalars.count, scalars[i] != ",", scalars[i] != ";", scalars[i] != ":" { value.append(scalars[i]); i += 1 }
                }
                values.append(String(value))
                if i < scalars.count, scalars[i] == "," { i += 1; continue }
                break
            }
            parameters.append((pname, values))
        }
        guard i < scalars.count, scalars[i] == ":" else {
            throw ICalError(source: source, line: line, message: "\(name) has no ':' before its value")
        }
        let value = String(String.UnicodeScalarView(scalars[(i + 1)...]))
        return ContentLine(name: name, parameters: parameters, value: value, line: line)
    }

    /// Parses a whole file held in memory; fine for invitations, use `feed` for large feeds.
    public static func parse(_ data: Data, source: String) throws -> (calendar: [ContentLine], components: [ICalComponent]) {
        var parser = ICalParser(source: source)
        var components: [ICalComponent] = []
        try parser.feed(data) { components.append($0) }
        try parser.finish { components.append($0) }
        return (parser.calendarProperties, components)
    }
}
