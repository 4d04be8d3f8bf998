import ArgumentParser
import Foundation
import RapatCore
import RapatServer
import RapatService
import RapatStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the JSON API and calendar feeds over HTTP (OpenAPI at /api/openapi.json) and the web pages.")
    @OptionGroup var global: GlobalOptions
    @Option var host = "127.0.0.1"
    @Option var port = 8080
    @Option(help: "Seconds a connection may stay silent before it is closed.") var idleTimeout = 30
    @Option(name: .customLong("signing-key"), help: "The approving office's private key that seals approvals made through the API (default $RAPAT_SIGNING_KEY).")
    var signingKey: String?

    func run() async throws {
        let configuration = ServerConfiguration(host: host, port: port, idleTimeoutSeconds: max(1, idleTimeout), signer: try KeyFile.named(signingKey))
        let app = makeApplication(store: try await global.store(), configuration: configuration)
        // runService stops on SIGTERM/SIGINT after the requests in flight are answered.
        try await app.runService()
    }
}
