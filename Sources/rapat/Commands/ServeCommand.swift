import ArgumentParser
import Foundation
import RapatCore
import RapatServer
import RapatStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the JSON API and calendar feeds over HTTP (OpenAPI at /openapi.json).")
    @OptionGroup var global: GlobalOptions
    @Option var host = "127.0.0.1"
    @Option var port = 8080

    func run() async throws {
        let app = makeApplication(store: try await global.store(), configuration: ServerConfiguration(host: host, port: port))
        // runService stops on SIGTERM/SIGINT after the requests in flight are answered.
        try await app.runService()
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "API tokens for the service.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a token; its secret is printed once and stored only as a SHA-256.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "secretariat, participant or archivist.") var role: String
        @Option(help: "NIP of the person a participant token speaks for.") var person: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw InputError.invalidValue(field: "--role", value: role, hint: "use secretariat, participant or archivist")
            }
            print(try await global.store().createToken(role: role, person: try person.map(Parse.nip)))
        }
    }
}
