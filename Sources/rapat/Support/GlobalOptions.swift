import ArgumentParser
import Foundation
import RapatCore
import RapatStore

/// Options every subcommand takes: where the archive is and which language to print in.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Archive URL: sqlite:///path/rapat.db or a path (default $RAPAT_DATABASE or ./rapat.db).")
    var database: String?

    @Option(name: .long, help: "Language of dates and labels: id (default) or en.")
    var lang: Language = .id

    func store() async throws -> any MeetingStore {
        try await StoreLocation.resolve(database).open()
    }

    var text: DateText { DateText(lang) }

    /// Picks the Indonesian or English label.
    func t(_ id: String, _ en: String) -> String { lang == .id ? id : en }
}

extension Language: ExpressibleByArgument {}

/// `--json` on read commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false
}

enum JSON {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// Parses typed values at the edge, turning mistakes into the core's clear input errors.
enum Parse {
    static func nip(_ text: String) throws -> NIP { try NIP(text) }
    static func meetingID(_ text: String) throws -> MeetingID { try MeetingID(text) }

    /// A time in `zone`; a bare `HH:MM` takes the date of `sameDayAs`.
    static func time(_ text: String, zone: TimeZone, sameDayAs day: Date? = nil) throws -> Date {
        if let day, let (h, m) = TimeInput.clock(text) {
            return CivilDate(day, in: zone).at(hour: h, minute: m, in: zone)
        }
        return try TimeInput.parse(text, zone: zone)
    }

    /// A range bound: `YYYY-MM-DD` means the start of that day, or the end of it for an upper bound.
    static func bound(_ text: String?, zone: TimeZone, upper: Bool) throws -> Date? {
        guard let text else { return nil }
        if let day = try? CivilDate(text) {
            return (upper ? day.adding(days: 1) : day).at(hour: 0, minute: 0, in: zone)
        }
        return try TimeInput.parse(text, zone: zone)
    }

    static func status(_ text: String?) throws -> MeetingStatus? {
        try text.map { try MeetingStatus.parse($0) }
    }

    static func zone(_ text: String?) throws -> TimeZone {
        try text.map { try Zone.named($0) } ?? Zone.jakarta
    }
}

extension Sequence where Element == Person {
    var byNIP: [NIP: Person] { Dictionary(map { ($0.nip, $0) }, uniquingKeysWith: { a, _ in a }) }
}
