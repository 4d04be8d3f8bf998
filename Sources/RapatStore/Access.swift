import Foundation
import RapatCore

/// Who an API token speaks for.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Plans and runs meetings, writes minutes.
    case secretariat
    /// Reads the meetings they are invited to and checks in as themselves.
    case participant
    /// Reads and searches approved minutes.
    case archivist
}

/// A stored API token: only its SHA-256 is kept, the secret is shown once when it is made.
public struct APIToken: Sendable, Equatable, Codable {
    /// The first 12 hex digits of the secret's SHA-256: what lists and revocations name (never the secret).
    public var id: String
    public var role: Role
    public var person: PersonID?
    public var createdAt: Date
    /// After this instant the token no longer opens anything; nil: until revoked.
    public var expiresAt: Date?

    public init(id: String = "", role: Role, person: PersonID?, createdAt: Date, expiresAt: Date? = nil) {
        self.id = id
        self.role = role
        self.person = person
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// Whether the token still opens the API at `now`.
    public func isValid(at now: Date) -> Bool { expiresAt.map { now < $0 } ?? true }

    /// The public id of a stored hash.
    public static func id(ofHash hash: String) -> String { String(hash.prefix(12)) }

    /// A new random secret: 32 bytes as hex.
    public static func newSecret() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    public static func hash(_ secret: String) -> String { SHA256.hex(Array(secret.utf8)) }
}

/// A token that reads exactly one calendar feed, as the principal who made it (a calendar URL carries it; it
/// opens nothing else). Making another for the same feed and owner replaces it (rotation).
public struct FeedToken: Sendable, Equatable, Codable {
    public var id: String
    /// The feed it opens: `person:NIP` or `opd:name` (lower case).
    public var feed: String
    public var role: Role
    public var person: PersonID?
    public var createdAt: Date

    public init(id: String, feed: String, role: Role, person: PersonID?, createdAt: Date) {
        self.id = id
        self.feed = feed
        self.role = role
        self.person = person
        self.createdAt = createdAt
    }
}

/// A person who signs in to the web face: a username, a bcrypt hash of the password (never the password), a role,
/// and for a participant the person they are.
public struct WebUser: Sendable, Equatable, Codable {
    public var username: String
    public var role: Role
    public var person: PersonID?
    public var passwordHash: String
    public var disabled: Bool
    public var createdAt: Date

    public init(username: String, role: Role, person: PersonID?, passwordHash: String, disabled: Bool = false, createdAt: Date) {
        self.username = username
        self.role = role
        self.person = person
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdAt = createdAt
    }
}
