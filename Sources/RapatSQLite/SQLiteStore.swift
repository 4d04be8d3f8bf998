import Foundation
import GRDB
import RapatCore
import RapatStore

/// The embedded default archive: one SQLite file in WAL mode through GRDB.
///
/// Writes are IMMEDIATE transactions, so two `rapat` processes on the same file take turns
/// (waiting up to the busy timeout) instead of losing a write. A transaction is opened on the writer
/// connection and its steps run one by one, so the shared algorithms of `TransactionalStore` (which
/// await between steps) run inside it.
public final class SQLiteStore: TransactionalStore {
    let pool: DatabasePool
    let path: String

    public init(path: String, busyTimeout: TimeInterval = 30) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        // A write transaction spans several accesses to the writer (see `transaction`); `turns` keeps
        // this store's transactions from interleaving, which is what GRDB's check would otherwise guard.
        config.allowsUnsafeTransactions = true
        // `RAPAT_SQLPROFILE=1` (for benchmarks): the time of every statement, summed by its text (`SQLProfile.report()`).
        let profiling = ProcessInfo.processInfo.environment["RAPAT_SQLPROFILE"] != nil
        config.prepareDatabase { db in
            db.add(tokenizer: IndonesianTokenizer.self)
            try SearchRank.register(db)
            // 32 MiB of page cache per connection instead of SQLite's 2 MiB: with a million meetings the
            // conflict check's index pages stay in memory (p99 at 1M meetings was 3x that at 1k).
            try db.execute(sql: "PRAGMA cache_size = -32768")
            if profiling {
                db.trace(options: .profile) { event in
                    if case let .profile(statement, duration) = event { SQLProfile.add(statement.sql, duration) }
                }
            }
        }
        let isNew = !FileManager.default.fileExists(atPath: path)
        // A new archive is readable by its owner only (SQLite gives its WAL and shared-memory files the same mode).
        if isNew, FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) == false {
            throw StoreError.cannotOpen(path, "the file cannot be created there")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try SQLiteSchema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path, error.message ?? error.description)
        }
    }

    /// Meetings changed by this process's commits (another process writing the same file is not heard).
    public let events = MeetingEvents()

    /// Write transactions of this store take turns here; other processes wait on SQLite's own lock.
    let turns = WriteTurns()

    /// One writer at a time (SQLite's own lock): a transaction never loses a race, so `repeatable` changes nothing.
    public func transaction<T: Sendable>(repeatable: Bool, _ body: @Sendable (SQLiteTransaction) async throws -> T) async throws -> T {
        await turns.acquire()
        do {
            // BEGIN and COMMIT may wait for another process's lock (up to the busy timeout): they suspend the task
            // instead of holding one of the few threads that every task shares.
            try await waiting { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            do {
                let tx = SQLiteTransaction(store: self)
                let result = try await body(tx)
                try await waiting { db in try db.execute(sql: "COMMIT") }
                idfCache.invalidate()
                await turns.release()
                events.publish(tx.changed.all)
                return result
            } catch {
                try? await pool.writeWithoutTransaction { db in if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") } }
                throw error
            }
        } catch {
            await turns.release()
            throw error
        }
    }

    /// One step on the writer connection (inside the transaction `transaction` opened), turning SQLite's
    /// lock errors into a clear message.
    ///
    /// The step runs synchronously on the writer's queue: inside the transaction it holds the write lock, so it
    /// never waits for another writer, and an import makes several per event, where suspending and resuming the
    /// task for each cost as much as the work itself (`rapat-bench import` of 20,000 events: 387 events/s
    /// suspending, on a par with the single-closure import of 0ff124c without).
    func run<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try step(body) } catch { throw busyNamed(error) }
    }

    /// A step that may wait on SQLite's lock, run without blocking the calling thread.
    func waiting<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.writeWithoutTransaction(body) } catch { throw busyNamed(error) }
    }

    /// SQLite's lock errors as `StoreError.busy`, which says what to do; any other error as it is.
    func busyNamed(_ error: any Error) -> any Error {
        guard let e = error as? DatabaseError, e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED else { return error }
        return StoreError.busy(path)
    }

    /// GRDB's synchronous access (a synchronous function, so its overload is the one chosen).
    private func step<T>(_ body: (Database) throws -> T) throws -> T { try pool.writeWithoutTransaction(body) }

    /// A write made of one step: its own transaction.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await transaction { tx in try await tx.store.waiting(body) }
    }

    // MARK: People

    public func person(_ nip: PersonID) async throws -> Person {
        try await pool.read { db in
            guard let row = try PersonRow.fetchOne(db, key: nip.key) else { throw StoreError.unknownPerson(nip) }
            return try row.person()
        }
    }

    public func people(opd: String?) async throws -> [Person] {
        try await pool.read { db in try PersonRow.all(opd: opd, db).map { try $0.person() } }
    }

    public func people(_ nips: Set<PersonID>) async throws -> [Person] {
        guard !nips.isEmpty else { return [] }
        return try await pool.read { db in try PersonRow.some(nips, db).map { try $0.person() } }
    }

    public func opds(of ids: [MeetingID]) async throws -> [MeetingID: Set<String>] {
        guard !ids.isEmpty else { return [:] }
        return try await pool.read { db in
            var result: [MeetingID: Set<String>] = [:]
            let keys = ids.map(\.description)
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                for row in try Row.fetchAll(db, sql: """
                    SELECT DISTINCT mp.meeting_id, p.opd FROM meeting_person mp JOIN person p ON p.nip = mp.nip
                    WHERE mp.meeting_id IN (\(databaseQuestionMarks(count: chunk.count)))
                    """, arguments: StatementArguments(chunk)) {
                    result[try MeetingID(row[0] as String), default: []].insert(row[1])
                }
            }
            return result
        }
    }

    public func opds() async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT opd FROM person ORDER BY lower(opd), opd") }
    }

    // MARK: Settings and holidays

    public func policy() async throws -> Policy {
        try await pool.read { db in try SettingRow.policy(db) }
    }

    public func setPolicy(_ policy: Policy) async throws {
        try await write { db in try SettingRow.save(policy, db) }
    }

    public func addHolidays(_ holidays: [Holiday]) async throws -> Int {
        try await write { db in try HolidayRow.add(holidays, db) }
    }

    public func holidays() async throws -> [Holiday] {
        try await pool.read { db in try HolidayRow.all(db) }
    }

    // MARK: Meetings

    public func minutesVersions(_ id: MeetingID) async throws -> [MinutesVersion] {
        try await pool.read { db in
            // The meeting must exist; reading all of it to know that cost more than the versions.
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM meeting WHERE id = ?)"), arguments: [id.description]) == true
            else { throw StoreError.unknownMeeting(id) }
            return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM minutes_version WHERE meeting_id = ? ORDER BY version"),
                                    arguments: [id.description]).map { r in
                MinutesVersion(meetingID: id, version: r["version"], approvedBy: try PersonID(r["approved_by"] as String), approvedAt: r["approved_at"],
                               reason: r["reason"], digest: r["digest"],
                               record: try StoredJSON.decoder.decode(MinutesRecord.self, from: Data((r["canonical"] as String).utf8)),
                               signature: MinutesVersionRow.signature(r))
            }
        }
    }

    public func verify(from: Date?, to: Date?) async throws -> [IntegrityProblem] {
        try await pool.read { db in
            var problems: [IntegrityProblem] = []
            let rows = try MeetingRow.fetchAll(db, sql: "SELECT * FROM meeting ORDER BY start_at, id")
            let meetings = try MeetingRows.load(rows, in: db) { id, error in
                if let row = rows.first(where: { $0.id == id }), SealScope(from: from, to: to).contains(row.startAt) {
                    problems.append(.unreadable(id, error))
                }
            }
            let scope = SealScope(from: from, to: to)
            return problems + scope.audit(meetings: meetings, rowIDs: Set(rows.map(\.id)), versions: try MinutesVersionRow.stored(nil, db),
                                          keys: try SigningKeyRow.all(db))
        }
    }

    public func user(_ username: String) async throws -> WebUser? {
        try await pool.read { db in try WebUserRow.one(username, db) }
    }

    public func users() async throws -> [WebUser] { try await pool.read(WebUserRow.all) }

    public func sharedValue(_ key: String) async throws -> (value: String, expiresAt: Date?)? {
        try await pool.read { db in try SharedValueRow.live(key, now: Date(), db).map { (value: $0.0, expiresAt: $0.1) } }
    }

    public func signingKeys() async throws -> [SigningKey] {
        try await pool.read(SigningKeyRow.all)
    }

    public func token(secret: String) async throws -> APIToken? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE hash = ?", arguments: [APIToken.hash(secret)]).flatMap(Self.token)
        }
    }

    public func feedToken(secret: String) async throws -> FeedToken? {
        try await pool.read { db in
            guard let r = try Row.fetchOne(db, sql: """
                SELECT f.*, t.expires_at AS owner_expires, t.hash AS owner FROM feed_token f LEFT JOIN api_token t ON t.hash = f.owner_hash
                WHERE f.hash = ?
                """, arguments: [APIToken.hash(secret)]) else { return nil }
            if let expires: Date = r["owner_expires"], expires <= Date() { return nil }
            guard let role = Role(rawValue: r["role"]) else { return nil }
            return FeedToken(id: APIToken.id(ofHash: r["hash"]), feed: r["feed"], role: role, person: try (r["nip"] as String?).map { try PersonID($0) },
                             createdAt: r["created_at"])
        }
    }

    public func tokens() async throws -> [APIToken] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY created_at, hash").compactMap(Self.token) }
    }

    static func token(_ row: Row) throws -> APIToken? {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        return APIToken(id: APIToken.id(ofHash: row["hash"]), role: role, person: try (row["nip"] as String?).map { try PersonID($0) },
                        createdAt: row["created_at"], expiresAt: row["expires_at"])
    }

    public func letterNumbers(year: Int) async throws -> [LetterNumber] {
        try await pool.read { db in
            try LetterNumberRow.fetchAll(db, sql: "SELECT * FROM letter_number WHERE year = ? ORDER BY serial", arguments: [year]).map { try $0.value() }
        }
    }

    let idfCache = IDFCache()

    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        try await pool.read { [idfCache] db in try SearchIndex.search(query, in: db, cache: idfCache) }
    }

    public func reindex(progress: (@Sendable (Int, Int) -> Void)?) async throws {
        try await write { db in try SearchIndex.rebuild(db, progress: progress) }
    }

    public func archiveID() async throws -> String {
        try await pool.read(ArchiveRow.id)
    }

    public func meeting(_ id: MeetingID) async throws -> Meeting {
        try await pool.read { db in try Self.load(id, db) }
    }

    static func load(_ id: MeetingID, _ db: Database) throws -> Meeting {
        guard let m = try MeetingRows.loadOne(sql: "SELECT * FROM meeting WHERE id = ?", [id.description], db) else { throw StoreError.unknownMeeting(id) }
        return m
    }

    public func meetings(ids: [MeetingID]) async throws -> [Meeting] {
        guard !ids.isEmpty else { return [] }
        return try await pool.read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let rows = try MeetingRow.fetchAll(db.cachedStatement(sql: "SELECT * FROM meeting WHERE id IN (\(marks)) ORDER BY start_at, id"),
                                               arguments: StatementArguments(ids.map(\.description)))
            return try MeetingRows.load(rows, in: db) { _, _ in }
        }
    }

    public func meetings(_ filter: MeetingFilter) async throws -> [Meeting] {
        try await pool.read { db in
            var clauses: [String] = []
            var args: [any DatabaseValueConvertible] = []
            if let from = filter.from { clauses.append("start_at >= ?"); args.append(from) }
            if let to = filter.to { clauses.append("start_at < ?"); args.append(to) }
            if let status = filter.status { clauses.append("status = ?"); args.append(status.rawValue) }
            if let series = filter.seriesID { clauses.append("series_id = ?"); args.append(series) }
            if let after = filter.after {
                clauses.append("(start_at, year, serial) > (?, ?, ?)")
                args += [after.start, after.id.year, after.id.serial]
            }
            if let nip = filter.participant {
                clauses.append("id IN (SELECT meeting_id FROM meeting_person WHERE nip = ?)"); args.append(nip.key)
            }
            if let opd = filter.opd {
                clauses.append("id IN (SELECT mp.meeting_id FROM meeting_person mp JOIN person p ON p.nip = mp.nip WHERE p.opd = ? COLLATE NOCASE)")
                args.append(opd)
            }
            var sql = "SELECT * FROM meeting"
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
            sql += " ORDER BY start_at, year, serial"
            if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
            let rows = try MeetingRow.fetchAll(db, sql: sql, arguments: StatementArguments(args))
            return try MeetingRows.load(rows, in: db, unreadable: { _, _ in })
        }
    }

    public func series(_ id: String) async throws -> Series {
        try await pool.read { db in
            guard let row = try SeriesRow.fetchOne(db, key: id) else { throw StoreError.unknownSeries(id) }
            return try row.series()
        }
    }

    public func hasSeriesDue(through: Date) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM series WHERE horizon IS NOT NULL AND horizon < ?)", arguments: [through]) ?? false
        }
    }

    public func allSeries() async throws -> [Series] {
        try await pool.read { db in try SeriesRow.fetchAll(db, sql: "SELECT * FROM series ORDER BY year, serial").map { try $0.series() } }
    }

    public func actions(_ filter: ActionFilter) async throws -> [ActionRecord] {
        try await pool.read { db in
            var clauses: [String] = []
            var args: [any DatabaseValueConvertible] = []
            if let series = filter.seriesID { clauses.append("m.series_id = ?"); args.append(series) }
            if let before = filter.before { clauses.append("m.start_at < ?"); args.append(before) }
            if let opd = filter.opd {
                clauses.append("(a.owner_opd = ? COLLATE NOCASE OR a.owner_nip IN (SELECT nip FROM person WHERE opd = ? COLLATE NOCASE))")
                args += [opd, opd]
            }
            let rows = try Row.fetchAll(db, sql: """
                \(Self.actionSelect)
                \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
                ORDER BY m.start_at, a.meeting_id, a.number
                """, arguments: StatementArguments(args))
            return try rows.map { try Self.actionRecord($0) }.filter(filter.admits)
        }
    }

    /// An action item with its meeting, owner's OPD and follow-up, for `actionRecord`.
    static let actionSelect = """
        SELECT a.*, m.title AS meeting_title, m.start_at, m.time_zone, m.series_id, p.opd AS person_opd,
               f.status AS follow_status, f.at AS follow_at, f.note AS follow_note
        FROM action_item a
        JOIN meeting m ON m.id = a.meeting_id
        LEFT JOIN person p ON p.nip = a.owner_nip
        LEFT JOIN action_follow_up f ON f.meeting_id = a.meeting_id AND f.number = a.number
        """

    static func actionRecord(_ r: Row) throws -> ActionRecord {
        let action = try ActionRow(row: r)
        let zone = TimeZone(identifier: r["time_zone"]) ?? Zone.jakarta
        let followUp = (r["follow_status"] as String?).flatMap(ActionStatus.init(rawValue:)).map {
            ActionRecord.FollowUp(status: $0, at: r["follow_at"], note: r["follow_note"])
        }
        return ActionRecord(try action.item(), id: ActionID(meeting: try MeetingID(action.meetingId), number: action.number),
                            meetingTitle: r["meeting_title"], meetingDate: CivilDate(r["start_at"] as Date, in: zone),
                            seriesID: r["series_id"], ownerOPD: action.ownerOpd ?? r["person_opd"] ?? "?", followUp: followUp)
    }
}

/// Time spent in SQLite per statement text, when `RAPAT_SQLPROFILE` is set: where an import or a request spends it.
public enum SQLProfile {
    private nonisolated(unsafe) static var totals: [String: (seconds: Double, count: Int)] = [:]
    private static let lock = NSLock()

    static func add(_ sql: String, _ seconds: TimeInterval) {
        lock.withLock {
            let key = String(sql.prefix(100)).replacingOccurrences(of: "\n", with: " ")
            totals[key, default: (0, 0)].seconds += seconds
            totals[key, default: (0, 0)].count += 1
        }
    }

    /// The `limit` statements that took longest in all: seconds, executions, the statement's first 100 characters.
    public static func report(limit: Int = 15) -> String {
        lock.withLock {
            totals.sorted { $0.value.seconds > $1.value.seconds }.prefix(limit)
                .map { String(format: "%8.3f s %8d  ", $0.value.seconds, $0.value.count) + $0.key }.joined(separator: "\n")
        }
    }
}
