import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded

/// Requests answered by Rapat's router inside this process, without a socket: what the server tests send and what
/// `rapat-bench pages` times. The request goes through every middleware and route as a served one does.
public struct InProcessClient: Sendable {
    let responder: RouterResponder<RapatContext>
    let logger: Logger

    public init(router: Router<RapatContext>, logger: Logger = Logger(label: "rapat.in-process")) {
        self.init(responder: router.buildResponder(), logger: logger)
    }

    public init(responder: RouterResponder<RapatContext>, logger: Logger = Logger(label: "rapat.in-process")) {
        self.responder = responder
        self.logger = logger
    }

    /// Sends one request and hands its whole response to `read`. A route that throws is answered 500, as served.
    public func execute<Value>(uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: ByteBuffer? = nil,
                               _ read: (InProcessResponse) async throws -> Value) async throws -> Value {
        var headers = headers
        if let body { headers[.contentLength] = String(body.readableBytes) }
        let request = Request(head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers),
                              body: RequestBody(buffer: body ?? ByteBuffer()))
        let context = RapatContext(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            response = Response(status: .internalServerError)
        }
        var collector = BodyCollector()
        try await response.body.write(collector.writer)
        return try await read(InProcessResponse(head: response.head, body: collector.box.body))
    }
}

/// A response read whole.
public struct InProcessResponse: Sendable {
    public let head: HTTPResponse
    public let body: ByteBuffer
    public var status: HTTPResponse.Status { head.status }
    public var headers: HTTPFields { head.headerFields }
}

/// Gathers a response body as the route writes it.
private struct BodyCollector {
    final class Box: @unchecked Sendable {
        // @unchecked: written by the one body writer, read after it finished.
        var body = ByteBuffer()
    }

    struct Writer: ResponseBodyWriter {
        let box: Box
        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            box.body.writeBuffer(&buffer)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    let box = Box()
    var writer: Writer { Writer(box: box) }
}
