import ArgumentParser
import Foundation
import RapatCore
import RapatService

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show or change working hours and on-time settings of this archive.",
        subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the settings.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let policy = try await global.services().administration.policy()
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
            try await global.services().administration.set(key, value)
            print("\(key) = \(value)")
        }
    }
}
