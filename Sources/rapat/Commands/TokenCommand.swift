import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "API tokens for the service.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a token; its secret is printed once and stored only as a SHA-256.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "secretariat, participant or archivist.") var role: Role
        @Option(help: "NIP of the person a participant token speaks for.", transform: Typed.nip) var person: NIP?

        func run() async throws {
            print(try await global.services().administration.createToken(role: role, person: person))
        }
    }
}
