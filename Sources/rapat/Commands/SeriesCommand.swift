import ArgumentParser
import Foundation
import RapatCore
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
            let store = try await global.store()
            let all = try await store.allSeries()
            if output.json { return try JSON.print(all) }
            var table = Table([global.t("Seri", "Series"), global.t("Aturan", "Rule"), global.t("Rapat", "Meetings"), global.t("Judul", "Title")],
                              rightAligned: [2])
            for s in all { table.add([s.id, s.rule.description, String(try await store.meetings(MeetingFilter(seriesID: s.id)).count), s.title]) }
            print(table.render())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a series with its meetings.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument var id: String

        func run() async throws {
            let store = try await global.store()
            let series = try await store.series(id)
            let meetings = try await store.meetings(MeetingFilter(seriesID: id))
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
        @Option(help: "Set a time box, N=MIN, by position of the prepared agenda (repeat).") var box: [String] = []
        @Option(help: "Minutes for the standing follow-up item.") var followUpBox = 15
        @Flag(help: "Show the prepared agenda without storing it.") var dryRun = false

        func run() async throws {
            var boxes: [Int: Int] = [:]
            for spec in box {
                let parts = spec.split(separator: "=")
                guard parts.count == 2, let p = Int(parts[0]), let m = Int(parts[1]) else {
                    throw InputError.invalidValue(field: "--box", value: spec, hint: "write POSITION=MINUTES, e.g. 3=20")
                }
                boxes[p] = m
            }
            let store = try await global.store()
            let prepared = try await store.prepareNextMeeting(series: id, drop: Set(drop), boxes: boxes, followUpBoxMinutes: followUpBox,
                                                              today: CivilDate(Date(), in: Zone.jakarta), store: !dryRun)
            let (result, previous) = (prepared.meeting, prepared.previous)
            print((dryRun ? global.t("Rancangan agenda", "Draft agenda") : global.t("Agenda disiapkan", "Agenda prepared")) + " \(result.id) "
                  + global.text.dateTime(result.start, zone: result.zone) + (previous.map { " (" + global.t("dari", "from") + " \($0))" } ?? ""))
            print(MeetingText(global: global, people: try await store.people(opd: nil).byNIP).agendaTable(result, details: true))
        }
    }
}

struct ActionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action", abstract: "Action items across meetings: list and mark done.", subcommands: [List.self, Done.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List action items with their meeting, owner, due date and age.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Owner OPD (also items owned by its people).") var opd: String?
        @Option(help: "open, done or overdue.") var status: String?
        @Option(help: "Series id.") var series: String?
        @Option(help: "Judge overdue on this day (default: today).") var asOf: String?

        func run() async throws {
            let status = try self.status.map { s -> ActionStatusFilter in
                guard let v = ActionStatusFilter(rawValue: s) else {
                    throw InputError.invalidValue(field: "status", value: s, hint: "use open, done or overdue")
                }
                return v
            }
            let today = try asOf.map { try CivilDate($0) } ?? CivilDate(Date(), in: Zone.jakarta)
            let records = try await global.store().actions(ActionFilter(opd: opd, status: status, seriesID: series, today: today))
            if output.json { return try JSON.print(records) }
            var table = Table(["ID", global.t("Tindakan", "Action"), "OPD", global.t("Tenggat", "Due"), global.t("Umur", "Age"), "Status",
                               global.t("Rapat", "Meeting")], rightAligned: [4])
            for r in records {
                let state = r.status == .done ? global.t("selesai", "done")
                    : r.isOverdue(on: today) ? global.t("TERLAMBAT", "OVERDUE") + " \(r.daysOverdue(on: today))" + global.t(" hari", " d") : global.t("terbuka", "open")
                table.add([r.id.description, r.action.text, r.ownerOPD, r.action.due?.description ?? "", "\(r.ageDays(on: today))" + global.t(" hari", " d"),
                           state, "\(r.meetingDate) \(r.meetingTitle)"])
            }
            print(table.render())
        }
    }

    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an action item done, also after its minutes were approved.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Action item id, e.g. RP-2020-0012/3.") var id: String
        @Option(help: "How it was done.") var note: String?
        @Flag(help: "Reopen instead.") var reopen = false

        func run() async throws {
            let r = try await global.store().setActionStatus(try ActionID(id), reopen ? .open : .done, at: Date(), note: note)
            print("\(r.id) \(r.ownerOPD): " + (r.status == .done ? global.t("selesai", "done") : global.t("terbuka", "open")))
        }
    }
}

struct IndicatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator", abstract: "Per-OPD indicators reported at a meeting (target and realisation at a date).",
        subcommands: [Record.self, Import.self])

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one figure, e.g. --opd BPKAD --name penyerapan-anggaran --target 88 --actual 71.3 --unit % --as-of 2020-11-30.")
        @OptionGroup var global: GlobalOptions
        @Argument var meeting: String
        @Option var opd: String
        @Option var name: String
        @Option var target: String
        @Option var actual: String
        @Option var unit = "%"
        @Option(help: "Date of the figure, YYYY-MM-DD.") var asOf: String

        func run() async throws {
            let indicator = try Indicator(opd: opd, name: name, target: Indicator.number(target, field: "target"),
                                          actual: Indicator.number(actual, field: "actual"), unit: unit, asOf: CivilDate(asOf))
            let m = try await global.store().updateMeeting(try Parse.meetingID(meeting)) { m, _ in try m.recordIndicator(indicator) }
            print("\(m.id) \(indicator.opd) \(indicator.name): \(indicator.actual)\(indicator.unit) / \(indicator.target)\(indicator.unit)")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import figures from CSV (OPD,indicator,target,actual,as-of[,unit]) into a meeting, all or nothing.")
        @OptionGroup var global: GlobalOptions
        @Argument var meeting: String
        @Argument var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw InputError.invalidValue(field: "CSV file", value: file, hint: "the file cannot be read")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw InputError.invalidValue(field: "CSV file", value: file, hint: "the file is not UTF-8 text")
            }
            let rows = try IndicatorCSV.parse(text, source: file)
            let m = try await global.store().updateMeeting(try Parse.meetingID(meeting)) { m, _ in
                for row in rows { try m.recordIndicator(row) }
            }
            print("\(m.id): \(rows.count) " + global.t("angka indikator dicatat", "indicator figures recorded"))
        }
    }
}
