import ArgumentParser
import Foundation
import RapatCore

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show or change working hours and on-time settings of this archive.",
        subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the settings.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let policy = try await global.store().policy()
            if output.json { return try JSON.print(policy) }
            for (key, value) in policy.settings { print(key.padding(toLength: 27, withPad: " ", startingAt: 0) + value) }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a setting: working-hours 07:30-16:00, working-days mon-fri, grace-minutes 5, early-start-limit-minutes 10.")
        @OptionGroup var global: GlobalOptions
        @Argument var key: String
        @Argument var value: String

        func run() async throws {
            let store = try await global.store()
            var policy = try await store.policy()
            try policy.set(key, value)
            try await store.setPolicy(policy)
            print("\(key) = \(value)")
        }
    }
}

struct HolidayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holiday", abstract: "Holidays on which no meeting is planned.",
        subcommands: [Import.self, Add.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a list of 'YYYY-MM-DD name' lines, e.g. samples/holidays-id-2020.txt.")
        @OptionGroup var global: GlobalOptions
        @Argument var file: String

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw InputError.invalidValue(field: "holiday file", value: file, hint: "the file cannot be read")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw InputError.invalidValue(field: "holiday file", value: file, hint: "the file is not UTF-8 text")
            }
            let holidays = try Holiday.parseList(text, source: file)
            let added = try await global.store().addHolidays(holidays)
            print(global.t("Hari libur", "Holidays") + ": \(holidays.count) " + global.t("dibaca", "read") + ", \(added) " + global.t("baru", "new"))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add one holiday.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var name: String

        func run() async throws {
            try await global.store().addHolidays([Holiday(date: try CivilDate(date), name: name)])
            print("\(date) \(name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List holidays.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let holidays = try await global.store().holidays()
            if output.json { return try JSON.print(holidays) }
            var table = Table([global.t("Tanggal", "Date"), global.t("Hari", "Day"), global.t("Nama", "Name")])
            for h in holidays { table.add([h.date.description, global.text.date(h.date), h.name]) }
            print(table.render())
        }
    }
}
