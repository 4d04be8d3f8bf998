import ArgumentParser
import Foundation
import RapatCore
import RapatMinutes
import RapatService
import RapatStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Read meetings from files others wrote.", subcommands: [ICS.self, XML.self])

    struct ICS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "Import .ics files from Outlook, Google, Apple, Thunderbird and others: all files in one transaction.",
            discussion: """
                Each event is imported, updated, cancelled or skipped on its own; the report names every skipped event with its \
                line and reason, and every imported one that breaks a rule Rapat's own plans keep (working hours, holidays, \
                double booking). Organizers and attendees who are not registered become guests known by their e-mail address \
                (link one to a registered person later with 'rapat person link'); events that name nobody are chaired by --chair or \
                else by the calendar's owner, a guest known by the calendar's name. The exit status is 1 when an event was skipped (the rest is kept). With --strict, the first \
                refusal imports nothing.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The .ics files.") var files: [String]
        @Option(help: "Chair (NIP) for events that name no organizer or attendee with an e-mail address (without it: the calendar's owner, a guest known by the calendar's name).",
                transform: Typed.nip) var chair: PersonID?
        @Flag(help: "Report what would change and keep nothing.") var dryRun = false
        @Flag(help: "All or nothing: any event that cannot be imported, or that breaks a planning rule, refuses the whole import.")
        var strict = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let onFile: ((String, UInt64) -> Void)? = isatty(STDERR_FILENO) == 0 ? nil : { file, size in
                if size > 1 << 20 { FileHandle.standardError.write(Data("\(file): \(size >> 20) MiB …\n".utf8)) }
            }
            let (summary, unknown) = try await global.services().calendars.importFiles(files, chair: chair, dryRun: dryRun, strict: strict,
                                                                                        onFile: onFile)
            if output.json {
                struct View: Encodable { var summary: ImportSummary; var unknownAttendees: [String] }
                try JSON.print(View(summary: summary, unknownAttendees: unknown))
                if !summary.skipped.isEmpty { throw ExitCode.failure }
                return
            }
            let g = global
            print((dryRun ? g.t("Uji coba (tidak disimpan): ", "Dry run (nothing kept): ") : "")
                  + g.t("dibuat", "created") + " \(summary.created.count), " + g.t("diperbarui", "updated") + " \(summary.updated.count), "
                  + g.t("dibatalkan", "cancelled") + " \(summary.cancelled.count), " + g.t("tidak berubah", "unchanged") + " \(summary.unchanged), "
                  + g.t("dilewati", "skipped") + " \(summary.skipped.count), " + g.t("peringatan", "warnings") + " \(summary.warnings.count)")
            if !summary.otherComponents.isEmpty {
                print(g.t("Bukan acara, dilewati: ", "Not events, passed over: ")
                      + summary.otherComponents.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            if !summary.guests.isEmpty {
                print(g.t("Tamu baru (tanpa NIP, dikenali dari email atau nama kalender; tautkan dengan 'rapat person link'): ",
                          "New guests (no NIP, known by e-mail or calendar name; link with 'rapat person link'): ") + "\(summary.guests.count)")
            }
            for id in summary.created where !dryRun { print("  + \(id)") }
            func line(_ n: ImportNote) -> String {
                let occurrence = n.occurrence.map { " (" + g.text.dateTime($0, zone: Zone.jakarta) + ")" } ?? ""
                return "\(n.source):\(n.line): '\(n.summary)'\(occurrence): \(n.reason)"
            }
            if !summary.skipped.isEmpty {
                print(g.t("Dilewati:", "Skipped:"))
                for n in summary.skipped { print("  - " + line(n)) }
            }
            if !summary.warnings.isEmpty {
                print(g.t("Diimpor dengan peringatan:", "Imported with warnings:"))
                for n in summary.warnings { print("  ! " + line(n)) }
            }
            if !unknown.isEmpty {
                print(g.t("Peserta tidak dikenal (daftarkan dengan 'rapat person add'): ", "Unknown attendees (register with 'rapat person add'): ")
                      + unknown.joined(separator: ", "))
            }
            // What could be imported is kept; a skipped event still makes the exit status say so.
            if !summary.skipped.isEmpty { throw ExitCode.failure }
        }
    }


    struct XML: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xml", abstract: "Import XML minutes (also from another installation) in one transaction; hostile or invalid files are refused.")
        @OptionGroup var global: GlobalOptions
        @Argument var files: [String]

        func run() async throws {
            let contents = try files.map { file in
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw InputError.invalidValue(field: "file", value: file, hint: "the file cannot be read")
                }
                return (name: file, bytes: Array(data))
            }
            let ids = try await global.services().documents.importXML(contents)
            print(global.t("Notula XML diimpor", "XML minutes imported") + ": " + ids.map(\.description).joined(separator: ", "))
        }
    }
}
