import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

struct IndicatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator", abstract: "Per-OPD indicators reported at a meeting (target and realisation at a date).",
        subcommands: [Record.self, Import.self])

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one figure, e.g. --opd BPKAD --name penyerapan-anggaran --target 88 --actual 71.3 --unit % --as-of 2020-11-30.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var meeting: MeetingID
        @Option var opd: String
        @Option var name: String
        @Option var target: String
        @Option var actual: String
        @Option var unit = "%"
        @Option(help: "Date of the figure, YYYY-MM-DD.", transform: Typed.date) var asOf: CivilDate

        func run() async throws {
            let indicator = try Indicator(opd: opd, name: name, target: Indicator.number(target, field: "target"),
                                          actual: Indicator.number(actual, field: "actual"), unit: unit, asOf: asOf)
            let m = try await global.services().minutes.record([indicator], at: meeting)
            print("\(m.id) \(indicator.opd) \(indicator.name): \(global.number.quantity(indicator.actual, unit: indicator.unit)) / \(global.number.quantity(indicator.target, unit: indicator.unit))")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import figures from CSV (OPD,indicator,target,actual,as-of[,unit]) into a meeting, all or nothing.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var meeting: MeetingID
        @Argument var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw InputError.invalidValue(field: "CSV file", value: file, hint: "the file cannot be read")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw InputError.invalidValue(field: "CSV file", value: file, hint: "the file is not UTF-8 text")
            }
            let rows = try IndicatorCSV.parse(text, source: file)
            let m = try await global.services().minutes.record(rows, at: meeting)
            print("\(m.id): \(rows.count) " + global.t("angka indikator dicatat", "indicator figures recorded"))
        }
    }
}
