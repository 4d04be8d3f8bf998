import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

struct ActionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action", abstract: "Action items across meetings: list and mark done.", subcommands: [List.self, Done.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List action items with their meeting, owner, due date and age.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Owner OPD (also items owned by its people).") var opd: String?
        @Option(help: "open, done or overdue.") var status: ActionStatusFilter?
        @Option(help: "Series id.") var series: String?
        @Option(help: "Judge overdue on this day (default: today).", transform: Typed.date) var asOf: CivilDate?

        func run() async throws {
            let today = asOf ?? CivilDate(Date(), in: Zone.jakarta)
            let records = try await global.services().minutes.actions(ActionFilter(opd: opd, status: status, seriesID: series, today: today))
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
        @Argument(help: "Action item id, e.g. RP-2020-0012/3.", transform: Typed.actionID) var id: ActionID
        @Option(help: "How it was done.") var note: String?
        @Flag(help: "Reopen instead.") var reopen = false

        func run() async throws {
            let r = try await global.services().minutes.setAction(id, done: !reopen, note: note)
            print("\(r.id) \(r.ownerOPD): " + (r.status == .done ? global.t("selesai", "done") : global.t("terbuka", "open")))
        }
    }
}
