import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports over the archive.", subcommands: [Punctuality.self, Indicators.self])

    struct Punctuality: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Punctuality per meeting, person and OPD: start delays, overruns, late arrivals, absences.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "From this date (YYYY-MM-DD) or time.") var from: String
        @Option(help: "Up to and including this date, or before this time.") var to: String
        @Option(help: "Only meetings with someone from this OPD.") var opd: String?
        @Option(help: "Time zone of the dates.", transform: Typed.zone) var zone: TimeZone = Zone.jakarta

        func run() async throws {
            let report = try await global.services().reports.punctuality(from: from, to: to, opd: opd, zone: zone.identifier)
            if output.json { return try JSON.print(report) }
            print(PunctualityText(global: global).render(report, zone: zone))
        }
    }
}

extension ReportCommand {
    struct Indicators: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Indicator trend per OPD over a series: month by month, gap to target, who fell behind.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Series id, e.g. SR-2020-001.") var series: String
        @Option(help: "Only this OPD.") var opd: String?
        @Option(help: "Only this indicator, e.g. penyerapan-anggaran.") var name: String?
        @Flag(help: "Print CSV for a spreadsheet.") var csv = false

        func run() async throws {
            let report = try await global.services().reports.indicators(series: series, opd: opd, name: name)
            if output.json { return try JSON.print(report) }
            if csv { return print(Self.csv(report), terminator: "") }
            print(render(report))
        }

        /// CSV keeps the decimal point whatever the language: spreadsheets and scripts read it.
        static func number(_ v: Double) -> String { NumberText(.en).decimal(v) }

        static func csv(_ r: IndicatorReport) -> String {
            var out = "opd,indicator,unit,as_of,target,actual,gap,meeting\r\n"
            func quote(_ s: String) -> String { s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
            for row in r.rows {
                for p in row.points {
                    out += [quote(row.opd), row.indicator, quote(row.unit), p.asOf.description, number(p.target), number(p.actual),
                            number(p.gap), p.meetingID.description].joined(separator: ",") + "\r\n"
                }
            }
            return out
        }

        func render(_ r: IndicatorReport) -> String {
            let g = global
            guard !r.rows.isEmpty else { return g.t("Belum ada indikator yang dicatat pada seri \(series).", "No indicator recorded in series \(series) yet.") }
            var out: [String] = []
            for name in Array(Set(r.rows.map(\.indicator))).sorted() {
                let rows = r.rows.filter { $0.indicator == name }
                out.append(g.t("Indikator", "Indicator") + ": \(name)")
                var table = Table(["OPD"] + r.months + [g.t("Target", "Target"), g.t("Selisih", "Gap"), g.t("Tren", "Trend"), ""],
                                  rightAligned: Set(1...(r.months.count + 2)))
                for row in rows {
                    let byMonth = Dictionary(row.points.map { (String($0.asOf.description.prefix(7)), $0) }, uniquingKeysWith: { a, _ in a })
                    let cells = r.months.map { byMonth[$0].map { g.number.decimal($0.actual) } ?? "" }
                    table.add([row.opd] + cells + [g.number.decimal(row.points.last!.target), g.number.signed(row.latestGap),
                                                   IndicatorReport.sparkline(row.points.map(\.actual)),
                                                   row.isBehind ? g.t("DI BAWAH TARGET", "BEHIND") : ""])
                }
                out.append(table.render())
                let behind = r.behind.filter { $0.indicator == name }
                out.append(behind.isEmpty
                    ? g.t("Semua OPD mencapai target.", "Every OPD met its target.")
                    : g.t("Di bawah target", "Behind target") + " (\(behind.count)): " + behind.map { "\($0.opd) \(g.number.decimal($0.latestGap))" }.joined(separator: ", "))
                out.append("")
            }
            return out.joined(separator: "\n")
        }
    }
}
