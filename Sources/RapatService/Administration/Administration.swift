import Foundation
import RapatCore
import RapatStore

/// The archive's own settings: working hours and on-time policy, holidays, API tokens, bundles for other
/// installations, integrity and the search index.
public struct Administration: Sendable {
    let store: any MeetingStore
    let principal: Principal

    public func policy() async throws -> Policy {
        try AccessPolicy.require(principal, .administer)
        return try await store.policy()
    }

    /// Changes one setting (`working-hours 07:30-16:00`, `grace-minutes 5`, …), checked before it is stored.
    public func set(_ key: String, _ value: String) async throws {
        try AccessPolicy.require(principal, .administer)
        if key == "organizer-name" { try TextRules.check(TextRules.Field(name: key, value: value, multiLine: false, limit: 300)) }
        var policy = try await store.policy()
        try policy.set(key, value)
        try await store.setPolicy(policy)
    }

    public func holidays() async throws -> [Holiday] { try await store.holidays() }

    /// Adds holidays from a list of `YYYY-MM-DD name` lines; a bad line refuses the whole list. Returns (read, new).
    public func importHolidays(_ text: String, source: String) async throws -> (read: Int, added: Int) {
        try AccessPolicy.require(principal, .administer)
        let holidays = try Holiday.parseList(text, source: source)
        for h in holidays { try TextRules.check(h) }
        return (holidays.count, try await store.addHolidays(holidays))
    }

    public func addHoliday(_ date: CivilDate, name: String) async throws {
        try AccessPolicy.require(principal, .administer)
        let holiday = Holiday(date: date, name: name)
        try TextRules.check(holiday)
        try await store.addHolidays([holiday])
    }

    /// A new API token; its secret is returned once and stored only as a SHA-256.
    public func createToken(role: Role, person: PersonID?, expiresAt: Date? = nil) async throws -> String {
        try AccessPolicy.require(principal, .administer)
        if let expiresAt, expiresAt <= Date() {
            throw InputError.invalidValue(field: "--expires", value: "\(expiresAt)", hint: "give a day in the future")
        }
        return try await store.createToken(role: role, person: person, expiresAt: expiresAt)
    }

    public func tokens() async throws -> [APIToken] {
        try AccessPolicy.require(principal, .administer)
        return try await store.tokens()
    }

    /// Revokes the tokens whose id starts with `prefix`; returns how many.
    public func revokeTokens(prefix: String) async throws -> Int {
        try AccessPolicy.require(principal, .administer)
        return try await store.revokeTokens(prefix: prefix)
    }

    public func exportBundle() async throws -> ArchiveBundle {
        try AccessPolicy.require(principal, .administer)
        return try await store.exportBundle()
    }

    public func importBundle(_ bundle: ArchiveBundle) async throws {
        try AccessPolicy.require(principal, .administer)
        for p in bundle.people { try TextRules.check(p) }
        for s in bundle.series { try TextRules.check(s) }
        for file in bundle.meetings { try TextRules.check(file.meeting) }
        try await store.importBundle(bundle)
    }

    /// Recomputes every digest of the sealed minutes in the period; empty when the archive is intact.
    public func verify(from: Date?, to: Date?) async throws -> [IntegrityProblem] {
        try AccessPolicy.require(principal, .verifyArchive)
        return try await store.verify(from: from, to: to)
    }

    /// Registers an approving office's public key (a PEM public key, or the public half of a private key file).
    public func registerSigningKey(pem: String, office: String) async throws -> SigningKey {
        try AccessPolicy.require(principal, .administer)
        let key = try SigningKey(publicKeyPEM: pem, office: try TextRules.line(office, field: "office"), registeredAt: Date())
        try await store.registerSigningKey(key)
        return key
    }

    public func signingKeys() async throws -> [SigningKey] {
        try AccessPolicy.require(principal, .verifyArchive)
        return try await store.signingKeys()
    }

    public func reindex(progress: (@Sendable (Int, Int) -> Void)?) async throws {
        try AccessPolicy.require(principal, .administer)
        try await store.reindex(progress: progress)
    }
}
