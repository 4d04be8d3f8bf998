import Foundation
import Hummingbird
import RapatCore
import RapatService
import RapatStore

/// For pages (everything but /api/ and /feeds/): the language (cookie, then Accept-Language), the signed-in
/// user from the session cookie, and the headers every page carries (CSP without inline script, no framing).
struct WebMiddleware: RouterMiddleware {
    typealias Context = RapatContext
    let store: any MeetingStore
    let sessions: WebSessions
    /// Users and their names read in the last second (a disabled user is out within it; at once when disabled here).
    let users = RecentLookups<(user: WebUser, name: String?)?>()

    static let languageCookie = "rapat_bahasa"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard !path.hasPrefix("/api/"), !path.hasPrefix("/feeds/") else { return try await next(request, context) }
        var context = context
        context.language = Self.language(request)
        if !path.hasPrefix("/static/"), let session = try? await sessions.storage(for: request).load(request: request),
           let (user, name) = try await users.value(session.username, load: { [store] in
               guard let user = try await store.user(session.username) else { return nil }
               return (user, try? await user.person.asyncMap { try await store.person($0).name })
           }), !user.disabled {
            context.webUser = user
            context.webSession = session
            context.webUserName = name
        }
        var response = try await next(request, context)
        Self.secure(&response.headers)
        return response
    }

    static func language(_ request: Request) -> Language {
        switch request.cookies[languageCookie]?.value {
        case "en": return .en
        case "id": return .id
        default: return AuthMiddleware.language(request.headers[.acceptLanguage])
        }
    }

    /// Scripts and styles from Rapat itself only (no inline script), no framing, no sniffing, no referrer to other hosts.
    static func secure(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.init("Referrer-Policy")!] = "same-origin"
        headers[.init("X-Frame-Options")!] = "DENY"
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
