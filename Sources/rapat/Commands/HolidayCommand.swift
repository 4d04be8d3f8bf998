import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

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
            let (read, added) = try await global.services().administration.importHolidays(text, source: file)
            print(global.t("Hari libur", "Holidays") + ": \(read) " + global.t("dibaca", "read") + ", \(added) " + global.t("baru", "new"))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add one holiday.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.date) var date: CivilDate
        @Argument var name: String

        func run() async throws {
            try await global.services().administration.addHoliday(date, name: name)
            print("\(date) \(name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List holidays.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let holidays = try await global.services().administration.holidays()
            if output.json { return try JSON.print(holidays) }
            var table = Table([global.t("Tanggal", "Date"), global.t("Hari", "Day"), global.t("Nama", "Name")])
            for h in holidays { table.add([h.date.description, global.text.date(h.date), h.name]) }
            print(table.render())
        }
    }
}
