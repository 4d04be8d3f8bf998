import ArgumentParser
import Foundation
import RapatCalendar
import RapatCore
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
        @Argument(help: "Meeting id.") var meeting: String?
        @Option(help: "Series id.") var series: String?
        @Option(help: "Feed of one person's meetings.") var person: String?
        @Option(help: "Feed of the meetings of an OPD.") var opd: String?
        @Flag(help: "Feed of every meeting.") var all = false
        @Option(help: "Feed from this date.") var from: String?
        @Option(help: "Feed up to and including this date.") var to: String?
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Option(help: "DTSTAMP to write (ISO 8601), for reproducible files; default now.") var stamp: String?

        func validate() throws {
            let chosen = [meeting != nil, series != nil, person != nil, opd != nil, all].filter { $0 }.count
            guard chosen == 1 else { throw ValidationError("give exactly one of MEETING, --series, --person, --opd or --all") }
        }

        func run() async throws {
            let calendars = try await global.services().calendars
            let stamp = try stamp.map { try TimeInput.parse($0, zone: Zone.jakarta) } ?? Date()
            let output = try Output(path: out)
            if let meeting {
                try output.write(try await calendars.invitation(try Parse.meetingID(meeting), stamp: stamp))
            } else if let series {
                try output.write(try await calendars.series(series, stamp: stamp))
            } else {
                let scope: FeedScope = try person.map { .person(try Parse.nip($0)) } ?? opd.map { .opd($0) } ?? .all
                try await calendars.writeFeed(scope, from: try Parse.bound(from, zone: Zone.jakarta, upper: false),
                                              to: try Parse.bound(to, zone: Zone.jakarta, upper: true), stamp: stamp) { try output.write($0) }
            }
            try output.close()
        }
    }
}

/// Standard output or a file written whole: a temporary file renamed into place, so a failure leaves no half file.
final class Output {
    let path: String?
    private let temporary: String?
    private let handle: FileHandle

    init(path: String?) throws {
        self.path = path
        if let path {
            let tmp = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
            guard FileManager.default.createFile(atPath: tmp, contents: nil), let h = FileHandle(forWritingAtPath: tmp) else {
                throw InputError.invalidValue(field: "--out", value: path, hint: "the file cannot be created there")
            }
            temporary = tmp
            handle = h
        } else {
            temporary = nil
            handle = FileHandle.standardOutput
        }
    }

    func write(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }

    func close() throws {
        guard let temporary, let path else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }

    deinit {
        if let temporary, FileManager.default.fileExists(atPath: temporary) { try? FileManager.default.removeItem(atPath: temporary) }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Read meetings from files others wrote.", subcommands: [ICS.self, XML.self])

    struct ICS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "Import .ics files from Outlook, Google, Apple or Thunderbird: all files in one transaction.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The .ics files.") var files: [String]
        @Option(help: "Chair (NIP) for events that name none Rapat knows.") var chair: String?
        @Flag(help: "Report what would change and keep nothing.") var dryRun = false

        func run() async throws {
            let onFile: ((String, UInt64) -> Void)? = isatty(STDERR_FILENO) == 0 ? nil : { file, size in
                if size > 1 << 20 { FileHandle.standardError.write(Data("\(file): \(size >> 20) MiB …\n".utf8)) }
            }
            let (summary, unknown) = try await global.services().calendars.importFiles(files, chair: try chair.map(Parse.nip), dryRun: dryRun, onFile: onFile)
            let g = global
            print((dryRun ? g.t("Uji coba (tidak disimpan): ", "Dry run (nothing kept): ") : "")
                  + g.t("dibuat", "created") + " \(summary.created.count), " + g.t("diperbarui", "updated") + " \(summary.updated.count), "
                  + g.t("dibatalkan", "cancelled") + " \(summary.cancelled.count), " + g.t("tidak berubah", "unchanged") + " \(summary.unchanged)")
            for id in summary.created where !dryRun { print("  + \(id)") }
            if !unknown.isEmpty {
                print(g.t("Peserta tidak dikenal (daftarkan dengan 'rapat person add'): ", "Unknown attendees (register with 'rapat person add'): ")
                      + unknown.joined(separator: ", "))
            }
        }
    }
}
