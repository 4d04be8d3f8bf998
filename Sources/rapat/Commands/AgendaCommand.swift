import ArgumentParser
import RapatCore
import RapatService

struct AgendaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda", abstract: "Add, list, move and remove agenda items; the agenda must fit the meeting.",
        subcommands: [Add.self, List.self, Move.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an item with a presenter and a time box.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Meeting id.", transform: Typed.meetingID) var id: MeetingID
        @Option(help: "What the item is about.") var title: String
        @Option(help: "Time box in minutes.") var minutes: Int
        @Option(help: "Presenter: a NIP, or a name or position.") var presenter: String?
        @Option(help: "Position to insert at (default: last).") var at: Int?
        @Flag(help: "A standing item (opening, closing): it recurs in every meeting of a series and is never carried over.") var standing = false

        func run() async throws {
            let nip = presenter.flatMap { try? PersonID($0) }
            let item = PlanRequest.Item(title: title, presenter: nip == nil ? presenter : nil, presenterNip: nip?.key, minutes: minutes, standing: standing)
            let m = try await global.services().planning.addAgendaItem(id, item, at: at)
            print(global.t("Agenda", "Agenda") + " \(m.id): \(global.text.minutes(m.agendaMinutes)) / \(global.text.minutes(m.plannedMinutes))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the agenda with time boxes and actual times.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID

        func run() async throws {
            let services = try await global.services()
            let m = try await services.archive.meeting(id)
            if output.json { return try JSON.print(m.agenda) }
            print(MeetingText(global: global, people: try await services.planning.people().byID).agendaTable(m, details: true))
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move the item at FROM to position TO.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID
        @Argument var from: Int
        @Argument var to: Int

        func run() async throws {
            let m = try await global.services().planning.moveAgendaItem(id, from: from, to: to)
            print(global.t("Agenda dipindah", "Agenda moved") + ": \(m.id) \(from) → \(to)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an item not yet discussed.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID
        @Argument var position: Int

        func run() async throws {
            let m = try await global.services().planning.removeAgendaItem(id, at: position)
            print(global.t("Agenda dihapus", "Agenda item removed") + ": \(m.id) #\(position)")
        }
    }
}
