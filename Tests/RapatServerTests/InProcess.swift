import Hummingbird
import RapatServer

/// How the server tests reach the router: in this process, no socket (`InProcessClient`).
enum InProcessMode { case router }

extension Application where Responder == RouterResponder<RapatContext> {
    /// Runs `body` with a client whose requests this application's router answers in process.
    func test<Value>(_ mode: InProcessMode, _ body: (InProcessClient) async throws -> Value) async throws -> Value {
        try await body(InProcessClient(responder: try await responder))
    }
}
