import ArgumentParser
import Foundation
import Logging
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
    @Flag(help: "Build the sample archive afresh into rapat-demo.db (or --database), add one account per role, and serve it: open the URL it prints.")
    var demo = false

    func run() async throws {
        var signer = try KeyFile.named(signingKey)
        var location = try StoreLocation.resolve(global.database ?? (demo ? "rapat-demo.db" : nil))
        if demo {
            guard case let .sqlite(path) = location else { throw ValidationError("--demo builds a SQLite archive: give --database FILE.db or none") }
            let keyPath = URL(fileURLWithPath: path).deletingPathExtension().path + ".key.pem"
            let demo = try await DemoArchive.build(at: path, keyPath: keyPath)
            signer = demo.signer
            location = .sqlite(path: path)
            var text = global.t("Arsip contoh", "Demo archive") + ": \(path)\n"
            text += global.t("Buka", "Open") + " http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/ " + global.t("lalu masuk sebagai", "and sign in as") + ":\n"
            for account in DemoArchive.accounts {
                text += "  \(account.username.padding(toLength: 12, withPad: " ", startingAt: 0)) (\(account.role.rawValue))  "
                    + global.t("kata sandi", "password") + ": \(DemoArchive.password)\n"
            }
            if let id = demo.meetingNow {
                text += global.t("Rapat yang sedang menunggu dimulai (ruang rapat)", "A meeting waiting to start (meeting room)")
                    + ": http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/rapat/\(id)/ruang\n"
            }
            // Written at once, unbuffered: the server runs on and the newcomer reads this first.
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let configuration = ServerConfiguration(host: host, port: port, idleTimeoutSeconds: max(1, idleTimeout), signer: signer)
        // The request log is buffered (one write per 100 ms, warnings and errors at once), not a write per request.
        LoggingSystem.bootstrap(BufferedLogHandler.init)
        defer { BufferedLogHandler.flush() }
        let app = makeApplication(store: try await location.open(), configuration: configuration)
        // runService stops on SIGTERM/SIGINT after the requests in flight are answered.
        try await app.runService()
    }
}
