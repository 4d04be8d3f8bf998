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
    func services(signer: SealSigner? = nil) async throws -> Services {
        Services(store: try await store(), principal: .console, language: lang, signer: signer)
    }

    var text: DateText { DateText(lang) }
    var number: NumberText { NumberText(lang) }

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

/// `--from` and `--to` of listings and exports: dates (a whole day) or times, in the zone the command reads them in.
struct PeriodOptions: ParsableArguments {
    @Option(help: "From this date (YYYY-MM-DD) or time.") var from: String?
    @Option(help: "Up to and including this date, or before this time.") var to: String?

    func bounds(in zone: TimeZone = Zone.jakarta) throws -> (from: Date?, to: Date?) {
        (try from.map { try Bounds.lower($0, zone: zone) }, try to.map { try Bounds.upper($0, zone: zone) })
    }

    func filter(in zone: TimeZone = Zone.jakarta) throws -> MeetingFilter {
        let (from, to) = try bounds(in: zone)
        return MeetingFilter(from: from, to: to)
    }
}
