import Foundation
import Logging
import PostgresNIO
import RapatCore
import RapatStore

/// The primitives of one PostgreSQL write transaction, on its connection.
public struct PostgresTransaction: StoreTransaction {
    let c: PostgresConnection
    let logger: Logger
    /// The meetings saved, announced (NOTIFY) just before the commit, which delivers them.
    let changed: ChangedMeetings

    public func policy() async throws -> Policy { try await PostgresStore.policy(c, logger) }
    public func holidays() async throws -> [Holiday] { try await PostgresStore.holidays(c, logger) }

    public func archiveID() async throws -> String {
        var id = ""
        for try await value in try await c.query("SELECT archive_id FROM archive WHERE id = 1", logger: logger).decode(String.self) { id = value }
        return id
    }

    // Rows this transaction may change are read with FOR NO KEY UPDATE: another writer of the same row waits for
    // this one's commit and reads what it wrote (no lost update), while writers of other rows go on in parallel.
    // References to the row (KEY SHARE) are not held up.
    public func person(_ nip: PersonID) async throws -> Person? {
        try await PostgresStore.people("SELECT nip, name, jabatan, opd, email, pangkat, linked_to FROM person WHERE nip = \(nip.key) FOR NO KEY UPDATE", c, logger).first
    }

    public func people(_ nips: Set<PersonID>) async throws -> [PersonID: Person] {
        let found = try await PostgresStore.people("SELECT nip, name, jabatan, opd, email, pangkat, linked_to FROM person WHERE nip = ANY(\(nips.map(\.key)))", c, logger)
        return Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
    }

    public func insertPerson(_ p: Person) async throws {
        try await c.query("INSERT INTO person (nip, name, jabatan, opd, email, pangkat, linked_to) VALUES (\(p.id.key), \(p.name), \(p.jabatan), \(p.opd), \(p.email), \(p.pangkat), \(p.linkedTo?.key))",
                          logger: logger)
    }

    public func updatePerson(_ p: Person) async throws {
        try await c.query("UPDATE person SET name = \(p.name), jabatan = \(p.jabatan), opd = \(p.opd), email = \(p.email), pangkat = \(p.pangkat), linked_to = \(p.linkedTo?.key) WHERE nip = \(p.id.key)",
                          logger: logger)
    }

    public func meeting(_ id: MeetingID) async throws -> Meeting? {
        try await PostgresStore.load("SELECT doc FROM meeting WHERE id = \(id.description) FOR NO KEY UPDATE", c, logger).first
    }

    /// Holds, until this transaction ends, the lock on one name of `space` (an event's UID, a series): two writers
    /// that would each find no meeting under the name and add one take turns instead. Names share `nameLockBuckets`
    /// locks per space: an import asks for one per event, and PostgreSQL keeps every lock a transaction holds in one
    /// shared table (`max_locks_per_transaction` × connections: 6,400 entries by default) — with a lock per name an
    /// import of 7,000 events failed with "out of shared memory". Two names in one bucket only wait for each other.
    func lockName(_ space: Int32, _ name: String) async throws {
        try await c.query("SELECT pg_advisory_xact_lock(\(space), hashtext(\(name)) & \(Self.nameLockBuckets - 1))", logger: logger)
    }

    static let nameLockBuckets: Int32 = 256

    static let uidLocks: Int32 = 72_611, seriesLocks: Int32 = 72_612, serialLocks: Int32 = 72_613, letterLocks: Int32 = 72_614

    public func meeting(icalUID: String, occurrence: Date?) async throws -> Meeting? {
        try await lockName(Self.uidLocks, icalUID)
        if let occurrence {
            return try await PostgresStore.load("SELECT doc FROM meeting WHERE ical_uid = \(icalUID) AND occurrence_start = \(occurrence)", c, logger).first
        }
        return try await PostgresStore.load("SELECT doc FROM meeting WHERE ical_uid = \(icalUID) AND occurrence_start IS NULL", c, logger).first
    }

    public func meeting(series: String, occurrence: Date) async throws -> Meeting? {
        try await lockName(Self.seriesLocks, series)
        return try await PostgresStore.load("SELECT doc FROM meeting WHERE series_id = \(series) AND occurrence_start = \(occurrence)", c, logger).first
    }

    /// Numbers are given in order without gaps (RP-2020-0007 follows 0006): the writers that number meetings (or
    /// series) of one year take turns, from here until they commit; nothing else waits for them.
    public func lastSerial(_ kind: SerialKind, year: Int) async throws -> Int {
        try await c.query("SELECT pg_advisory_xact_lock(\(Self.serialLocks), \(Int32(truncatingIfNeeded: kind == .meeting ? 2 * year : 2 * year + 1)))", logger: logger)
        let query: PostgresQuery = kind == .meeting
            ? "SELECT coalesce(max(serial), 0) FROM meeting WHERE year = \(year)"
            : "SELECT coalesce(max(serial), 0) FROM series WHERE year = \(year)"
        var serial = 0
        for try await max in try await c.query(query, logger: logger).decode(Int.self) { serial = max }
        return serial
    }

    /// A GiST range lookup on the people's time slots.
    public func unsealedMeetings(naming person: PersonID) async throws -> [MeetingID] {
        // The meeting document names every person by key; a key is 18 characters no other field of the document
        // holds by chance, and a meeting found by free text alone is read and left unchanged.
        var ids: [MeetingID] = []
        for try await id in try await c.query("""
            SELECT id FROM meeting WHERE NOT approved AND (id IN (SELECT meeting_id FROM meeting_person WHERE nip = \(person.key))
                                                           OR strpos(doc, \(person.key)) > 0)
            ORDER BY start_at, id
            """, logger: logger).decode(String.self) {
            ids.append(try MeetingID(id))
        }
        return ids
    }

    public func booked(for m: Meeting) async throws -> [BookedSlot] {
        let others = try await PostgresStore.load("""
            SELECT doc FROM meeting WHERE id IN (
                SELECT meeting_id FROM meeting_person
                WHERE nip = ANY(\(m.everyone.map(\.key))) AND active AND slot && tstzrange(\(m.start), \(m.end)) AND meeting_id <> \(m.id.description))
            """, c, logger)
        return others.map { BookedSlot(meetingID: $0.id, title: $0.title, start: $0.start, end: $0.end, timeZone: $0.timeZone, people: Set($0.everyone)) }
    }

    public func save(_ m: Meeting, new: Bool) async throws {
        try await PostgresStore.save(m, new: new, c, logger)
        changed.insert(m.id)
    }

    public func setSeriesHorizon(_ id: String, _ horizon: Date?) async throws {
        try await c.query("UPDATE series SET horizon = \(horizon) WHERE id = \(id)", logger: logger)
    }

    public func seriesDue(through: Date) async throws -> [Series] {
        try await PostgresStore.series("""
            SELECT id, title, rule, exceptions, horizon FROM series WHERE horizon IS NOT NULL AND horizon < \(through) ORDER BY year, serial
            FOR NO KEY UPDATE
            """, c, logger)
    }

    public func seriesEnds(_ id: String, through: Date) async throws -> (first: Date, last: Meeting)? {
        var first: Date?
        for try await f in try await c.query("""
            SELECT min(coalesce(occurrence_start, start_at)) FROM meeting WHERE series_id = \(id)
            """, logger: logger).decode(Date?.self) { first = f }
        guard let first else { return nil }
        let last = try await PostgresStore.load("""
            SELECT doc FROM meeting WHERE series_id = \(id) AND coalesce(occurrence_start, start_at) <= \(through)
            ORDER BY coalesce(occurrence_start, start_at) DESC, id DESC LIMIT 1
            """, c, logger).first
        return last.map { (first, $0) }
    }

    public func series(_ id: String) async throws -> Series? {
        try await PostgresStore.series("SELECT id, title, rule, exceptions, horizon FROM series WHERE id = \(id) FOR NO KEY UPDATE", c, logger).first
    }

    public func insertSeries(_ s: Series, year: Int, serial: Int) async throws {
        let exceptions = s.rule.exceptions.sorted().map(\.description).joined(separator: ",")
        try await c.query("""
            INSERT INTO series (id, year, serial, title, rule, exceptions, horizon)
            VALUES (\(s.id), \(year), \(serial), \(s.title), \(s.rule.stored), \(exceptions), \(s.horizon))
            """, logger: logger)
    }

    public func insertVersion(_ v: MinutesVersion) async throws {
        try await c.query("""
            INSERT INTO minutes_version (meeting_id, version, approved_by, approved_at, reason, canonical, digest, key_id, signature)
            VALUES (\(v.meetingID.description), \(v.version), \(v.approvedBy.key), \(v.approvedAt), \(v.reason),
                    \(v.canonicalText), \(v.digest), \(v.signature?.keyID), \(v.signature?.value))
            """, logger: logger)
    }

    public func latestVersion(_ id: MeetingID) async throws -> (version: Int, digest: String)? {
        let rows = try await c.query("SELECT version, digest FROM minutes_version WHERE meeting_id = \(id.description) ORDER BY version DESC LIMIT 1",
                                     logger: logger)
        for try await (version, digest) in rows.decode((Int, String).self) { return (version, digest) }
        return nil
    }

    public func signingKey(_ id: String) async throws -> SigningKey? {
        try await PostgresStore.signingKeys(c, logger, id: id).first
    }

    public func signingKeys() async throws -> [SigningKey] { try await PostgresStore.signingKeys(c, logger, id: nil) }

    public func insertSigningKey(_ k: SigningKey) async throws {
        try await c.query("INSERT INTO signing_key VALUES (\(k.id), \(k.office), \(k.publicKeyPEM), \(k.registeredAt))", logger: logger)
    }

    public func setFollowUp(_ id: ActionID, _ status: ActionStatus, at: Date, note: String?) async throws {
        try await c.query("""
            INSERT INTO action_follow_up VALUES (\(id.meeting.description), \(id.number), \(status.rawValue), \(at.wholeSecond), \(note))
            ON CONFLICT (meeting_id, number) DO UPDATE SET status = excluded.status, at = excluded.at, note = excluded.note
            """, logger: logger)
    }

    public func insertToken(hash: String, role: Role, person: PersonID?, createdAt: Date, expiresAt: Date?) async throws {
        try await c.query("INSERT INTO api_token (hash, role, nip, created_at, expires_at) VALUES (\(hash), \(role.rawValue), \(person?.key), \(createdAt), \(expiresAt))",
                          logger: logger)
    }

    public func deleteFeedTokens(feed: String, ownerHash: String?, role: Role, person: PersonID?) async throws {
        try await c.query("""
            DELETE FROM feed_token WHERE feed = \(feed) AND owner_hash IS NOT DISTINCT FROM \(ownerHash) AND role = \(role.rawValue)
            AND nip IS NOT DISTINCT FROM \(person?.key)
            """, logger: logger)
    }

    public func insertFeedToken(hash: String, feed: String, role: Role, person: PersonID?, ownerHash: String?, createdAt: Date) async throws {
        try await c.query("""
            INSERT INTO feed_token (hash, feed, role, nip, owner_hash, created_at)
            VALUES (\(hash), \(feed), \(role.rawValue), \(person?.key), \(ownerHash), \(createdAt))
            """, logger: logger)
    }

    public func user(_ username: String) async throws -> WebUser? { try await PostgresStore.users(c, logger, username: username).first }

    public func insertUser(_ u: WebUser) async throws {
        try await c.query("""
            INSERT INTO web_user (username, role, nip, password_hash, disabled, created_at)
            VALUES (\(u.username), \(u.role.rawValue), \(u.person?.key), \(u.passwordHash), \(u.disabled), \(u.createdAt))
            """, logger: logger)
    }

    public func updateUser(_ u: WebUser) async throws {
        try await c.query("""
            UPDATE web_user SET role = \(u.role.rawValue), nip = \(u.person?.key), password_hash = \(u.passwordHash), disabled = \(u.disabled)
            WHERE username = \(u.username)
            """, logger: logger)
    }

    public func letterNumber(document: String, meeting: MeetingID) async throws -> LetterNumber? {
        try await PostgresStore.letterNumbers("SELECT year, serial, document, meeting_id, number, assigned_at FROM letter_number WHERE document = \(document) AND meeting_id = \(meeting.description)", c, logger).first
    }

    public func lastLetterSerial(year: Int) async throws -> Int {
        try await c.query("SELECT pg_advisory_xact_lock(\(Self.letterLocks), \(Int32(truncatingIfNeeded: year)))", logger: logger)
        var last = 0
        for try await value in try await c.query("SELECT COALESCE(MAX(serial), 0) FROM letter_number WHERE year = \(year)", logger: logger).decode(Int.self) { last = value }
        return last
    }

    public func insertLetterNumber(_ n: LetterNumber) async throws {
        try await c.query("""
            INSERT INTO letter_number (year, serial, document, meeting_id, number, assigned_at)
            VALUES (\(n.year), \(n.serial), \(n.document), \(n.meetingID.description), \(n.text), \(n.assignedAt))
            """, logger: logger)
    }

    public func sharedValue(_ key: String, now: Date) async throws -> String? {
        try await PostgresStore.sharedValue(key, now: now, c, logger)?.0
    }

    public func putSharedValue(_ key: String, _ value: String, expiresAt: Date?) async throws {
        try await c.query("""
            INSERT INTO shared_value (key, value, expires_at) VALUES (\(key), \(value), \(expiresAt))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
            """, logger: logger)
        try await c.query("DELETE FROM shared_value WHERE key IN (SELECT key FROM shared_value WHERE expires_at < now() LIMIT 16)", logger: logger)
    }

    public func deleteSharedValue(_ key: String) async throws {
        try await c.query("DELETE FROM shared_value WHERE key = \(key)", logger: logger)
    }

    public func deleteTokens(hashPrefix: String) async throws -> Int {
        var n = 0
        for try await count in try await c.query("WITH d AS (DELETE FROM api_token WHERE starts_with(hash, \(hashPrefix)) RETURNING 1) SELECT count(*)::int8 FROM d",
                                                 logger: logger).decode(Int.self) { n = count }
        return n
    }
}

extension PSQLError: StoreInfrastructureError {}
