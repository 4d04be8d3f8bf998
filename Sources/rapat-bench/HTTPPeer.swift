import ArgumentParser
import Foundation
import Hummingbird

extension RapatBench {
    /// The reference `bench/http.sh` measures Rapat against: a bare Hummingbird route answering 2 KB of JSON,
    /// no middleware, no store, in the same build and on the same machine.
    struct HTTPPeer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "http-peer", abstract: "Serve a bare Hummingbird route (GET /peer, 2 KB of JSON) as the HTTP benchmark's reference.")
        @Option(help: "Port on 127.0.0.1.") var port = 18090

        func run() async throws {
            let body = ByteBuffer(string: "{\"items\":[" + (0..<40).map { "{\"n\":\($0),\"text\":\"rapat pimpinan\"}" }.joined(separator: ",") + "]}")
            let router = Router()
            router.get("/peer") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
            }
            try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port))).runService()
        }
    }
}
