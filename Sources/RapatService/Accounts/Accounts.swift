import Foundation
import HummingbirdBcrypt
import RapatCore
import RapatStore

/// Web users: accounts with bcrypt-hashed passwords, and signing in with throttling shared by every instance
/// (failures are counted in the archive, not in one process).
public struct Accounts: Sendable {
    let store: any MeetingStore
    let principal: Principal

    /// bcrypt's work factor: about a tenth of a second per check on this class of machine.
    static let cost: UInt8 = 11
    /// Failed sign-ins of one username within `window` after which sign-in is refused for the rest of the window.
    public static let maxFailures = 5
    public static let window: TimeInterval = 15 * 60

    public func add(username: String, role: Role, person: PersonID?, password: String) async throws -> WebUser {
        try AccessPolicy.require(principal, .administer)
        let name = try Self.checkedUsername(username)
        if role == .participant, person == nil { throw StoreError.tokenNeedsPerson }
        let user = WebUser(username: name, role: role, person: person, passwordHash: Bcrypt.hash(try Self.checkedPassword(password), cost: Self.cost),
                           createdAt: Date().wholeSecond)
        try await store.addUser(user)
        return user
    }

    public func list() async throws -> [WebUser] {
        try AccessPolicy.require(principal, .administer)
        return try await store.users()
    }

    public func setPassword(_ username: String, _ password: String) async throws {
        try AccessPolicy.require(principal, .administer)
        guard var user = try await store.user(username) else { throw StoreError.unknownUser(username) }
        user.passwordHash = Bcrypt.hash(try Self.checkedPassword(password), cost: Self.cost)
        try await store.updateUser(user)
    }

    public func setDisabled(_ username: String, _ disabled: Bool) async throws {
        try AccessPolicy.require(principal, .administer)
        guard var user = try await store.user(username) else { throw StoreError.unknownUser(username) }
        user.disabled = disabled
        try await store.updateUser(user)
    }

    /// The user a username and password sign in, or why not. After `maxFailures` failures of one username in
    /// `window`, even the right password is refused until the window ends (`SignInError.throttled`).
    public static func signIn(_ username: String, _ password: String, store: any MeetingStore) async throws -> WebUser {
        let key = "signin-failures:" + username.lowercased().prefix(64)
        let failures = Int(try await store.sharedValue(key)?.value ?? "") ?? 0
        if failures >= maxFailures { throw SignInError.throttled(minutes: Int(window / 60)) }
        let user = try await store.user(username.lowercased())
        // An unknown user costs the same bcrypt check, so timing tells nothing.
        let valid = Bcrypt.verify(password, hash: user?.passwordHash ?? dummyHash)
        guard let user, valid, !user.disabled else {
            try await store.setSharedValue(key, String(failures + 1), expiresAt: Date().addingTimeInterval(window), onlyIfAbsent: false)
            throw SignInError.wrongCredentials
        }
        if failures > 0 { try await store.removeSharedValue(key) }
        return user
    }

    static let dummyHash = Bcrypt.hash("rapat-no-such-user", cost: cost)

    /// 3–32 characters: lower-case letters, digits, dot, hyphen, underscore.
    static func checkedUsername(_ text: String) throws(InputError) -> String {
        let name = text.lowercased()
        guard (3...32).contains(name.count), name.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || ".-_".contains($0) }) else {
            throw .invalidValue(field: "username", value: text, hint: "use 3 to 32 lower-case letters, digits, '.', '-' or '_'")
        }
        return name
    }

    /// At least 10 characters, at most 72 bytes (bcrypt reads no further), no control character.
    static func checkedPassword(_ text: String) throws(InputError) -> String {
        guard text.count >= 10 else { throw .invalidValue(field: "password", value: "…", hint: "use at least 10 characters") }
        guard text.utf8.count <= 72 else { throw .invalidValue(field: "password", value: "…", hint: "use at most 72 bytes (bcrypt reads no further)") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidValue(field: "password", value: "…", hint: "remove the control character")
        }
        return text
    }
}

/// Why a sign-in failed, said without telling which of username or password was wrong.
public enum SignInError: Error, Equatable, Sendable, LocalizedMessage {
    case wrongCredentials
    case throttled(minutes: Int)

    public func message(_ l: Language) -> String {
        switch self {
        case .wrongCredentials:
            return l == .en ? "wrong username or password" : "nama pengguna atau kata sandi salah"
        case let .throttled(minutes):
            return l == .en ? "too many failed sign-ins for this user: try again in \(minutes) minutes"
                : "terlalu banyak percobaan masuk yang gagal untuk pengguna ini: coba lagi dalam \(minutes) menit"
        }
    }
}
