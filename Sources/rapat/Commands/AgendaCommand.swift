import ArgumentParser
import RapatCore

struct AgendaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda", abstract: "Add, list, move and remove agenda items; the agenda must fit the meeting.",
        subcommands: [Add.self, List.self, Move.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an item with a presenter and a time box.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Meeting id.") var id: String
        @Option(help: "What the item is about.") var title: String
        @Option(help: "Time box in minutes.") var minutes: Int
        @Option(help: "Presenter: a NIP, or a name or position.") var presenter: String?
        @Option(help: "Position to insert at (default: last).") var at: Int?

        func run() async throws {
            let (title, minutes, at) = (title, minutes, at)
            let nip = presenter.flatMap { try? NIP($0) }
            let text = nip == nil ? presenter : nil
            let m = try await global.store().updateMeeting(try Parse.meetingID(id)) { m, _ in
                _ = try m.addAgendaItem(title: title, presenter: text, presenterNIP: nip, boxMinutes: minutes, at: at)
            }
            print(global.t("Agenda", "Agenda") + " \(m.id): \(global.text.minutes(m.agendaMinutes)) / \(global.text.minutes(m.plannedMinutes))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the agenda with time boxes and actual times.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument var id: String

        func run() async throws {
            let store = try await global.store()
            let m = try await store.meeting(try Parse.meetingID(id))
            if output.json { return try JSON.print(m.agenda) }
            print(MeetingText(global: global, people: try await store.people(opd: nil).byNIP).agendaTable(m, details: true))
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move the item at FROM to position TO.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Argument var from: Int
        @Argument var to: Int

        func run() async throws {
            let (from, to) = (from, to)
            let m = try await global.store().updateMeeting(try Parse.meetingID(id)) { m, _ in try m.moveAgendaItem(from: from, to: to) }
            print(global.t("Agenda dipindah", "Agenda moved") + ": \(m.id) \(from) → \(to)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an item not yet discussed.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Argument var position: Int

        func run() async throws {
            let position = position
            let m = try await global.store().updateMeeting(try Parse.meetingID(id)) { m, _ in try m.removeAgendaItem(at: position) }
            print(global.t("Agenda dihapus", "Agenda item removed") + ": \(m.id) #\(position)")
        }
    }
}
