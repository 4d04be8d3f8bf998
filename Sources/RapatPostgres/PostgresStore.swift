import Foundation
import Logging
import PostgresNIO
import RapatCore
import RapatStore
import Synchronization

/// The archive in PostgreSQL, for many `rapat serve` instances sharing one database. Same behaviour as
/// SQLiteStore (the conformance suite runs on both); writes are transactions without a table lock, run again
/// when they lose a race, and an exclusion constraint keeps anyone from being double-booked even across instances.
public final class PostgresStore: TransactionalStore {
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger: Logger
    let url: String
    /// host:port, for what a request is told while the server is away.
    let address: String
    /// For the connection that listens to other instances' changes (`events`).
    let listenConfiguration: PostgresConnection.Configuration
    let relay = Mutex<Task<Void, Never>?>(nil)
    public let events: MeetingEvents

    /// Connects to `postgres://user[:password]@host[:port]/database` and migrates.
    public convenience init(url: String) async throws { try await self.init(url: url, migratingUpTo: nil) }

    /// `migratingUpTo` stops after that step, as an earlier version of Rapat left the archive (for tests of migrations).
    init(url: String, migratingUpTo last: String?) async throws {
        let shown = StoreLocation.redacted(url)
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty, let user = components.user,
              components.path.count > 1
        else { throw StoreError.unsupportedURL(shown) }
        self.url = shown
        var logger = Logger(label: "rapat.postgres")
        // Only errors: the client warns while its run() task starts, and waits for it.
        logger.logLevel = .error
        self.logger = logger
        let port = components.port ?? 5432, database = String(components.path.dropFirst())
        address = "\(host):\(port)"
        try await Self.probe(host: host, port: port, user: user, password: components.password, database: database, shown: shown, logger: logger)
        let config = PostgresClient.Configuration(host: host, port: port, username: user, password: components.password,
                                                  database: database, tls: .disable)
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        var listen = PostgresConnection.Configuration(host: host, port: port, username: user, password: components.password, database: database, tls: .disable)
        listen.options.connectTimeout = .seconds(Int64(Self.connectTimeoutSeconds))
        listenConfiguration = listen
        let starter = RelayStarter()
        events = MeetingEvents(firstListener: { starter.run() })
        self.client = client
        runner = Task { await client.run() }
        starter.set { [weak self] in self?.startRelay() }
        do {
            try await PostgresSchema.migrate(client, logger: logger, upTo: last)
        } catch let error as StoreError {
            runner.cancel()
            throw error
        } catch {
            runner.cancel()
            let detail = String(reflecting: error).prefix(300).replacingOccurrences(of: components.password ?? "\u{0}", with: "***")
            throw StoreError.cannotOpen(shown, detail)
        }
    }

    deinit {
        runner.cancel()
        relay.withLock { $0?.cancel() }
    }

    /// One connection made and closed before the pool starts: the pool retries a refused or unreachable server for
    /// a minute and more, this says at once (within `connectTimeout`) what is wrong and what to check.
    static func probe(host: String, port: Int, user: String, password: String?, database: String, shown: String, logger: Logger) async throws {
        var config = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        config.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
        do {
            let connection = try await PostgresConnection.connect(configuration: config, id: 0, logger: logger)
            try await connection.close()
        } catch {
            let detail = String(reflecting: error).replacingOccurrences(of: password ?? "\u{0}", with: "***")
            if detail.contains("onnection refused") || detail.contains("connectTimeout") || detail.contains("NIOConnectionError")
                || detail.contains("timed out") || detail.contains("Unreachable") || detail.contains("serverClosedConnection") {
                throw StoreError.unreachable(shown, "\(host):\(port)", seconds: connectTimeoutSeconds)
            } else if detail.contains("28P01") || detail.contains("28000") || detail.lowercased().contains("authentication") {
                throw StoreError.loginRefused(shown, user: user)
            } else if detail.contains("3D000") {
                throw StoreError.noDatabase(shown, database)
            }
            throw StoreError.cannotOpen(shown, String(detail.prefix(300)))
        }
    }

    /// How long opening waits for the server to accept a connection.
    static let connectTimeoutSeconds = 5

    static var encoder: JSONEncoder { StoredJSON.encoder }
    static var decoder: JSONDecoder { StoredJSON.decoder }

    /// A write transaction (READ COMMITTED), without a table lock: writers of different rows go on side by side.
    /// The database's constraints are the guard — the exclusion constraint on people's time slots, the unique
    /// numbers — with row locks on what a transaction changes and advisory locks where two writers would each add
    /// the same thing (`PostgresTransaction`). A transaction that loses a race (an exclusion or unique violation, a
    /// serialization failure, a deadlock) is run again from the start, where the application layer's own checks
    /// see the winner's commit and answer as they do for any conflict (a double booking names the meeting); one
    /// that still loses after `attempts` says the archive is busy (503). Domain errors come out as themselves.
    /// A body that is not `repeatable` (an import reading its files once) is not run again: losing the race
    /// says busy at once.
    public func transaction<T: Sendable>(repeatable: Bool, _ body: @Sendable (PostgresTransaction) async throws -> T) async throws -> T {
        // Every run ends before this returns: `body` does not outlive the call.
        try await withoutActuallyEscaping(body) { body in try await transaction(attempts: repeatable ? Self.attempts : 1, escaping: body) }
    }

    private func transaction<T: Sendable>(attempts: Int, escaping body: @escaping @Sendable (PostgresTransaction) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            let changed = ChangedMeetings()
            do {
                let logger = logger
                let result = try await leased { c in
                    try await c.withTransaction(logger: logger) { c in
                        let tx = PostgresTransaction(c: c, logger: logger, changed: changed)
                        let result = try await body(tx)
                        try await Self.announce(changed.all, c, logger)
                        return result
                    }
                }
                // Committed: what this instance serves next must not be stale (the LISTEN relay tells listeners soon).
                if !changed.all.isEmpty { events.changedHere() }
                return result
            } catch {
                let cause = (error as? PostgresTransactionError).map { $0.closureError ?? $0.beginError ?? $0.commitError ?? $0 } ?? error
                guard let state = Self.lostRace(cause) else { throw unavailable(cause) }
                guard attempt < attempts else {
                    logger.warning("write gave up after \(attempt) attempts (SQLSTATE \(state))")
                    throw StoreError.busy(url)
                }
                // A short random pause, longer each time, so that the writers that raced do not meet again.
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 << attempt))))
                attempt += 1
            }
        }
    }

    /// How many times a write that lost a race is tried in all.
    static let attempts = 6

    /// The SQLSTATE of an error that a second run of the same transaction may not meet: unique violation,
    /// exclusion violation, serialization failure, deadlock.
    static func lostRace(_ error: Error) -> String? {
        guard let e = error as? PSQLError, let state = e.serverInfo?[.sqlState], ["23505", "23P01", "40001", "40P01"].contains(state) else { return nil }
        return state
    }

    func write<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in try await transaction { tx in try await body(tx.c) } }
    }

    func read<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await leased(body)
        } catch {
            throw unavailable(error)
        }
    }

    /// How long a request waits for a connection of the pool before it is told that the database is away. The pool
    /// keeps trying to connect meanwhile (backing off from 100 ms), and serves again as soon as the server is back.
    static let leaseTimeout: Duration = .seconds(2)

    /// `body` on a connection of the pool, or `StoreError.unreachable` (503) when none comes within `leaseTimeout`
    /// (the pool itself would hold the request for a minute while the server is away).
    func leased<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        // The group ends before this returns: `body` does not outlive the call.
        try await withoutActuallyEscaping(body) { body in try await leased(escaping: body) }
    }

    private func leased<T: Sendable>(escaping body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let lease = Lease()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await self.client.withConnection { c in
                    lease.got.store(true, ordering: .relaxed)
                    return try await body(c)
                }
            }
            group.addTask {
                try await Task.sleep(for: Self.leaseTimeout)
                if !lease.got.load(ordering: .relaxed) { throw StoreError.unreachable(self.url, self.address, seconds: Self.connectTimeoutSeconds) }
                return nil
            }
            while let next = try await group.next() {
                if let value = next {
                    group.cancelAll()
                    return value
                }
            }
            throw CancellationError()
        }
    }

    final class Lease: Sendable {
        let got = Atomic<Bool>(false)
    }

    /// An error of the connection — the server stopped, restarts (57P01, 57P03), went away (08xxx), or the pool
    /// cannot reach it — as `StoreError.unreachable`: answered 503 with Retry-After, where a driver's error would be a
    /// 500. The pool connects again by itself once the server is back; nothing needs a restart.
    /// A server out of resources or past one of its limits (SQLSTATE classes 53 and 54: "out of shared memory",
    /// too many connections, disk full) as `StoreError.serverRefused`, with what the server said and its hint.
    func unavailable(_ error: Error) -> Error {
        guard let e = error as? PSQLError else { return error }
        let state = e.serverInfo?[.sqlState] ?? ""
        if state.hasPrefix("53") || state.hasPrefix("54") {
            let said = [e.serverInfo?[.message], e.serverInfo?[.hint]].compactMap { $0 }.joined(separator: " — ")
            return StoreError.serverRefused(url, said.isEmpty ? "SQLSTATE \(state)" : said)
        }
        let lost = [PSQLError.Code.serverClosedConnection, .connectionError, .uncleanShutdown, .clientClosedConnection, .poolClosed].contains(e.code)
        guard lost || state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03" else { return error }
        return StoreError.unreachable(url, address, seconds: Self.connectTimeoutSeconds)
    }

    // MARK: People

    static func person(_ nip: PersonID, _ c: PostgresConnection, _ logger: Logger) async throws -> Person? {
        try await people("SELECT nip, name, jabatan, opd, email, pangkat, linked_to FROM person WHERE nip = \(nip.key)", c, logger).first
    }

    static func people(_ query: PostgresQuery, _ c: PostgresConnection, _ logger: Logger) async throws -> [Person] {
        var result: [Person] = []
        for try await (nip, name, jabatan, opd, email, pangkat, linkedTo) in try await c.query(query, logger: logger)
            .decode((String, String, String, String, String?, String?, String?).self) {
            var p = try Person(id: PersonID(nip), name: name, jabatan: jabatan, opd: opd, email: email, pangkat: pangkat)
            p.linkedTo = try linkedTo.map { try PersonID($0) }
            result.append(p)
        }
        return result
    }

    public func person(_ nip: PersonID) async throws -> Person {
        guard let p = try await read({ c in try await Self.person(nip, c, logger) }) else { throw StoreError.unknownPerson(nip) }
        return p
    }

    public func people(opd: String?) async throws -> [Person] {
        try await read { c in
            if let opd {
                return try await Self.people("SELECT nip, name, jabatan, opd, email, pangkat, linked_to FROM person WHERE lower(opd) = lower(\(opd)) ORDER BY opd, name", c, logger)
            }
            return try await Self.people("SELECT nip, name, jabatan, opd, email, pangkat, linked_to FROM person ORDER BY opd, name", c, logger)
        }
    }

    public func people(_ nips: Set<PersonID>) async throws -> [Person] {
        guard !nips.isEmpty else { return [] }
        let digits = nips.map(\.key)
        return try await read { c in
            try await Self.people("SELECT nip, name, jabatan, opd, email, pangkat, linked_to FROM person WHERE nip = ANY(\(digits)) ORDER BY opd, name", c, logger)
        }
    }

    public func opds(of ids: [MeetingID]) async throws -> [MeetingID: Set<String>] {
        guard !ids.isEmpty else { return [:] }
        let keys = ids.map(\.description)
        return try await read { c in
            var result: [MeetingID: Set<String>] = [:]
            for try await (id, opd) in try await c.query("""
                SELECT DISTINCT mp.meeting_id, p.opd FROM meeting_person mp JOIN person p ON p.nip = mp.nip WHERE mp.meeting_id = ANY(\(keys))
                """, logger: logger).decode((String, String).self) {
                result[try MeetingID(id), default: []].insert(opd)
            }
            return result
        }
    }

    public func opds() async throws -> [String] {
        try await read { c in
            var result: [String] = []
            for try await opd in try await c.query("SELECT opd FROM (SELECT DISTINCT opd FROM person) o ORDER BY lower(opd), opd", logger: logger).decode(String.self) {
                result.append(opd)
            }
            return result
        }
    }

    // MARK: Settings, holidays, series

    static func policy(_ c: PostgresConnection, _ logger: Logger) async throws -> Policy {
        var policy = Policy.standard
        for try await (key, value) in try await c.query("SELECT key, value FROM setting", logger: logger).decode((String, String).self) {
            try policy.set(key, value)
        }
        return policy
    }

    public func policy() async throws -> Policy { try await read { c in try await Self.policy(c, logger) } }

    public func setPolicy(_ policy: Policy) async throws {
        try await write { c in
            for (key, value) in policy.settings {
                try await c.query("INSERT INTO setting VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value", logger: logger)
            }
        }
    }

    public func addHolidays(_ holidays: [Holiday]) async throws -> Int {
        try await write { c in
            var added = 0
            for h in holidays {
                let rows = try await c.query("INSERT INTO holiday VALUES (\(h.date.description), \(h.name)) ON CONFLICT (date) DO UPDATE SET name = excluded.name RETURNING (xmax = 0)", logger: logger)
                for try await inserted in rows.decode(Bool.self) where inserted { added += 1 }
            }
            return added
        }
    }

    static func holidays(_ c: PostgresConnection, _ logger: Logger) async throws -> [Holiday] {
        var result: [Holiday] = []
        for try await (date, name) in try await c.query("SELECT date, name FROM holiday ORDER BY date", logger: logger).decode((String, String).self) {
            result.append(Holiday(date: try CivilDate(date), name: name))
        }
        return result
    }

    public func holidays() async throws -> [Holiday] { try await read { c in try await Self.holidays(c, logger) } }

    static func series(_ query: PostgresQuery, _ c: PostgresConnection, _ logger: Logger) async throws -> [Series] {
        var result: [Series] = []
        for try await (id, title, rule, exceptions, horizon) in try await c.query(query, logger: logger).decode((String, String, String, String, Date?).self) {
            let ex = Set(try exceptions.split(separator: ",").map { try CivilDate(String($0)) })
            result.append(Series(id: id, title: title, rule: try Recurrence(stored: rule, exceptions: ex), horizon: horizon))
        }
        return result
    }

    public func series(_ id: String) async throws -> Series {
        guard let s = try await read({ c in try await Self.series("SELECT id, title, rule, exceptions, horizon FROM series WHERE id = \(id)", c, logger).first }) else {
            throw StoreError.unknownSeries(id)
        }
        return s
    }

    public func hasSeriesDue(through: Date) async throws -> Bool {
        try await read { c in
            var due = false
            for try await d in try await c.query("SELECT EXISTS (SELECT 1 FROM series WHERE horizon IS NOT NULL AND horizon < \(through))",
                                                 logger: logger).decode(Bool.self) { due = d }
            return due
        }
    }

    public func allSeries() async throws -> [Series] {
        try await read { c in try await Self.series("SELECT id, title, rule, exceptions, horizon FROM series ORDER BY year, serial", c, logger) }
    }

    // MARK: Meetings

    /// The meetings `query` selects (its one column: `doc`); with `lenient`, a document that no longer decodes is
    /// skipped, so one bad record never stops a listing or a backup (`verify` names it).
    static func load(_ query: PostgresQuery, _ c: PostgresConnection, _ logger: Logger, lenient: Bool = false) async throws -> [Meeting] {
        var result: [Meeting] = []
        for try await doc in try await c.query(query, logger: logger).decode(String.self) {
            do {
                result.append(try decoder.decode(Meeting.self, from: Data(doc.utf8)))
            } catch where lenient {
                continue
            }
        }
        return result
    }

    static func load(_ id: MeetingID, _ c: PostgresConnection, _ logger: Logger) async throws -> Meeting {
        guard let m = try await load("SELECT doc FROM meeting WHERE id = \(id.description)", c, logger).first else { throw StoreError.unknownMeeting(id) }
        return m
    }

    /// Writes the whole aggregate: its row, its people's time slots and its search documents — three statements
    /// after the row (one per table, its rows as arrays), none deleting when the meeting is `new` (just numbered).
    static func save(_ m: Meeting, new: Bool = false, _ c: PostgresConnection, _ logger: Logger) async throws {
        let id = m.id.description
        let doc = String(decoding: try encoder.encode(m), as: UTF8.self)
        try await c.query("""
            INSERT INTO meeting VALUES (\(id), \(m.id.year), \(m.id.serial), \(m.start), \(m.status.rawValue), \(m.seriesID), \(m.occurrenceStart),
                                        \(m.icalUID), \(m.minutes.isApproved), \(doc), \(!m.minutes.actions.isEmpty))
            ON CONFLICT (id) DO UPDATE SET start_at = excluded.start_at, status = excluded.status, series_id = excluded.series_id,
                occurrence_start = excluded.occurrence_start, ical_uid = excluded.ical_uid, approved = excluded.approved, doc = excluded.doc,
                has_actions = excluded.has_actions
            """, logger: logger)
        if !new { try await c.query("DELETE FROM meeting_person WHERE meeting_id = \(id)", logger: logger) }
        let everyone = m.everyone.map(\.key)
        try await c.query("""
            INSERT INTO meeting_person SELECT \(id), nip, tstzrange(\(m.start), \(m.end)), \(m.status != .cancelled && m.blocksTime)
            FROM unnest(\(everyone)::text[]) WITH ORDINALITY AS p(nip, n) ORDER BY n
            """, logger: logger)
        try await index(m, new: new, c, logger)
    }

    /// Replaces the meeting's search documents (one statement: the documents as arrays).
    static func index(_ m: Meeting, new: Bool = false, _ c: PostgresConnection, _ logger: Logger) async throws {
        let id = m.id.description
        if !new { try await c.query("DELETE FROM search_doc WHERE meeting_id = \(id)", logger: logger) }
        let docs = SearchDocuments.of(m)
        guard !docs.isEmpty else { return }
        // A document without a reference is sent as "" (no reference is ever empty) and stored as NULL.
        let sections = docs.map(\.0), refs = docs.map { $0.1 ?? "" }, texts = docs.map(\.2)
        try await c.query("""
            INSERT INTO search_doc (meeting_id, seq, section, ref, text)
            SELECT \(id), (n - 1)::int, section, NULLIF(ref, ''), text
            FROM unnest(\(sections)::text[], \(refs)::text[], \(texts)::text[]) WITH ORDINALITY AS d(section, ref, text, n)
            """, logger: logger)
    }

    public func meeting(_ id: MeetingID) async throws -> Meeting {
        try await read { c in try await Self.load(id, c, logger) }
    }

    public func meetings(ids: [MeetingID]) async throws -> [Meeting] {
        guard !ids.isEmpty else { return [] }
        return try await read { c in
            try await Self.load("SELECT doc FROM meeting WHERE id = ANY(\(ids.map(\.description))) ORDER BY start_at, year, serial", c, logger, lenient: true)
        }
    }

    public func meetings(_ filter: MeetingFilter) async throws -> [Meeting] {
        try await read { c in
            var query = PostgresQuery(unsafeSQL: "SELECT doc FROM meeting WHERE true")
            var binds = PostgresBindings()
            func add(_ clause: String, _ value: some PostgresEncodable & Sendable) throws {
                try binds.append(value)
                query = PostgresQuery(unsafeSQL: query.sql + " AND " + clause.replacingOccurrences(of: "?", with: "$\(binds.count)"), binds: binds)
            }
            if let from = filter.from { try add("start_at >= ?", from) }
            if let to = filter.to { try add("start_at < ?", to) }
            if let status = filter.status { try add("status = ?", status.rawValue) }
            if let series = filter.seriesID { try add("series_id = ?", series) }
            if let after = filter.after {
                binds.append(after.start)
                let start = binds.count
                binds.append(after.id.year)
                binds.append(after.id.serial)
                query = PostgresQuery(unsafeSQL: query.sql + " AND (start_at, year, serial) > ($\(start), $\(start + 1), $\(start + 2))", binds: binds)
            }
            if let nip = filter.participant { try add("id IN (SELECT meeting_id FROM meeting_person WHERE nip = ?)", nip.key) }
            if let opd = filter.opd {
                try add("id IN (SELECT mp.meeting_id FROM meeting_person mp JOIN person p ON p.nip = mp.nip WHERE lower(p.opd) = lower(?))", opd)
            }
            var sql = query.sql + " ORDER BY start_at, year, serial"
            if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
            return try await Self.load(PostgresQuery(unsafeSQL: sql, binds: binds), c, logger, lenient: true)
        }
    }

    // MARK: Action items

    static func followUps(_ c: PostgresConnection, _ logger: Logger) async throws -> [ActionID: ActionRecord.FollowUp] {
        var result: [ActionID: ActionRecord.FollowUp] = [:]
        for try await (meeting, number, status, at, note) in try await c.query("SELECT meeting_id, number, status, at, note FROM action_follow_up", logger: logger)
            .decode((String, Int, String, Date, String?).self) {
            result[ActionID(meeting: try MeetingID(meeting), number: number)] = .init(status: ActionStatus(rawValue: status) ?? .open, at: at, note: note)
        }
        return result
    }

    public func actions(_ filter: ActionFilter) async throws -> [ActionRecord] {
        try await read { c in
            // Only meetings whose minutes hold action items, read in one snapshot with the follow-ups.
            var sql = "SELECT doc FROM meeting WHERE has_actions"
            var binds = PostgresBindings()
            if let before = filter.before { binds.append(before); sql += " AND start_at < $\(binds.count)" }
            if let series = filter.seriesID { binds.append(series); sql += " AND series_id = $\(binds.count)" }
            let meetings = try await Self.load(PostgresQuery(unsafeSQL: sql + " ORDER BY start_at, year, serial", binds: binds), c, logger)
            let people = try await Self.people("SELECT nip, name, jabatan, opd, email, pangkat, linked_to FROM person", c, logger)
            return ActionRecord.list(meetings: meetings, people: Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) }),
                                     followUps: try await Self.followUps(c, logger), filter: filter)
        }
    }

    // MARK: Integrity

    static func versions(_ id: MeetingID?, _ c: PostgresConnection, _ logger: Logger) async throws -> [(StoredVersion, MinutesVersion?)] {
        var result: [(StoredVersion, MinutesVersion?)] = []
        let query: PostgresQuery = id.map {
            "SELECT meeting_id, version, approved_by, approved_at, reason, canonical, digest, key_id, signature FROM minutes_version WHERE meeting_id = \($0.description) ORDER BY version"
        } ?? "SELECT meeting_id, version, approved_by, approved_at, reason, canonical, digest, key_id, signature FROM minutes_version ORDER BY meeting_id, version"
        let rows = try await c.query(query, logger: logger)
        for try await (meeting, version, by, at, reason, canonical, digest, key, value) in rows.decode((String, Int, String, Date, String?, String, String, String?, String?).self) {
            let signature = key.flatMap { k in value.map { SealSignature(keyID: k, value: $0) } }
            let stored = StoredVersion(meetingID: meeting, version: version, canonical: canonical, digest: digest, signature: signature)
            let record = try? decoder.decode(MinutesRecord.self, from: Data(canonical.utf8))
            result.append((stored, try record.map {
                MinutesVersion(meetingID: try MeetingID(meeting), version: version, approvedBy: try PersonID(by), approvedAt: at, reason: reason,
                               digest: digest, record: $0, signature: signature)
            }))
        }
        return result
    }

    static func signingKeys(_ c: PostgresConnection, _ logger: Logger, id: String?) async throws -> [SigningKey] {
        let query: PostgresQuery = id.map { "SELECT public_key, office, registered_at FROM signing_key WHERE id = \($0)" }
            ?? "SELECT public_key, office, registered_at FROM signing_key ORDER BY registered_at, id"
        var keys: [SigningKey] = []
        for try await (pem, office, at) in try await c.query(query, logger: logger).decode((String, String, Date).self) {
            keys.append(try SigningKey(publicKeyPEM: pem, office: office, registeredAt: at))
        }
        return keys
    }

    public func signingKeys() async throws -> [SigningKey] {
        try await read { c in try await Self.signingKeys(c, logger, id: nil) }
    }

    public func minutesVersions(_ id: MeetingID) async throws -> [MinutesVersion] {
        try await read { c in
            // The meeting must exist; reading all of it to know that cost more than the versions.
            var exists = false
            for try await found in try await c.query("SELECT EXISTS(SELECT 1 FROM meeting WHERE id = \(id.description))", logger: logger).decode(Bool.self) {
                exists = found
            }
            guard exists else { throw StoreError.unknownMeeting(id) }
            return try await Self.versions(id, c, logger).compactMap(\.1)
        }
    }

    public func verify(from: Date?, to: Date?) async throws -> [IntegrityProblem] {
        try await read { c in
            let scope = SealScope(from: from, to: to)
            var problems: [IntegrityProblem] = []
            var meetings: [Meeting] = []
            var ids = Set<String>()
            let rows = try await c.query("SELECT id, start_at, doc FROM meeting ORDER BY start_at, year, serial", logger: logger)
            for try await (id, start, doc) in rows.decode((String, Date, String).self) {
                ids.insert(id)
                do {
                    meetings.append(try Self.decoder.decode(Meeting.self, from: Data(doc.utf8)))
                } catch {
                    if scope.contains(start) { problems.append(.unreadable(id, error)) }
                }
            }
            return problems + scope.audit(meetings: meetings, rowIDs: ids, versions: try await Self.versions(nil, c, logger).map(\.0),
                                          keys: try await Self.signingKeys(c, logger, id: nil))
        }
    }

    // MARK: Search

    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        let tokens = try query.tokens()
        var binds = PostgresBindings()
        func bind(_ s: String) throws -> String {
            binds.append(s)
            return "$\(binds.count)"
        }
        // Each word through the indonesian configuration, combined with tsquery operators: input never reaches the query parser raw.
        var expression = ""
        for t in tokens {
            switch t {
            case let .term(w, prefix):
                let word = w.filter { $0.isLetter || $0.isNumber }
                expression += prefix ? "to_tsquery('indonesian', \(try bind(word)) || ':*')" : "plainto_tsquery('indonesian', \(try bind(w)))"
            case let .phrase(p): expression += "phraseto_tsquery('indonesian', \(try bind(p)))"
            case let .op(o):
                if o == "NOT" { expression += " && !! " } else { expression += o == "AND" ? " && " : " || " }
            case .open: expression += "("
            case .close: expression += ")"
            }
        }
        // The query is written out in the window's condition rather than read from the q CTE: PostgreSQL then
        // estimates how many rows match and for a frequent word walks the primary key backwards (3 ms instead
        // of 250 ms for a word in every meeting of 100,000); behind a CTE it always collected every match.
        var clauses = ["s.tsv @@ (\(expression))"]
        if let from = query.from { binds.append(from); clauses.append("m.start_at >= $\(binds.count)") }
        if let to = query.to { binds.append(to); clauses.append("m.start_at < $\(binds.count)") }
        if let status = query.status { clauses.append("m.status = \(try bind(status.rawValue))") }
        if query.approvedOnly { clauses.append("m.approved") }
        if let kind = query.kind { clauses.append("lower(m.doc::jsonb->>'kind') = lower(\(try bind(kind)))") }
        if let nip = query.person { clauses.append("m.id IN (SELECT meeting_id FROM meeting_person WHERE nip = \(try bind(nip.key)))") }
        if let opd = query.opd {
            clauses.append("m.id IN (SELECT mp.meeting_id FROM meeting_person mp JOIN person p ON p.nip = mp.nip WHERE lower(p.opd) = lower(\(try bind(opd))))")
        }
        // The most recent matches fill the rank window; only they are ranked, and only the hits kept get a headline.
        binds.append(max(1, query.rankWindow))
        // Without filters the window is taken from search_doc alone, newest meeting ids first (ids are year then
        // number, as SQLite's rowids): joining every match to its meeting to sort by date cost more than ranking them all.
        // The order is the primary key's, backwards, so for a frequent word PostgreSQL can walk that index and stop
        // once the window is full instead of collecting every match from the GIN index (it picks by the word's frequency).
        let window = clauses.count == 1
            ? """
              SELECT s.meeting_id, s.seq, s.section, s.ref, s.text, s.tsv FROM search_doc s WHERE \(clauses[0])
              ORDER BY s.meeting_id DESC, s.seq DESC LIMIT $\(binds.count)
              """
            : """
              SELECT s.meeting_id, s.seq, s.section, s.ref, s.text, s.tsv FROM search_doc s JOIN meeting m ON m.id = s.meeting_id
              WHERE \(clauses.joined(separator: " AND ")) ORDER BY s.meeting_id DESC, s.seq DESC LIMIT $\(binds.count)
              """
        binds.append(max(1, query.limit))
        binds.append(max(0, query.offset))
        let sql = """
            WITH q AS (SELECT (\(expression)) AS query),
            w AS (\(window)),
            top AS (SELECT w.*, ts_rank_cd(w.tsv, q.query)::float8 AS rank FROM w, q ORDER BY rank DESC, w.meeting_id DESC, w.seq DESC LIMIT $\(binds.count - 1) OFFSET $\(binds.count))
            SELECT top.meeting_id, top.section, top.ref,
                   ts_headline('indonesian', top.text, q.query, 'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…'),
                   top.rank, m.doc::json->>'title', m.start_at, m.doc::json->>'timeZone'
            FROM top JOIN meeting m ON m.id = top.meeting_id, q
            ORDER BY top.rank DESC, top.meeting_id DESC, top.seq DESC
            """
        let bound = binds
        return try await read { c in
            var hits: [SearchHit] = []
            // Only the title and zone of each hit's meeting, read by PostgreSQL: decoding whole meetings cost more than the search.
            for try await (id, section, ref, snippet, rank, title, start, zone) in try await c.query(PostgresQuery(unsafeSQL: sql, binds: bound), logger: logger)
                .decode((String, String, String?, String, Double, String, Date, String).self) {
                hits.append(SearchHit(meetingID: try MeetingID(id), title: title, start: start, timeZone: zone, section: section,
                                      reference: ref, snippet: snippet, score: -rank))
            }
            return hits
        }
    }

    /// Rebuilds the search documents inside one transaction from the meetings as that transaction reads
    /// them; the rows are locked FOR SHARE, so an instance changing a meeting meanwhile waits and then
    /// writes its own documents: no change is lost.
    public func reindex(progress: (@Sendable (Int, Int) -> Void)?) async throws {
        try await write { c in
            let all = try await Self.load("SELECT doc FROM meeting ORDER BY year, serial FOR SHARE", c, logger)
            for (i, m) in all.enumerated() {
                try await Self.index(m, c, logger)
                progress?(i + 1, all.count)
            }
        }
    }

    // MARK: Archive id, tokens, calendar import

    public func archiveID() async throws -> String {
        try await read { c in
            var id = ""
            for try await value in try await c.query("SELECT archive_id FROM archive WHERE id = 1", logger: logger).decode(String.self) { id = value }
            return id
        }
    }

    public func token(secret: String) async throws -> APIToken? {
        try await tokens(where: "WHERE hash = \(APIToken.hash(secret))").first
    }

    public func tokens() async throws -> [APIToken] { try await tokens(where: "ORDER BY created_at, hash") }

    static func users(_ c: PostgresConnection, _ logger: Logger, username: String?) async throws -> [WebUser] {
        let query: PostgresQuery = username.map {
            "SELECT username, role, nip, password_hash, disabled, created_at FROM web_user WHERE username = \($0)"
        } ?? "SELECT username, role, nip, password_hash, disabled, created_at FROM web_user ORDER BY username"
        var users: [WebUser] = []
        for try await (name, role, nip, hash, disabled, created) in try await c.query(query, logger: logger)
            .decode((String, String, String?, String, Bool, Date).self) {
            guard let role = Role(rawValue: role) else { continue }
            users.append(WebUser(username: name, role: role, person: try nip.map { try PersonID($0) }, passwordHash: hash, disabled: disabled, createdAt: created))
        }
        return users
    }

    public func user(_ username: String) async throws -> WebUser? {
        try await read { c in try await Self.users(c, logger, username: username).first }
    }

    public func users() async throws -> [WebUser] { try await read { c in try await Self.users(c, logger, username: nil) } }

    static func sharedValue(_ key: String, now: Date, _ c: PostgresConnection, _ logger: Logger) async throws -> (String, Date?)? {
        for try await (value, expires) in try await c.query("SELECT value, expires_at FROM shared_value WHERE key = \(key)", logger: logger)
            .decode((String, Date?).self) {
            if let expires, expires <= now { return nil }
            return (value, expires)
        }
        return nil
    }

    public func sharedValue(_ key: String) async throws -> (value: String, expiresAt: Date?)? {
        try await read { c in try await Self.sharedValue(key, now: Date(), c, logger).map { (value: $0.0, expiresAt: $0.1) } }
    }

    public func feedToken(secret: String) async throws -> FeedToken? {
        try await read { c in
            let rows = try await c.query("""
                SELECT f.hash, f.feed, f.role, f.nip, f.created_at, t.expires_at FROM feed_token f LEFT JOIN api_token t ON t.hash = f.owner_hash
                WHERE f.hash = \(APIToken.hash(secret))
                """, logger: logger)
            for try await (hash, feed, role, nip, created, ownerExpires) in rows.decode((String, String, String, String?, Date, Date?).self) {
                if let ownerExpires, ownerExpires <= Date() { return nil }
                guard let role = Role(rawValue: role) else { return nil }
                return FeedToken(id: APIToken.id(ofHash: hash), feed: feed, role: role, person: try nip.map { try PersonID($0) }, createdAt: created)
            }
            return nil
        }
    }

    func tokens(where clause: PostgresQuery) async throws -> [APIToken] {
        try await read { c in
            var result: [APIToken] = []
            let query = PostgresQuery(unsafeSQL: "SELECT hash, role, nip, created_at, expires_at FROM api_token " + clause.sql, binds: clause.binds)
            for try await (hash, role, nip, created, expires) in try await c.query(query, logger: logger).decode((String, String, String?, Date, Date?).self) {
                guard let role = Role(rawValue: role) else { continue }
                result.append(APIToken(id: APIToken.id(ofHash: hash), role: role, person: try nip.map { try PersonID($0) }, createdAt: created, expiresAt: expires))
            }
            return result
        }
    }
}
