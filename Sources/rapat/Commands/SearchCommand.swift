import ArgumentParser
import Foundation
import RapatCore
import RapatStore

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles, agenda, discussion, decisions and action items (Indonesian-aware).",
        discussion: """
            Words find their other forms: penyerapan, serapan and menyerap find each other. "rapat pimpinan" is a phrase,
            angg* a prefix; AND, OR, NOT and -word combine. Example: rapat search "penyerapan anggaran" --opd Dinkes
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(parsing: .allUnrecognized, help: "What to look for.") var query: [String]
    @Option(help: "From this date.") var from: String?
    @Option(help: "Up to and including this date.") var to: String?
    @Option(help: "Meetings with someone from this OPD.") var opd: String?
    @Option(help: "Meetings of this person (NIP).") var person: String?
    @Option(help: "Kind of meeting, e.g. 'rapat pimpinan'.") var kind: String?
    @Option(help: "scheduled, started, ended or cancelled.") var status: String?
    @Option(help: "At most this many hits.") var limit = 20

    func run() async throws {
        let zone = Zone.jakarta
        let status = try Parse.status(self.status)
        let q = SearchQuery(query.joined(separator: " "), from: try Parse.bound(from, zone: zone, upper: false),
                            to: try Parse.bound(to, zone: zone, upper: true), opd: opd, person: try person.map(Parse.nip),
                            kind: kind, status: status, limit: limit)
        _ = try q.matchExpression()  // a malformed query is refused before the archive is opened
        let hits = try await global.store().search(q)
        if output.json { return try JSON.print(hits) }
        if hits.isEmpty { return print(global.t("Tidak ditemukan.", "Nothing found.")) }
        var table = Table([global.t("Rapat", "Meeting"), global.t("Tanggal", "Date"), global.t("Bagian", "Section"), global.t("Cuplikan", "Snippet")])
        for h in hits {
            let z = TimeZone(identifier: h.timeZone) ?? zone
            table.add([h.meetingID.description, CivilDate(h.start, in: z).description, h.section + (h.reference.map { " \($0)" } ?? ""),
                       h.snippet.replacingOccurrences(of: "\n", with: " ")])
        }
        print(table.render())
    }
}

struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Keep the archive sound.", subcommands: [Reindex.self, Verify.self, Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the whole archive as a bundle (a JSON file per meeting and a manifest of SHA-256 digests).")
        @OptionGroup var global: GlobalOptions
        @Argument var directory: String

        func run() async throws {
            let bundle = try await global.store().exportBundle()
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
            try await global.store().importBundle(bundle)
            print(global.t("Bundel diimpor", "Bundle imported") + ": \(bundle.meetings.count) " + global.t("rapat", "meetings"))
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the SHA-256 of every approved minutes version; exits non-zero on any mismatch.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "From this date.") var from: String?
        @Option(help: "Up to and including this date.") var to: String?

        func run() async throws {
            let zone = Zone.jakarta
            let problems = try await global.store().verify(from: try Parse.bound(from, zone: zone, upper: false),
                                                           to: try Parse.bound(to, zone: zone, upper: true))
            if output.json { try JSON.print(problems) }
            guard !problems.isEmpty else {
                if !output.json { print(global.t("Semua notula yang disetujui utuh.", "Every approved minutes record is intact.")) }
                return
            }
            for p in problems { FileHandle.standardError.write(Data("MISMATCH \(p)\n".utf8)) }
            throw ExitCode(3)
        }
    }

    struct Reindex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rebuild the search index (it is kept in step on every write; this repairs it).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let terminal = isatty(STDERR_FILENO) != 0
            try await global.store().reindex { done, total in
                guard terminal, total > 0 else { return }
                let width = 30, filled = done * width / total
                FileHandle.standardError.write(Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total)".utf8))
            }
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            print(global.t("Indeks pencarian dibangun ulang.", "Search index rebuilt."))
        }
    }
}
