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
    @Option(help: "Seconds a connection may stay silent before it is closed.") var idleTimeout = 30

    func run() async throws {
        let app = makeApplication(store: try await global.store(), configuration: ServerConfiguration(host: host, port: port, idleTimeoutSeconds: max(1, idleTimeout)))
        // runService stops on SIGTERM/SIGINT after the requests in flight are answered.
        try await app.runService()
    }
}
