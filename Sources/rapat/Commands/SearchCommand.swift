import ArgumentParser
import Foundation
import RapatCore
import RapatService
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
    @OptionGroup var period: PeriodOptions
    @Option(help: "Meetings with someone from this OPD.") var opd: String?
    @Option(help: "Meetings of this person (NIP).", transform: Typed.nip) var person: PersonID?
    @Option(help: "Kind of meeting, e.g. 'rapat pimpinan'.") var kind: String?
    @Option(help: "scheduled, started, ended or cancelled.") var status: MeetingStatus?
    @Option(help: "At most this many hits.") var limit = 20

    func run() async throws {
        let zone = Zone.jakarta
        let (from, to) = try period.bounds(in: zone)
        let q = SearchQuery(query.joined(separator: " "), from: from, to: to, opd: opd, person: person,
                            kind: kind, status: status, limit: limit)
        _ = try q.matchExpression()  // a malformed query is refused before the archive is opened
        let hits = try await global.services().archive.search(q)
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
