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
    public var problem: Problem

    public init(source: String, line: Int, _ problem: Problem) {
        self.source = source
        self.line = line
        self.problem = problem
    }

    /// What is wrong, in English (a face says it in its user's language from `problem`).
    public var message: String { problem.description }

    /// `file:line: message`; line 0 means the whole file (it could not be opened or read).
    public var description: String { line > 0 ? "\(source):\(line): \(message)" : "\(source): \(message)" }

    /// Everything a calendar file can get wrong, each with what it names.
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        case orphanContinuation
        case lineTooLong(kib: Int)
        case missingEnd(String, beginLine: Int)
        case notICalendar
        case expectedCalendar(found: String)
        case nestedTooDeep(Int)
        case endWithoutBegin(String)
        case endMismatch(String, begin: String, beginLine: Int)
        case outsideCalendar(String)
        case invalidUTF8
        case expectedPropertyName(found: String)
        case malformedParameter(property: String)
        case unclosedQuote(parameter: String, property: String)
        case noColon(property: String)
        case unknownTimeZone(String)
        case badDate(String, property: String)
        case badDateValue(String, property: String)
        case badDateTime(String, property: String)
        case badRecurrenceID(String)
        case noStart
        case badDuration(String)
        /// The file could not be opened or read (the system's reason, when it gave one).
        case unreadableFile(reason: String?)
        /// A value Rapat's own rules refuse (a recurrence rule, an agenda item, a meeting's fields): the error says why.
        case refused(any Error & Sendable)

        public var description: String {
            switch self {
            case .orphanContinuation: return "a continuation line (starting with a space) has no line to continue"
            case let .lineTooLong(kib): return "line is longer than \(kib) KiB"
            case let .missingEnd(name, line): return "END:\(name) is missing (BEGIN:\(name) at line \(line))"
            case .notICalendar: return "no BEGIN:VCALENDAR found: this is not an iCalendar file"
            case let .expectedCalendar(found): return "expected BEGIN:VCALENDAR, found BEGIN:\(found)"
            case let .nestedTooDeep(depth): return "components nested deeper than \(depth)"
            case let .endWithoutBegin(name): return "END:\(name) without a matching BEGIN"
            case let .endMismatch(name, begin, line): return "END:\(name) closes BEGIN:\(begin) of line \(line)"
            case let .outsideCalendar(name): return "\(name) outside BEGIN:VCALENDAR … END:VCALENDAR"
            case .invalidUTF8: return "invalid UTF-8"
            case let .expectedPropertyName(found): return "expected a property name, found '\(found)'"
            case let .malformedParameter(name): return "malformed parameter in \(name): expected NAME=value"
            case let .unclosedQuote(parameter, name): return "unclosed quote in parameter \(parameter) of \(name)"
            case let .noColon(name): return "\(name) has no ':' before its value"
            case let .unknownTimeZone(tzid):
                return "unknown time zone '\(tzid)' and no VTIMEZONE for it in the file: give an IANA name such as Asia/Jakarta or include its VTIMEZONE"
            case let .badDate(v, name): return "bad date '\(v)' in \(name): expected YYYYMMDD or YYYYMMDDTHHMMSS"
            case let .badDateValue(v, name): return "bad date '\(v)' in \(name): a DATE value is YYYYMMDD"
            case let .badDateTime(v, name): return "bad date-time '\(v)' in \(name): expected YYYYMMDDTHHMMSS, optionally ending in Z"
            case let .badRecurrenceID(v): return "bad RECURRENCE-ID '\(v)'"
            case .noStart: return "VEVENT has no DTSTART"
            case let .badDuration(v): return "bad DURATION '\(v)'"
            case let .unreadableFile(reason): return "the file cannot be read" + (reason.map { ": \($0)" } ?? " (missing, a directory, or no permission)")
            case let .refused(error): return "\(error)"
            }
        }

        public static func == (a: Problem, b: Problem) -> Bool { a.description == b.description }
    }
}
