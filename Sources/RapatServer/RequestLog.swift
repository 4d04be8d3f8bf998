import Hummingbird
import Logging

/// Logs each request's method and path, with the secrets a URL may carry (`?token=…`) replaced by `***`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = RapatContext
    let level: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.log(level: level, "Request", metadata: [
            "hb.request.path": .string(Self.redacted(path: request.uri.path, query: request.uri.query)), "hb.request.method": .string(request.method.rawValue),
        ])
        return try await next(request, context)
    }

    static let secretParameters: Set<String> = ["token", "access_token", "password"]

    /// The path and query of a request, secret parameters redacted.
    static func redacted(path: String, query: String?) -> String {
        guard let query, !query.isEmpty else { return path }
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            let name = part.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return secretParameters.contains(name.lowercased()) ? name + "=***" : String(part)
        }
        return path + "?" + parts.joined(separator: "&")
    }
}
