import Foundation
import GRDB
import RapatCore
import RapatStore

/// The primitives of one SQLite write transaction: each is one step on the writer connection.
public struct SQLiteTransaction: StoreTransaction {
    let store: SQLiteStore
    /// The meetings saved, told to listeners after the commit.
    let changed = ChangedMeetings()

    func run<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T { try await store.run(body) }

    public func policy() async throws -> Policy { try await run(SettingRow.policy) }
    public func holidays() async throws -> [Holiday] { try await run(HolidayRow.all) }
    public func archiveID() async throws -> String { try await run(ArchiveRow.id) }

    public func person(_ nip: PersonID) async throws -> Person? {
        try await run { db in try PersonRow.fetchOne(db, key: nip.key)?.person() }
    }

    public func people(_ nips: Set<PersonID>) async throws -> [PersonID: Person] {
        try await run { db in
            let rows = try PersonRow.fetchAll(db, keys: nips.map(\.key))
            return Dictionary(uniqueKeysWithValues: try rows.map { (try PersonID($0.nip), try $0.person()) })
        }
    }

    public func insertPerson(_ person: Person) async throws { try await run { db in try PersonRow(person).insert(db) } }
    public func updatePerson(_ person: Person) async throws { try await run { db in try PersonRow(person).update(db) } }

    public func meeting(_ id: MeetingID) async throws -> Meeting? {
        try await run { db in try MeetingRows.loadOne(sql: "SELECT * FROM meeting WHERE id = ?", [id.description], db) }
    }

    public func meeting(icalUID: String, occurrence: Date?) async throws -> Meeting? {
        try await run { db in
            try MeetingRows.loadOne(sql: "SELECT * FROM meeting WHERE ical_uid = ? AND occurrence_start IS ?", [icalUID, occurrence], db)
        }
    }

    public func meeting(series: String, occurrence: Date) async throws -> Meeting? {
        try await run { db in
            try MeetingRows.loadOne(sql: "SELECT * FROM meeting WHERE series_id = ? AND occurrence_start = ?", [series, occurrence], db)
        }
    }

    public func lastSerial(_ kind: SerialKind, year: Int) async throws -> Int {
        let table = kind == .meeting ? "meeting" : "series"
        return try await run { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(serial) FROM \(table) WHERE year = ?"), arguments: [year]) ?? 0
        }
    }

    public func unsealedMeetings(naming person: PersonID) async throws -> [MeetingID] {
        try await run { db in
            try String.fetchAll(db, sql: """
                SELECT id FROM meeting WHERE approved_by IS NULL AND id IN (
                    SELECT meeting_id FROM meeting_person WHERE nip = ?1 UNION SELECT meeting_id FROM agenda_item WHERE presenter_nip = ?1
                    UNION SELECT meeting_id FROM attendance WHERE nip = ?1 UNION SELECT meeting_id FROM action_item WHERE owner_nip = ?1)
                ORDER BY start_at, id
                """, arguments: [person.key]).map { try MeetingID($0) }
        }
    }

    public func booked(for m: Meeting) async throws -> [BookedSlot] { try await run { db in try MeetingPersonRow.booked(for: m, db) } }

    public func save(_ m: Meeting, new: Bool) async throws {
        try await run { db in try MeetingRows.save(m, new: new, in: db) }
        changed.insert(m.id)
    }

    public func series(_ id: String) async throws -> Series? {
        try await run { db in try SeriesRow.fetchOne(db, key: id)?.series() }
    }

    public func setSeriesHorizon(_ id: String, _ horizon: Date?) async throws {
        try await run { db in try db.execute(sql: "UPDATE series SET horizon = ? WHERE id = ?", arguments: [horizon, id]) }
    }

    public func seriesDue(through: Date) async throws -> [Series] {
        try await run { db in
            try SeriesRow.fetchAll(db, sql: "SELECT * FROM series WHERE horizon IS NOT NULL AND horizon < ? ORDER BY year, serial", arguments: [through])
                .map { try $0.series() }
        }
    }

    public func seriesEnds(_ id: String, through: Date) async throws -> (first: Date, last: Meeting)? {
        try await run { db in
            let bounds = try Row.fetchOne(db, sql: """
                SELECT min(coalesce(occurrence_start, start_at)) AS first,
                       (SELECT id FROM meeting WHERE series_id = ?1 AND coalesce(occurrence_start, start_at) <= ?2
                        ORDER BY coalesce(occurrence_start, start_at) DESC, id DESC LIMIT 1) AS last
                FROM meeting WHERE series_id = ?1
                """, arguments: [id, through])
            guard let first = bounds?["first"] as Date?, let last = bounds?["last"] as String? else { return nil }
            return try MeetingRows.loadOne(sql: "SELECT * FROM meeting WHERE id = ?", [last], db).map { (first, $0) }
        }
    }

    public func insertSeries(_ series: Series, year: Int, serial: Int) async throws {
        try await run { db in try SeriesRow(series, year: year, serial: serial).insert(db) }
    }

    public func insertVersion(_ version: MinutesVersion) async throws { try await run { db in try MinutesVersionRow.insert(version, db) } }

    public func latestVersion(_ id: MeetingID) async throws -> (version: Int, digest: String)? {
        try await run { db in
            try Row.fetchOne(db, sql: "SELECT version, digest FROM minutes_version WHERE meeting_id = ? ORDER BY version DESC LIMIT 1",
                             arguments: [id.description]).map { (version: $0["version"] as Int, digest: $0["digest"] as String) }
        }
    }

    public func deleteFeedTokens(feed: String, ownerHash: String?, role: Role, person: PersonID?) async throws {
        try await run { db in
            try db.execute(sql: "DELETE FROM feed_token WHERE feed = ? AND owner_hash IS ? AND role = ? AND nip IS ?",
                           arguments: [feed, ownerHash, role.rawValue, person?.key])
        }
    }

    public func insertFeedToken(hash: String, feed: String, role: Role, person: PersonID?, ownerHash: String?, createdAt: Date) async throws {
        try await run { db in
            try db.execute(sql: "INSERT INTO feed_token(hash, feed, role, nip, owner_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [hash, feed, role.rawValue, person?.key, ownerHash, createdAt])
        }
    }

    public func user(_ username: String) async throws -> WebUser? { try await run { db in try WebUserRow.one(username, db) } }

    public func insertUser(_ u: WebUser) async throws {
        try await run { db in
            try db.execute(sql: "INSERT INTO web_user(username, role, nip, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [u.username, u.role.rawValue, u.person?.key, u.passwordHash, u.disabled, u.createdAt])
        }
    }

    public func updateUser(_ u: WebUser) async throws {
        try await run { db in
            try db.execute(sql: "UPDATE web_user SET role = ?, nip = ?, password_hash = ?, disabled = ? WHERE username = ?",
                           arguments: [u.role.rawValue, u.person?.key, u.passwordHash, u.disabled, u.username])
        }
    }

    public func letterNumber(document: String, meeting: MeetingID) async throws -> LetterNumber? {
        try await run { db in
            try LetterNumberRow.fetchOne(db, sql: "SELECT * FROM letter_number WHERE document = ? AND meeting_id = ?",
                                         arguments: [document, meeting.description])?.value()
        }
    }

    public func lastLetterSerial(year: Int) async throws -> Int {
        try await run { db in try Int.fetchOne(db, sql: "SELECT MAX(serial) FROM letter_number WHERE year = ?", arguments: [year]) ?? 0 }
    }

    public func insertLetterNumber(_ n: LetterNumber) async throws {
        try await run { db in
            try db.execute(sql: "INSERT INTO letter_number (year, serial, document, meeting_id, number, assigned_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [n.year, n.serial, n.document, n.meetingID.description, n.text, n.assignedAt])
        }
    }

    public func sharedValue(_ key: String, now: Date) async throws -> String? {
        try await run { db in try SharedValueRow.live(key, now: now, db)?.0 }
    }

    public func putSharedValue(_ key: String, _ value: String, expiresAt: Date?) async throws {
        try await run { db in
            try db.execute(sql: """
                INSERT INTO shared_value(key, value, expires_at) VALUES (?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                """, arguments: [key, value, expiresAt])
            // Expired entries go as new ones come, a few at a time.
            try db.execute(sql: "DELETE FROM shared_value WHERE rowid IN (SELECT rowid FROM shared_value WHERE expires_at < ? LIMIT 16)", arguments: [Date()])
        }
    }

    public func deleteSharedValue(_ key: String) async throws {
        try await run { db in try db.execute(sql: "DELETE FROM shared_value WHERE key = ?", arguments: [key]) }
    }

    public func signingKey(_ id: String) async throws -> SigningKey? { try await run { db in try SigningKeyRow.one(id, db) } }
    public func signingKeys() async throws -> [SigningKey] { try await run(SigningKeyRow.all) }
    public func insertSigningKey(_ key: SigningKey) async throws { try await run { db in try SigningKeyRow.insert(key, db) } }

    public func setFollowUp(_ id: ActionID, _ status: ActionStatus, at: Date, note: String?) async throws {
        try await run { db in
            try db.execute(sql: """
                INSERT INTO action_follow_up(meeting_id, number, status, at, note) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(meeting_id, number) DO UPDATE SET status = excluded.status, at = excluded.at, note = excluded.note
                """, arguments: [id.meeting.description, id.number, status.rawValue, at.wholeSecond, note])
        }
    }

    public func insertToken(hash: String, role: Role, person: PersonID?, createdAt: Date, expiresAt: Date?) async throws {
        try await run { db in
            try db.execute(sql: "INSERT INTO api_token(hash, role, nip, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [hash, role.rawValue, person?.key, createdAt, expiresAt])
        }
    }

    public func deleteTokens(hashPrefix: String) async throws -> Int {
        try await run { db in
            try db.execute(sql: "DELETE FROM api_token WHERE substr(hash, 1, ?) = ?", arguments: [hashPrefix.count, hashPrefix])
            return db.changesCount
        }
    }
}

/// Write transactions of one store, one at a time, in the order they asked.
actor WriteTurns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

extension DatabaseError: StoreInfrastructureError {}
