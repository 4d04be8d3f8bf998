import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

struct SeriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series", abstract: "Recurring meetings: list, show, and prepare the next meeting from what the last one left.",
        subcommands: [List.self, Show.self, Next.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List series.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let all = try await global.services().planning.allSeries()
            if output.json { return try JSON.print(all.map(\.series)) }
            var table = Table([global.t("Seri", "Series"), global.t("Aturan", "Rule"), global.t("Rapat", "Meetings"), global.t("Judul", "Title")],
                              rightAligned: [2])
            for (s, count) in all { table.add([s.id, s.rule.description, String(count), s.title]) }
            print(table.render())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a series with its meetings.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument var id: String

        func run() async throws {
            let (series, meetings) = try await global.services().planning.series(id)
            if output.json {
                struct View: Encodable { var series: Series; var meetings: [Meeting] }
                return try JSON.print(View(series: series, meetings: meetings))
            }
            print("\(series.id)  \(series.title)\n" + global.t("Aturan", "Rule") + ": \(series.rule)\n")
            var table = Table(["ID", global.t("Waktu", "Time"), "Status", global.t("Agenda", "Agenda"), global.t("Lanjutan", "Carried"), global.t("Judul", "Title")],
                              rightAligned: [3, 4])
            for m in meetings {
                table.add([m.id.description, global.text.dateTime(m.start, zone: m.zone), Labels.status(m.status, global),
                           String(m.agenda.count), String(m.agenda.filter(\.isCarried).count), m.title])
            }
            print(table.render())
        }
    }

    struct Next: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prepare the next meeting's agenda: planned items, carried-over items and open action items.",
            discussion: "When the agenda no longer fits, the error lists every item: drop some with --drop N or shorten them with --box N=MIN.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Series id, e.g. SR-2020-001.") var id: String
        @Option(help: "Drop the item at this position of the prepared agenda (repeat).") var drop: [Int] = []
        @Option(help: "Set a time box, N=MIN, by position of the prepared agenda (repeat).", transform: Typed.box) var box: [(Int, Int)] = []
        @Option(help: "Minutes for the standing follow-up item.") var followUpBox = 15
        @Flag(help: "Show the prepared agenda without storing it.") var dryRun = false

        func run() async throws {
            let services = try await global.services()
            let prepared = try await services.planning.prepareNext(series: id, drop: Set(drop), boxes: Dictionary(box, uniquingKeysWith: { _, b in b }),
                                                                   followUpBoxMinutes: followUpBox, keep: !dryRun)
            let (result, previous) = (prepared.meeting, prepared.previous)
            print((dryRun ? global.t("Rancangan agenda", "Draft agenda") : global.t("Agenda disiapkan", "Agenda prepared")) + " \(result.id) "
                  + global.text.dateTime(result.start, zone: result.zone) + (previous.map { " (" + global.t("dari", "from") + " \($0))" } ?? ""))
            print(MeetingText(global: global, people: try await services.planning.people().byNIP).agendaTable(result, details: true))
        }
    }
}
