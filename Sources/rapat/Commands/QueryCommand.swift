import ArgumentParser
import Foundation
import RapatCore
import RapatMinutes
import RapatService
import RapatStore

struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "Query the archive's XML minutes.", subcommands: [XPath.self])

    struct XPath: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xpath", abstract: "Run an XPath 1.0 expression (prefix r: bound to urn:rapat:minutes:1) over the minutes.",
            discussion: "Example: rapat query xpath \"//r:decision[contains(., 'anggaran')]\" --from 2020-07-01")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument var expression: String
        @OptionGroup var period: PeriodOptions

        func run() async throws {
            let filter = try period.filter()
            struct Match: Encodable { var meeting: String; var value: String }
            let matches = try await global.services().documents.xpath(expression, filter: filter).map { Match(meeting: $0.meeting.description, value: $0.value) }
            if output.json { return try JSON.print(matches) }
            for match in matches { print("\(match.meeting)  \(match.value.replacingOccurrences(of: "\n", with: " "))") }
        }
    }
}
