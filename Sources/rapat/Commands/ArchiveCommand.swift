import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Keep the archive sound.", subcommands: [Reindex.self, Verify.self, Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the whole archive as a bundle (a JSON file per meeting and a manifest of SHA-256 digests).")
        @OptionGroup var global: GlobalOptions
        @Argument var directory: String

        func run() async throws {
            let bundle = try await global.services().administration.exportBundle()
            try bundle.write(to: URL(fileURLWithPath: directory))
            print(global.t("Bundel ditulis", "Bundle written") + ": \(directory) (\(bundle.meetings.count) " + global.t("rapat", "meetings") + ")")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a bundle from another installation; any digest mismatch refuses all of it.")
        @OptionGroup var global: GlobalOptions
        @Argument var directory: String

        func run() async throws {
            let bundle = try ArchiveBundle.read(from: URL(fileURLWithPath: directory))
            try await global.services().administration.importBundle(bundle)
            print(global.t("Bundel diimpor", "Bundle imported") + ": \(bundle.meetings.count) " + global.t("rapat", "meetings"))
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every sealed minutes version: digests, the chain of versions, signatures against the registered keys, and the minutes stored now; exits 3 on any problem.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var period: PeriodOptions

        func run() async throws {
            let (from, to) = try period.bounds()
            let findings = try await global.services().administration.verify(from: from, to: to)
            if output.json { try JSON.print(findings) }
            if !output.json {
                for p in findings where p.severity == .notice { print(global.t("CATATAN", "NOTICE") + " " + Catalogue.text(p, global.lang)) }
            }
            guard !findings.problems.isEmpty else {
                if !output.json { print(global.t("Semua notula yang disetujui utuh.", "Every approved minutes record is intact.")) }
                return
            }
            for p in findings.problems { FileHandle.standardError.write(Data((global.t("MASALAH", "PROBLEM") + " " + Catalogue.text(p, global.lang) + "\n").utf8)) }
            throw ExitCode(3)
        }
    }

    struct Reindex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rebuild the search index (it is kept in step on every write; this repairs it).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let terminal = isatty(STDERR_FILENO) != 0
            try await global.services().administration.reindex { done, total in
                guard terminal, total > 0 else { return }
                let width = 30, filled = done * width / total
                FileHandle.standardError.write(Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total)".utf8))
            }
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            print(global.t("Indeks pencarian dibangun ulang.", "Search index rebuilt."))
        }
    }
}
