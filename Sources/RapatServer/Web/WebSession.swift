import Foundation
import Hummingbird
import HummingbirdAuth
import RapatStore

/// What a signed-in browser's session holds: who it is and the CSRF token its forms carry.
struct WebSession: Codable, Sendable, Equatable {
    var username: String
    var csrf: String
}

/// Hummingbird's key/value storage over the archive's shared values, so the sessions of hummingbird-auth are
/// kept where every `rapat serve` on the same database reads them (and survive a restart).
struct StoreSessionDriver: PersistDriver {
    let store: any MeetingStore
    /// Sessions read in the last second: every page reads its session, and most pages come in bursts.
    let recent = RecentLookups<SharedValue?>()

    struct SharedValue: Sendable {
        var text: String
        var expiresAt: Date?
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func expiry(_ d: Duration?) -> Date? { d.map { Date().addingTimeInterval(TimeInterval($0.components.seconds)) } }

    static func text(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        guard try await store.setSharedValue(key, try Self.text(value), expiresAt: Self.expiry(expires), onlyIfAbsent: true) else {
            throw PersistError.duplicate
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        // Without a new expiry an existing one is kept.
        let expiresAt = try await expires == nil ? store.sharedValue(key)?.expiresAt : Self.expiry(expires)
        try await store.setSharedValue(key, try Self.text(value), expiresAt: expiresAt, onlyIfAbsent: false)
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let found = try await recent.value(key) { try await store.sharedValue(key).map { SharedValue(text: $0.0, expiresAt: $0.1) } }
        guard let found, found.expiresAt.map({ $0 > Date() }) ?? true else { return nil }
        let (text, expiresAt) = (found.text, found.expiresAt)
        guard let object = try? JSONDecoder().decode(Object.self, from: Data(text.utf8)) else { throw PersistError.invalidConversion }
        return (object, expiresAt.map { .seconds(max(0, $0.timeIntervalSinceNow)) })
    }

    func remove(key: String) async throws {
        try await store.removeSharedValue(key)
    }
}

/// Session cookies: HttpOnly, SameSite=Lax, Secure when the request came over TLS (a proxy says so with
/// `X-Forwarded-Proto: https`); a new id at every sign-in.
struct WebSessions: Sendable {
    let plain: SessionStorage<WebSession>
    let secure: SessionStorage<WebSession>
    static let cookieName = "rapat_sesi"
    static let lifetime: Duration = .seconds(8 * 3600)

    init(store: any MeetingStore) {
        let driver = StoreSessionDriver(store: store)
        func storage(secure: Bool) -> SessionStorage<WebSession> {
            SessionStorage(driver, configuration: .init(sessionCookieParameters: .init(name: Self.cookieName, path: "/", secure: secure, sameSite: .lax),
                                                        keyPrefix: "session:"))
        }
        plain = storage(secure: false)
        secure = storage(secure: true)
    }

    func storage(for request: Request) -> SessionStorage<WebSession> {
        Self.isSecure(request) ? secure : plain
    }

    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme?.rawValue == "https" || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}

/// Random tokens for CSRF: 32 bytes, URL-safe.
enum RandomToken {
    static func make() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    /// Compares without stopping at the first difference.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
