import Foundation
import Hummingbird
import Logging
import RapatCore
import RapatService
import RapatStore

/// The request context: the principal the token speaks for, and the language the client reads.
public struct RapatContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var token: APIToken?
    /// The SHA-256 of the API token sent (a feed token made now dies with it).
    public var tokenHash: String?
    /// The feed a feed token opened the request for (`FeedScope.key`); nil when an API token did.
    public var feed: String?
    /// Pages: the signed-in user, their session and their name.
    var webUser: WebUser?
    var webSession: WebSession?
    var webUserName: String?
    public var language: Language

    public init(source: Source) {
        coreContext = .init(source: source)
        token = nil
        language = .id
    }

    func meetingID() throws -> MeetingID { try MeetingID(parameters.get("id") ?? "") }

    /// The largest request body read (1 MiB): larger ones are answered 413.
    public static let bodyLimit = 1 << 20
    public var maxUploadSize: Int { Self.bodyLimit }
}

/// Reads the language (`Accept-Language`) and the token: an API token in `Authorization: Bearer …`, or, on
/// feed routes only, a feed token in `?token=` (never an API token: a leaked calendar URL opens no API).
/// Refuses requests without a valid token.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = RapatContext
    let store: any MeetingStore
    /// Router paths that need no token, and those that take it in the query.
    let open: Set<String>, tokenInQuery: [String]
    /// Tokens looked up in the last second, by the hash of their secret: a revoked token stops within a second.
    let tokens = RecentLookups<APIToken?>(), feedTokens = RecentLookups<FeedToken?>()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Self.language(request.headers[.acceptLanguage])
        // Pages have their own sessions; tokens are for the API and the feeds.
        let path = request.uri.path
        guard path.hasPrefix("/api/") || path.hasPrefix("/feeds/") else { return try await next(request, context) }
        if open.contains(path) { return try await next(request, context) }
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let secret = String(header.dropFirst(7)).trimmed
            let hash = APIToken.hash(secret)
            guard let token = try await tokens.value(hash, load: { try await store.token(secret: secret) }), token.isValid(at: Date()) else {
                throw APIError.unauthenticated
            }
            context.token = token
            context.tokenHash = hash
        } else if tokenInQuery.contains(where: { request.uri.path.hasPrefix($0) }), let secret = request.uri.queryParameters.get("token") {
            guard let feed = try await feedTokens.value(APIToken.hash(String(secret)), load: { try await store.feedToken(secret: String(secret)) })
            else { throw APIError.unauthenticated }
            context.token = APIToken(id: feed.id, role: feed.role, person: feed.person, createdAt: feed.createdAt)
            context.feed = feed.feed
        } else {
            throw APIError.unauthenticated
        }
        return try await next(request, context)
    }

    /// English when the client prefers it, Indonesian otherwise.
    static func language(_ header: String?) -> Language {
        guard let first = header?.split(separator: ",").first?.split(separator: ";").first?.trimmed.lowercased() else { return .id }
        return first.hasPrefix("en") ? .en : .id
    }
}

/// Turns every thrown error into its JSON response in the client's language, so handlers just throw.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = RapatContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let requestID = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let path = request.uri.path
            let isPage = !path.hasPrefix("/api/") && !path.hasPrefix("/feeds/")
            let api = APIError.from(error, isPage ? context.language : AuthMiddleware.language(request.headers[.acceptLanguage]), requestID: requestID)
            // The detail (an SQL error, a path) goes to the log only; the client gets the id to quote.
            if api.status == .internalServerError { logger.error("request \(requestID): \(request.method) \(request.uri.path): \(error)") }
            var response = isPage ? WebView.shared.error(request, context, status: api.status, message: api.message)
                : try api.response(from: request, context: context)
            if isPage { WebMiddleware.secure(&response.headers) }
            if api.status == .internalServerError { response.headers[.init("X-Request-Id")!] = requestID }
            // The archive is busy or its database away for a moment: a client may try again shortly.
            if api.status == .serviceUnavailable { response.headers[.retryAfter] = "1" }
            return response
        }
    }
}

/// Rapat over HTTP: the routes of `RapatAPI.table`, each calling one use case of the application layer.
public struct RapatAPI: Sendable {
    public let store: any MeetingStore
    /// The approving office's key that seals approvals made through the API; without it approvals answer 409.
    public let signer: SealSigner?

    public init(store: any MeetingStore, signer: SealSigner? = nil) {
        self.store = store
        self.signer = signer
    }

    /// The one route table: the router is built from it, and so is the OpenAPI document.
    static let table: [Route] = [OpenAPI.route] + PeopleController.routes + MeetingsController.routes + MinutesController.routes
        + ArchiveController.routes + FeedsController.routes + CalendarImportController.routes

    /// Every route: method and path, as the OpenAPI document lists them.
    public static var routes: [(String, String)] { table.map { ($0.method.rawValue, $0.path) } }

    public func router(logger: Logger = Logger(label: "rapat")) -> Router<RapatContext> {
        let router = Router(context: RapatContext.self)
        router.add(middleware: RequestLogMiddleware(level: .info))
        router.add(middleware: ErrorMiddleware(logger: logger))
        router.add(middleware: AuthMiddleware(store: store, open: Set(Self.table.filter { !$0.requiresToken }.map(\.path)),
                                              tokenInQuery: Self.table.filter(\.tokenInQuery).map { String($0.routerPath.prefix { $0 != ":" }) }))
        let sessions = WebSessions(store: store)
        router.add(middleware: WebMiddleware(store: store, sessions: sessions))
        WebPages(store: store, signer: signer, sessions: sessions, meetings: MeetingPeopleCache(events: store.events)).register(on: router)
        let store = store, signer = signer
        let feeds = FeedCache(events: store.events), meetings = MeetingCache(events: store.events), searches = SearchCache(events: store.events)
        for route in Self.table {
            router.on(RouterPath(route.routerPath), method: route.method) { request, context in
                let principal = context.token.map(Principal.init) ?? Principal(role: .archivist, person: nil)
                // The permission the table declares is asked before the body is read: a refusal is 403 whatever it holds.
                if let permission = route.permission { try AccessPolicy.require(principal, permission) }
                if let permission = route.meetingPermission, !AccessPolicy.may(principal, permission) {
                    try AccessPolicy.require(principal, permission, on: try await store.meeting(try context.meetingID()))
                }
                return try await route.handler(request, context, Services(store: store, principal: principal, language: context.language,
                                                                                signer: signer, feeds: feeds, meetings: meetings, searches: searches))
            }
        }
        return router
    }
}

/// The server `rapat serve` runs: the JSON API over `store`, on `host:port`.
public func makeApplication(store: any MeetingStore, configuration: ServerConfiguration) -> some ApplicationProtocol {
    var logger = Logger(label: "rapat")
    logger.logLevel = .info
    // A connection that sends nothing for `idleTimeoutSeconds` is closed, so slow or stalled clients cannot hold the server.
    return Application(router: RapatAPI(store: store, signer: configuration.signer).router(logger: logger),
                       server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
                       configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Rapat"), logger: logger)
}

/// Where and how `rapat serve` listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Seconds a connection may stay silent (idle between requests, or stalled inside one) before it is closed.
    public var idleTimeoutSeconds: Int
    /// Seals approvals made through the API.
    public var signer: SealSigner?

    public init(host: String = "127.0.0.1", port: Int = 8080, idleTimeoutSeconds: Int = 30, signer: SealSigner? = nil) {
        self.host = host
        self.port = port
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.signer = signer
    }
}
