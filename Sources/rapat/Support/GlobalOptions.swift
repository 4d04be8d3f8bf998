import ArgumentParser
import Foundation
import RapatCore
import RapatStore
import RapatService

/// Options every subcommand takes: where the archive is and which language to print in.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Archive URL: sqlite:///path/rapat.db or a path (default $RAPAT_DATABASE or ./rapat.db).")
    var database: String?

    @Option(name: .long, help: "Language of dates and labels: id (default) or en.")
    var lang: Language = .id

    func store() async throws -> any MeetingStore {
        try await StoreLocation.resolve(database).open()
    }

    /// The application layer over the archive, for the operator at the console.
    func services() async throws -> Services {
        Services(store: try await store(), principal: .console, language: lang)
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

    /// A range bound: `YYYY-MM-DD` means the start of that day, or the end of it for an upper bound.
    static func bound(_ text: String?, zone: TimeZone, upper: Bool) throws -> Date? {
        try text.map { upper ? try Bounds.upper($0, zone: zone) : try Bounds.lower($0, zone: zone) }
    }

    static func status(_ text: String?) throws -> MeetingStatus? {
        try text.map { try MeetingStatus.parse($0) }
    }

    static func zone(_ text: String?) throws -> TimeZone {
        try text.map { try Zone.named($0) } ?? Zone.jakarta
    }
}

