import ArgumentParser
import Foundation
import RapatCore
import RapatMinutes
import RapatService
import RapatStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write meetings as files others open.", subcommands: [ICS.self, XML.self, AKN.self])

    struct ICS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "iCalendar: an invitation (or cancellation) for a meeting or series, or a feed to subscribe to.",
            discussion: """
                rapat export ics RP-2020-0012            invitation (METHOD:REQUEST; METHOD:CANCEL once cancelled)
                rapat export ics --series SR-2020-001    the whole series: RRULE, EXDATE and RECURRENCE-ID overrides
                rapat export ics --person NIP | --opd NAME | --all [--from --to]   a feed (no METHOD)
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Meeting id.", transform: Typed.meetingID) var meeting: MeetingID?
        @Option(help: "Series id.") var series: String?
        @Option(help: "Feed of one person's meetings.", transform: Typed.nip) var person: PersonID?
        @Option(help: "Feed of the meetings of an OPD.") var opd: String?
        @Flag(help: "Feed of every meeting.") var all = false
        @OptionGroup var period: PeriodOptions
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Option(help: "DTSTAMP to write (ISO 8601), for reproducible files; default now.", transform: Typed.instant) var stamp: Date?

        func validate() throws {
            let chosen = [meeting != nil, series != nil, person != nil, opd != nil, all].filter { $0 }.count
            guard chosen == 1 else { throw ValidationError("give exactly one of MEETING, --series, --person, --opd or --all") }
        }

        func run() async throws {
            let calendars = try await global.services().calendars
            let stamp = stamp ?? Date()
            let output = try Output(path: out)
            if let meeting {
                try output.write(try await calendars.invitation(meeting, stamp: stamp))
            } else if let series {
                try output.write(try await calendars.series(series, stamp: stamp))
            } else {
                let scope: FeedScope = person.map { .person($0) } ?? opd.map { .opd($0) } ?? .all
                let (from, to) = try period.bounds()
                try await calendars.writeFeed(scope, from: from, to: to, stamp: stamp) { try output.write($0) }
            }
            try output.close()
        }
    }


    struct XML: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xml", abstract: "XML minutes (urn:rapat:minutes:1), validated against the schema before they are written.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Meeting id (or use --from/--to with --dir).", transform: Typed.meetingID) var meeting: MeetingID?
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var period: PeriodOptions
        @Option(help: "Folder for one file per meeting.") var dir: String?

        func validate() throws {
            guard (meeting != nil) != (dir != nil) else { throw ValidationError("give a MEETING, or --dir with --from/--to") }
        }

        func run() async throws {
            let services = try await global.services()
            if let meeting {
                let output = try Output(path: out)
                try output.write(try await services.documents.xml(meeting))
                try output.close()
                return
            }
            let xml = try await services.documents.xmlWriter()
            let meetings = try await services.archive.meetings(try period.filter())
            try FileManager.default.createDirectory(atPath: dir!, withIntermediateDirectories: true)
            for m in meetings {
                let output = try Output(path: (dir! as NSString).appendingPathComponent("\(m.id).xml"))
                try output.write(try await xml.bytes(m))
                try output.close()
            }
            print(global.t("Notula XML ditulis", "XML minutes written") + ": \(meetings.count) → \(dir!)")
        }
    }


    struct AKN: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "akn", abstract: "The minutes as an Akoma Ntoso 3.0 debate, validated against the official schema.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var meeting: MeetingID
        @Option(help: "Short name of the government in FRBR URIs.") var authority = "pemda"
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() async throws {
            let bytes = try await global.services().documents.akomaNtoso(meeting, authority: authority)
            let output = try Output(path: out)
            try output.write(bytes)
            try output.close()
        }
    }
}
