import Foundation
import RapatCore

/// One unfolded content line: `NAME;PARAM=VALUE:value`, with the physical line it started on.
public struct ContentLine: Sendable, Equatable {
    /// Upper-cased property name.
    public var name: String
    /// Parameters in order; names upper-cased, values unquoted.
    public var parameters: [(name: String, values: [String])]
    /// The raw value, still escaped for TEXT properties.
    public var value: String
    public var line: Int

    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.values.first
    }

    /// The value of a TEXT property with its escapes resolved.
    public var text: String { ContentLine.unescape(value) }

    public static func == (a: ContentLine, b: ContentLine) -> Bool {
        a.name == b.name && a.value == b.value && a.line == b.line
            && a.parameters.map(\.name) == b.parameters.map(\.name) && a.parameters.map(\.values) == b.parameters.map(\.values)
    }

    /// Resolves `\\`, `\;`, `\,`, `\n`/`\N` (RFC 5545 §3.3.11); an unknown escape keeps its character.
    public static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var escaping = false
        for c in s {
            if escaping {
                switch c {
                case "n", "N": out.append("\n")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// A component (VCALENDAR, VEVENT, VTIMEZONE, VALARM, …) with its properties and sub-components.
public struct ICalComponent: Sendable, Equatable {
    public var name: String
    public var properties: [ContentLine]
    public var components: [ICalComponent]
    public var line: Int

    public init(name: String, line: Int) {
        self.name = name
        self.line = line
        properties = []
        components = []
    }

    public func first(_ name: String) -> ContentLine? { properties.first { $0.name == name } }
    public func all(_ name: String) -> [ContentLine] { properties.filter { $0.name == name } }
}

/// Malformed iCalendar, with where and what.
public struct ICalError: LocatedError, Equatable, Sendable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var message: String

    public init(source: String, line: Int, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    /// `file:line: message`; line 0 means the whole file (it could not be opened or read).
    public var description: String { line > 0 ? "\(source):\(line): \(message)" : "\(source): \(message)" }
}
