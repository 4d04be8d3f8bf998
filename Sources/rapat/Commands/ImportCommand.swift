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
            abstract: "Import .ics files from Outlook, Google, Apple or Thunderbird: all files in one transaction.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The .ics files.") var files: [String]
        @Option(help: "Chair (NIP) for events that name none Rapat knows.", transform: Typed.nip) var chair: NIP?
        @Flag(help: "Report what would change and keep nothing.") var dryRun = false

        func run() async throws {
            let onFile: ((String, UInt64) -> Void)? = isatty(STDERR_FILENO) == 0 ? nil : { file, size in
                if size > 1 << 20 { FileHandle.standardError.write(Data("\(file): \(size >> 20) MiB …\n".utf8)) }
            }
            let (summary, unknown) = try await global.services().calendars.importFiles(files, chair: chair, dryRun: dryRun, onFile: onFile)
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
