import ArgumentParser
import Foundation
import RapatCore
import RapatMinutes
import RapatService
import RapatStore

/// The language of this run, read from `--lang` before the arguments are parsed, so that a value refused
/// while parsing is explained in it.
enum CLILanguage {
    static let current = language(CommandLine.arguments)

    /// The language `--lang` asks for (Indonesian unless it says en).
    static func language(_ arguments: [String]) -> Language {
        for (i, a) in arguments.enumerated() {
            if a == "--lang", i + 1 < arguments.count { return Language(rawValue: arguments[i + 1]) ?? .id }
            if a.hasPrefix("--lang=") { return Language(rawValue: String(a.dropFirst(7))) ?? .id }
        }
        return .id
    }
}

/// A value refused while parsing the command line, with the library's reason in the user's language.
struct ArgumentValueError: Error, CustomStringConvertible {
    let underlying: any Error
    var description: String { Catalogue.text(underlying, CLILanguage.current) }
}

/// Typed values parsed once, where options are declared (`@Option(transform: Typed.nip)`), with the
/// library's own reason when a value is refused.
enum Typed {
    static func parse<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw ArgumentValueError(underlying: error) }
    }

    static func nip(_ text: String) throws -> PersonID { try parse { try PersonID(text) } }
    static func meetingID(_ text: String) throws -> MeetingID { try parse { try MeetingID(text) } }
    static func actionID(_ text: String) throws -> ActionID { try parse { try ActionID(text) } }
    static func date(_ text: String) throws -> CivilDate { try parse { try CivilDate(text) } }
    static func zone(_ text: String) throws -> TimeZone { try parse { try Zone.named(text) } }

    /// NIPs given one per option or separated by commas.
    static func nips(_ text: String) throws -> [PersonID] {
        try parse { try text.split(separator: ",").map { try PersonID(String($0).trimmed) } }
    }

    static func agendaItem(_ text: String) throws -> PlanRequest.Item { try parse { try PlanRequest.Item(parsing: text) } }

    /// `NUMBER=TEXT`, as `--replace-decision 2=…` and `--note 1=…` take it.
    static func numbered(_ text: String) throws -> (Int, String) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let n = Int(parts[0]) else {
            throw ArgumentValueError(underlying: InputError.invalidValue(field: "value", value: text, hint: "write NUMBER=TEXT"))
        }
        return (n, parts[1])
    }
}

extension MeetingStatus: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension AttendanceCategory: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension Role: ExpressibleByArgument {}
extension ActionStatusFilter: ExpressibleByArgument {}
extension DocumentRenderer.Format: ExpressibleByArgument {}
extension DocumentRenderer.Document: ExpressibleByArgument {}

extension MeetingStatus {
    init(parsing text: String) throws { self = try MeetingStatus.parse(text) }
}

extension AttendanceCategory {
    init(parsing text: String) throws { self = try AttendanceCategory.parse(text) }
}

extension Rapat {
    /// ArgumentParser's own messages (usage errors) with their frame in Indonesian when the run is.
    static func translated(_ message: String, _ language: Language) -> String {
        guard language == .id else { return message }
        var m = message
        let pairs: [(String, String)] = [
            ("Error: ", "Galat: "), ("Usage: ", "Penggunaan: "), ("The value '", "Nilai '"), ("' is invalid for '", "' tidak sah untuk '"),
            ("Please provide one of ", "Pilih salah satu dari "), ("Missing expected argument ", "Argumen belum diisi: "),
            ("Unknown option ", "Opsi tidak dikenal: "), ("Unexpected argument ", "Argumen tidak dikenal: "),
            ("Missing value for ", "Nilai belum diisi untuk "), ("  See '", "  Lihat '"), ("' for more details.", "' untuk penjelasan."), ("' for more information.", "' untuk penjelasan."),
            ("Help: ", "Bantuan: "), ("Please provide one of the following:", "Pilih salah satu dari:"),
        ]
        for (en, id) in pairs { m = m.replacingOccurrences(of: en, with: id) }
        return m
    }
}

extension Typed {
    /// A moment: 'YYYY-MM-DD HH:MM' in WIB, or ISO 8601 with an offset.
    static func instant(_ text: String) throws -> Date { try parse { try TimeInput.parse(text, zone: Zone.jakarta) } }
}

extension Typed {
    /// `POSITION=MINUTES`, as `series next --box 3=20` takes it.
    static func box(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: "=")
        guard parts.count == 2, let p = Int(parts[0]), let m = Int(parts[1]) else {
            throw ArgumentValueError(underlying: InputError.invalidValue(field: "--box", value: text, hint: "write POSITION=MINUTES, e.g. 3=20"))
        }
        return (p, m)
    }
}
