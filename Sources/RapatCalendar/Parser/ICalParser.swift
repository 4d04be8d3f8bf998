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
    private var lineStart = true
    private var nestedCalendars = 0

    public init(source: String) { self.source = source }

    /// Feeds a chunk of the file; `emit` receives every finished child of VCALENDAR.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, emit: (ICalComponent) throws -> Void) throws {
        try feed(chunk) { c, _ in try emit(c) }
    }

    /// Feeds a chunk of the file; `emit` receives every finished child of VCALENDAR with the calendar's
    /// properties read so far (all of them, since RFC 5545 puts them before the first component).
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, emit: (ICalComponent, [ContentLine]) throws -> Void) throws {
        guard let base = chunk.baseAddress else { return }
        let n = chunk.count
        var i = 0
        while i < n {
            if lineStart {
                lineStart = false
                physicalLine += 1
                if chunk[i] == 0x20 || chunk[i] == 0x09 {
                    // A fold: the logical line continues; the single whitespace is dropped.
                    guard !pending.isEmpty else {
                        throw ICalError(source: source, line: physicalLine, .orphanContinuation)
                    }
                    i += 1
                    continue
                }
                try finishLine(emit: emit)
                pendingLine = physicalLine
            }
            // Copy the run up to the next LF in one go.
            let end = memchr(base + i, 0x0A, n - i).map { $0.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base) } ?? n
            if end > i { pending.append(contentsOf: UnsafeBufferPointer(start: base + i, count: end - i)) }
            if pending.count > maxLineBytes {
                throw ICalError(source: source, line: pendingLine, .lineTooLong(kib: maxLineBytes / 1024))
            }
            if end < n {
                if pending.last == 0x0D { pending.removeLast() }  // CRLF; a lone CR elsewhere stays data
                lineStart = true
                i = end + 1
            } else {
                i = n
            }
        }
    }

    public mutating func feed(_ data: Data, emit: (ICalComponent) throws -> Void) throws {
        try data.withUnsafeBytes { raw in try feed(raw.bindMemory(to: UInt8.self)) { c, _ in try emit(c) } }
    }

    public mutating func feed(_ data: Data, emit: (ICalComponent, [ContentLine]) throws -> Void) throws {
        try data.withUnsafeBytes { raw in try feed(raw.bindMemory(to: UInt8.self), emit: emit) }
    }

    /// Ends the input: the last line is processed and every component must be closed.
    public mutating func finish(emit: (ICalComponent) throws -> Void) throws {
        try finish { c, _ in try emit(c) }
    }

    public mutating func finish(emit: (ICalComponent, [ContentLine]) throws -> Void) throws {
        if pending.last == 0x0D { pending.removeLast() }
        if !pending.isEmpty { try finishLine(emit: emit) }
        if let open = stack.last {
            throw ICalError(source: source, line: physicalLine, .missingEnd(open.name, beginLine: open.line))
        }
        if calendars == 0 {
            throw ICalError(source: source, line: max(1, physicalLine), .notICalendar)
        }
    }

    private mutating func finishLine(emit: (ICalComponent, [ContentLine]) throws -> Void) throws {
        defer { pending.removeAll(keepingCapacity: true) }
        // A UTF-8 byte order mark some Windows clients write before the first line.
        if pendingLine == 1, pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
        if pending.isEmpty { return }
        let line = try pending.withUnsafeBufferPointer { try Self.parse($0, line: pendingLine, source: source) }
        switch line.name {
        case "BEGIN":
            let name = line.value.uppercased()
            if name == "VCALENDAR", stack.count == 1 {
                // A calendar pasted inside another (some exporters merge files so): its events are the outer one's.
                nestedCalendars += 1
                return
            }
            if stack.isEmpty {
                guard name == "VCALENDAR" else {
                    throw ICalError(source: source, line: pendingLine, .expectedCalendar(found: line.value))
                }
                calendars += 1
            }
            guard stack.count < maxDepth else {
                throw ICalError(source: source, line: pendingLine, .nestedTooDeep(maxDepth))
            }
            stack.append(ICalComponent(name: name, line: pendingLine))
        case "END":
            let name = line.value.uppercased()
            if name == "VCALENDAR", stack.count == 1, nestedCalendars > 0 {
                nestedCalendars -= 1
                return
            }
            guard let open = stack.popLast() else {
                throw ICalError(source: source, line: pendingLine, .endWithoutBegin(line.value))
            }
            guard open.name == name else {
                throw ICalError(source: source, line: pendingLine, .endMismatch(line.value, begin: open.name, beginLine: open.line))
            }
            if stack.count == 1 {
                try emit(open, calendarProperties)
            } else if !stack.isEmpty {
                stack[stack.count - 1].components.append(open)
            }
        default:
            guard !stack.isEmpty else {
                throw ICalError(source: source, line: pendingLine, .outsideCalendar(line.name))
            }
            if stack.count == 1 {
                calendarProperties.append(line)
            } else {
                stack[stack.count - 1].properties.append(line)
            }
        }
    }

    /// Splits one logical line into name, parameters and value (RFC 5545 §3.1), working on bytes:
    /// every delimiter is ASCII, so only the pieces become Strings.
    static func parse(_ b: UnsafeBufferPointer<UInt8>, line: Int, source: String) throws -> ContentLine {
        guard isValidUTF8(b) else { throw ICalError(source: source, line: line, .invalidUTF8) }
        func isNameByte(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D
        }
        func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
        func upper(_ r: Range<Int>) -> String {
            for i in r where b[i] >= 0x61 && b[i] <= 0x7A { return string(r).uppercased() }
            return string(r)
        }
        let n = b.count
        var i = 0
        while i < n, isNameByte(b[i]) { i += 1 }
        guard i > 0 else {
            throw ICalError(source: source, line: line, .expectedPropertyName(found: string(0..<min(n, 40))))
        }
        let name = upper(0..<i)
        var parameters: [(name: String, values: [String])] = []
        while i < n, b[i] == 0x3B {
            i += 1
            let nameStart = i
            while i < n, isNameByte(b[i]) { i += 1 }
            guard i > nameStart, i < n, b[i] == 0x3D else {
                throw ICalError(source: source, line: line, .malformedParameter(property: name))
            }
            let pname = upper(nameStart..<i)
            i += 1
            var values: [String] = []
            while true {
                if i < n, b[i] == 0x22 {
                    let start = i + 1
                    i = start
                    while i < n, b[i] != 0x22 { i += 1 }
                    guard i < n else { throw ICalError(source: source, line: line, .unclosedQuote(parameter: pname, property: name)) }
                    values.append(string(start..<i))
                    i += 1
                } else {
                    let start = i
                    while i < n, b[i] != 0x2C, b[i] != 0x3B, b[i] != 0x3A { i += 1 }
                    values.append(string(start..<i))
                }
                if i < n, b[i] == 0x2C { i += 1; continue }
                break
            }
            parameters.append((pname, values))
        }
        guard i < n, b[i] == 0x3A else {
            throw ICalError(source: source, line: line, .noColon(property: name))
        }
        return ContentLine(name: name, parameters: parameters, value: string((i + 1)..<n), line: line)
    }

    /// UTF-8 validity with an ASCII fast path; overlong forms and surrogates are refused.
    static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need: Int, minimum: UInt32, value: UInt32
            switch c {
            case 0xC2...0xDF: need = 1; minimum = 0x80; value = UInt32(c & 0x1F)
            case 0xE0...0xEF: need = 2; minimum = 0x800; value = UInt32(c & 0x0F)
            case 0xF0...0xF4: need = 3; minimum = 0x10000; value = UInt32(c & 0x07)
            default: return false
            }
            guard i + need < n else { return false }
            for k in 1...need {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return false }
                value = value << 6 | UInt32(cc & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return false }
            i += need + 1
        }
        return true
    }

    /// Parses one logical line given as text (tests and tools).
    static func parse(_ text: String, line: Int, source: String) throws -> ContentLine {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { try parse(UnsafeBufferPointer($0), line: line, source: source) }
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
