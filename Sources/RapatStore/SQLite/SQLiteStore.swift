import Foundation
import GRDB
import RapatCore

/// The embedded default archive: one SQLite file in WAL mode through GRDB.
///
/// Writes are IMMEDIATE transactions, so two `rapat` processes on the same file take turns
/// (waiting up to the busy timeout) instead of losing a write.
public final class SQLiteStore: MeetingStore {
    let pool: DatabasePool
    let path: String

    public init(path: String, busyTimeout: TimeInterval = 30) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            db.add(tokenizer: IndonesianTokenizer.self)
            try SearchRank.register(db)
            // 32 MiB of page cache per connection instead of SQLite's 2 MiB: with a million meetings the
            // conflict check's index pages stay in memory (p99 at 1M meetings was 3x that at 1k).
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try SQLiteSchema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path, error.message ?? error.description)
        }
    }

    /// Runs one write transaction, turning SQLite's lock errors into a clear message.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StoreError.busy(path)
        }
    }

    // MARK: People

    public func addPerson(_ person: Person) async throws {
        try await write { db in
            if let existing = try PersonRow.fetchOne(db, key: person.nip.digits) {
                throw StoreError.duplicatePerson(person.nip, existing: "\(existing.name) (\(existing.opd))")
            }
            try PersonRow(person).insert(db)
        }
    }

    public func updatePerson(_ person: Person) async throws {
        try await write { db in
            guard try PersonRow.exists(db, key: person.nip.digits) else { throw StoreError.unknownPerson(person.nip) }
            try PersonRow(person).update(db)
        }
    }

    public func person(_ nip: NIP) async throws -> Person {
        try await pool.read { db in
            guard let row = try PersonRow.fetchOne(db, key: nip.digits) else { throw StoreError.unknownPerson(nip) }
            return try row.person()
        }
    }

    public func people(opd: String?) async throws -> [Person] {
        try await pool.read { db in
            let rows: [PersonRow]
            if let opd {
                rows = try PersonRow.fetchAll(db, sql: "SELECT * FROM person WHERE opd = ? COLLATE NOCASE ORDER BY opd, name", arguments: [opd])
            } else {
                rows = try PersonRow.fetchAll(db, sql: "SELECT * FROM person ORDER BY opd, name")
            }
            return try rows.map { try $0.person() }
        }
    }

    // MARK: Settings and holidays

    public func policy() async throws -> Policy {
        try await pool.read { db in try Self.policy(db) }
    }

    static func policy(_ db: Database) throws -> Policy {
        var policy = Policy.standard
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting") {
            try policy.set(row["key"], row["value"])
        }
        return policy
    }

    public func setPolicy(_ policy: Policy) async throws {
        try await write { db in
            for (key, value) in policy.settings {
                try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [key, value])
            }
        }
    }

    public func addHolidays(_ holidays: [Holiday]) async throws -> Int {
        try await write { db in
            var added = 0
            for h in holidays {
                if try !Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM holiday WHERE date = ?)", arguments: [h.date.description])! {
                    added += 1
                }
                try db.execute(sql: "INSERT INTO holiday(date, name) VALUES (?, ?) ON CONFLICT(date) DO UPDATE SET name = excluded.name",
                               arguments: [h.date.description, h.name])
            }
            return added
        }
    }

    public func holidays() async throws -> [Holiday] {
        try await pool.read { db in try Self.holidays(db) }
    }

    static func holidays(_ db: Database) throws -> [Holiday] {
        try Row.fetchAll(db, sql: "SELECT date, name FROM holiday ORDER BY date").map {
            Holiday(date: try CivilDate($0["date"] as String), name: $0["name"])
        }
    }

    // MARK: Meetings

    public func createMeetings(_ plans: [Meeting], series: Series?) async throws -> [Meeting] {
        guard !plans.isEmpty else { throw StoreError.emptyPlan }
        return try await write { db in
            let planner = Planner(workingHours: try Self.policy(db).workingHours, holidays: try Self.holidays(db))
            let seriesID = try series.map { try Self.insertSeries($0, firstStart: plans[0], db) }
            return try plans.map { plan in
                var m = plan
                m.status = .scheduled
                m.sequence = 0
                if let seriesID { m.seriesID = seriesID }
                return try Self.insertMeeting(m, planner: planner, db)
            }
        }
    }

    static func insertSeries(_ series: Series, firstStart plan: Meeting, _ db: Database) throws -> String {
        let year = CivilDate(plan.start, in: plan.zone).year
        let serial = (try Int.fetchOne(db, sql: "SELECT MAX(serial) FROM series WHERE year = ?", arguments: [year]) ?? 0) + 1
        let id = String(format: "SR-%04d-%03d", year, serial)
        try SeriesRow(id: id, year: year, serial: serial, title: series.title, rule: series.rule.description,
                      exceptions: series.rule.exceptions.sorted().map(\.description).joined(separator: ",")).insert(db)
        return id
    }

    /// Assigns the next id of the meeting's year, checks the plan and stores it.
    static func insertMeeting(_ plan: Meeting, planner: Planner, _ db: Database) throws -> Meeting {
        var m = plan
        let year = CivilDate(m.start, in: m.zone).year
        let serial = (try Int.fetchOne(db, sql: "SELECT MAX(serial) FROM meeting WHERE year = ?", arguments: [year]) ?? 0) + 1
        m.id = MeetingID(year: year, serial: serial)
        try planner.check(m, people: try people(m, db), booked: try booked(for: m, db))
        try MeetingRows.save(m, in: db)
        return m
    }

    /// Stores the version the meeting's approval names, with its canonical record and digest.
    static func seal(_ m: Meeting, _ db: Database) throws {
        let record = try MinutesRecord(m)
        try db.execute(sql: """
            INSERT INTO minutes_version(meeting_id, version, approved_by, approved_at, reason, canonical, digest)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [m.id.description, record.approval.version, record.approval.by.digits, record.approval.at,
                             record.approval.reason, String(decoding: record.canonical(), as: UTF8.self), record.digest])
    }

    public func minutesVersions(_ id: MeetingID) async throws -> [MinutesVersion] {
        try await pool.read { db in
            _ = try Self.load(id, db)
            return try Row.fetchAll(db, sql: "SELECT * FROM minutes_version WHERE meeting_id = ? ORDER BY version", arguments: [id.description]).map { r in
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                return MinutesVersion(meetingID: id, version: r["version"], approvedBy: try NIP(r["approved_by"] as String), approvedAt: r["approved_at"],
                                      reason: r["reason"], digest: r["digest"],
                                      record: try decoder.decode(MinutesRecord.self, from: Data((r["canonical"] as String).utf8)))
            }
        }
    }

    public func verify(from: Date?, to: Date?) async throws -> [IntegrityProblem] {
        try await pool.read { db in
            var clauses = ["approved_by IS NOT NULL"]
            var args: [any DatabaseValueConvertible] = []
            if let from { clauses.append("start_at >= ?"); args.append(from) }
            if let to { clauses.append("start_at < ?"); args.append(to) }
            let rows = try MeetingRow.fetchAll(db, sql: "SELECT * FROM meeting WHERE \(clauses.joined(separator: " AND ")) ORDER BY start_at, id",
                                               arguments: StatementArguments(args))
            var problems: [IntegrityProblem] = []
            for m in try MeetingRows.load(rows, in: db) {
                let versions = try Row.fetchAll(db, sql: "SELECT version, canonical, digest FROM minutes_version WHERE meeting_id = ? ORDER BY version",
                                                arguments: [m.id.description]).map { (version: $0["version"] as Int, canonical: $0["canonical"] as String, digest: $0["digest"] as String) }
                problems += try IntegrityProblem.problems(of: m, sealed: versions)
            }
            return problems
        }
    }

    public func importBundle(_ bundle: ArchiveBundle) async throws {
        try await write { db in
            for p in bundle.people {
                if let existing = try PersonRow.fetchOne(db, key: p.nip.digits) {
                    guard try existing.person() == p else { throw BundleError.conflict("NIP \(p.nip) is registered here as \(existing.name) (\(existing.opd)) with other details") }
                } else {
                    try PersonRow(p).insert(db)
                }
            }
            for s in bundle.series {
                if let row = try SeriesRow.fetchOne(db, key: s.id) {
                    guard try row.series() == s else { throw BundleError.conflict("series \(s.id) exists here with another rule") }
                    continue
                }
                let parts = s.id.split(separator: "-")
                try SeriesRow(id: s.id, year: Int(parts.count == 3 ? parts[1] : "0") ?? 0, serial: Int(parts.last ?? "0") ?? 0, title: s.title,
                              rule: s.rule.description, exceptions: s.rule.exceptions.sorted().map(\.description).joined(separator: ",")).insert(db)
            }
            for file in bundle.meetings {
                guard try !MeetingRow.exists(db, key: file.meeting.id.description) else {
                    throw BundleError.conflict("meeting \(file.meeting.id) already exists in this archive")
                }
                try MeetingRows.save(file.meeting, in: db)
                for v in file.versions {
                    try db.execute(sql: """
                        INSERT INTO minutes_version(meeting_id, version, approved_by, approved_at, reason, canonical, digest)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [v.meetingID.description, v.version, v.approvedBy.digits, v.approvedAt, v.reason,
                                         String(decoding: v.record.canonical(), as: UTF8.self), v.digest])
                }
            }
        }
    }

    public func createToken(role: Role, person: NIP?) async throws -> String {
        if role == .participant, person == nil { throw StoreError.tokenNeedsPerson }
        let secret = APIToken.newSecret()
        try await write { db in
            if let person, try !PersonRow.exists(db, key: person.digits) { throw StoreError.unknownPerson(person) }
            try db.execute(sql: "INSERT INTO api_token(hash, role, nip, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [APIToken.hash(secret), role.rawValue, person?.digits, Date().wholeSecond])
        }
        return secret
    }

    public func token(secret: String) async throws -> APIToken? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT role, nip, created_at FROM api_token WHERE hash = ?", arguments: [APIToken.hash(secret)]),
                  let role = Role(rawValue: row["role"])
            else { return nil }
            return APIToken(role: role, person: try (row["nip"] as String?).map { try NIP($0) }, createdAt: row["created_at"])
        }
    }

    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        try await pool.read { db in try SearchIndex.search(query, in: db) }
    }

    public func reindex(progress: (@Sendable (Int, Int) -> Void)?) async throws {
        try await write { db in try SearchIndex.rebuild(db, progress: progress) }
    }

    public func archiveID() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT archive_id FROM archive WHERE id = 1")! }
    }

    public func importEvents(_ batches: ImportedEventBatches, dryRun: Bool) async throws -> ImportSummary {
        do {
            return try await pool.writeWithoutTransaction { db in
                var summary = ImportSummary()
                summary.dryRun = dryRun
                try db.inTransaction {
                    let policy = try Self.policy(db)
                    let planner = Planner(workingHours: policy.workingHours, holidays: try Self.holidays(db))
                    let archive = try String.fetchOne(db, sql: "SELECT archive_id FROM archive WHERE id = 1")!
                    while let events = try batches.next() {
                        for event in events {
                            do {
                                try Self.importEvent(event, planner: planner, archiveID: archive, into: &summary, db)
                            } catch let error as DatabaseError {
                                throw error
                            } catch {
                                throw ImportError(source: event.source, line: event.line, summary: event.summary, reason: "\(error)")
                            }
                        }
                    }
                    return dryRun ? .rollback : .commit
                }
                return summary
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StoreError.busy(path)
        }
    }

    /// The meeting an imported UID (and occurrence) already is: one imported before, or one planned here and exported.
    static func existing(uid: String, occurrence: Date?, archiveID: String, _ db: Database) throws -> Meeting? {
        let row = try MeetingRow.fetchOne(db, sql: "SELECT * FROM meeting WHERE ical_uid = ? AND occurrence_start IS ?", arguments: [uid, occurrence])
        if let row { return try MeetingRows.load([row], in: db)[0] }
        let suffix = "@\(archiveID).rapat"
        guard uid.hasSuffix(suffix) else { return nil }
        let local = String(uid.dropLast(suffix.count))
        if let id = try? MeetingID(local), occurrence == nil {
            return try MeetingRow.fetchOne(db, key: id.description).map { try MeetingRows.load([$0], in: db)[0] }
        }
        if let occurrence {
            let row = try MeetingRow.fetchOne(db, sql: "SELECT * FROM meeting WHERE series_id = ? AND occurrence_start = ?", arguments: [local, occurrence])
            return try row.map { try MeetingRows.load([$0], in: db)[0] }
        }
        return nil
    }

    static func importEvent(_ event: ImportedEvent, planner: Planner, archiveID: String, into summary: inout ImportSummary, _ db: Database) throws {
        var seriesID: String?
        for plan in event.meetings {
            switch try event.outcome(for: plan, existing: try existing(uid: event.uid, occurrence: plan.occurrenceStart, archiveID: archiveID, db)) {
            case .unchanged:
                summary.unchanged += 1
            case let .cancel(m):
                try MeetingRows.save(m, in: db)
                summary.cancelled.append(m.id)
            case let .update(m, previous):
                try planner.check(m, previous: previous, people: try people(m, db), booked: try booked(for: m, db))
                try MeetingRows.save(m, in: db)
                summary.updated.append(m.id)
            case var .create(m):
                if let series = event.series {
                    if seriesID == nil { seriesID = try insertSeries(series, firstStart: plan, db) }
                    m.seriesID = seriesID
                }
                summary.created.append(try insertMeeting(m, planner: planner, db).id)
            }
        }
    }

    public func meeting(_ id: MeetingID) async throws -> Meeting {
        try await pool.read { db in try Self.load(id, db) }
    }

    static func load(_ id: MeetingID, _ db: Database) throws -> Meeting {
        guard let row = try MeetingRow.fetchOne(db, key: id.description) else { throw StoreError.unknownMeeting(id) }
        return try MeetingRows.load([row], in: db)[0]
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
                clauses.append("id IN (SELECT meeting_id FROM meeting_person WHERE nip = ?)"); args.append(nip.digits)
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
            return try MeetingRows.load(rows, in: db)
        }
    }

    public func series(_ id: String) async throws -> Series {
        try await pool.read { db in
            guard let row = try SeriesRow.fetchOne(db, key: id) else { throw StoreError.unknownSeries(id) }
            return try row.series()
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
            return try rows.map { try Self.actionRecord($0) }.filter { record in
                switch filter.status {
                case nil: return true
                case .open?: return record.status == .open
                case .done?: return record.status == .done
                case .overdue?: return record.isOverdue(on: filter.today)
                }
            }
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
        let id = ActionID(meeting: try MeetingID(action.meetingId), number: action.number)
        let owner: ActionOwner = try action.ownerNip.map { .person(try NIP($0)) } ?? .opd(action.ownerOpd ?? "")
        var item = ActionItem(number: action.number, itemKey: action.itemKey, text: action.text, owner: owner,
                              due: try action.dueDate.map { try CivilDate($0) }, status: ActionStatus(rawValue: action.status) ?? .open)
        item.completedAt = action.completedAt
        item.completionNote = action.completionNote
        let zone = TimeZone(identifier: r["time_zone"]) ?? Zone.jakarta
        let followStatus = (r["follow_status"] as String?).flatMap(ActionStatus.init(rawValue:))
        return ActionRecord(id: id, action: item, meetingTitle: r["meeting_title"], meetingDate: CivilDate(r["start_at"] as Date, in: zone),
                            seriesID: r["series_id"], ownerOPD: action.ownerOpd ?? r["person_opd"] ?? "?",
                            status: followStatus ?? item.status, completedAt: followStatus != nil ? r["follow_at"] : item.completedAt,
                            completionNote: followStatus != nil ? r["follow_note"] : item.completionNote)
    }

    public func setActionStatus(_ id: ActionID, _ status: ActionStatus, at: Date, note: String?) async throws -> ActionRecord {
        try await write { db in
            var m = try Self.load(id.meeting, db)
            guard m.minutes.actions.contains(where: { $0.number == id.number }) else { throw StoreError.unknownAction(id) }
            if m.minutes.isApproved {
                try db.execute(sql: """
                    INSERT INTO action_follow_up(meeting_id, number, status, at, note) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(meeting_id, number) DO UPDATE SET status = excluded.status, at = excluded.at, note = excluded.note
                    """, arguments: [id.meeting.description, id.number, status.rawValue, at.wholeSecond, note])
            } else {
                try m.setAction(id.number, status: status, at: at, note: note)
                try MeetingRows.save(m, in: db)
            }
            let row = try Row.fetchOne(db, sql: Self.actionSelect + " WHERE a.meeting_id = ? AND a.number = ?",
                                       arguments: [id.meeting.description, id.number])!
            return try Self.actionRecord(row)
        }
    }

    public func updateMeeting(_ id: MeetingID, _ change: @escaping @Sendable (inout Meeting, Policy) throws -> Void) async throws -> Meeting {
        try await write { db in
            let previous = try Self.load(id, db)
            let policy = try Self.policy(db)
            var m = previous
            try change(&m, policy)
            m.id = previous.id
            guard m != previous else { return m }
            let planner = Planner(workingHours: policy.workingHours, holidays: try Self.holidays(db))
            try planner.check(m, previous: previous, people: try Self.people(m, db), booked: try Self.booked(for: m, db))
            m.settleSequence(after: previous)
            try MeetingRows.save(m, in: db)
            if let approval = m.minutes.approval, approval != previous.minutes.approval {
                try Self.seal(m, db)
            }
            return m
        }
    }

    /// The persons a meeting names, for the planner's unknown-person check.
    static func people(_ m: Meeting, _ db: Database) throws -> [NIP: Person] {
        let nips = Set(m.everyone.map(\.digits) + m.agenda.compactMap { $0.presenterNIP?.digits })
        let rows = try PersonRow.fetchAll(db, keys: Array(nips))
        return Dictionary(uniqueKeysWithValues: try rows.map { (try NIP($0.nip), try $0.person()) })
    }

    /// Active meetings overlapping `m` that occupy any of its people.
    /// Bounded scan: a meeting lasts at most `Planner.maxMeetingMinutes`, so only starts within that window before `m` can overlap.
    static func booked(for m: Meeting, _ db: Database) throws -> [BookedSlot] {
        let nips = m.everyone.map(\.digits)
        let earliest = m.start.addingTimeInterval(-TimeInterval(Planner.maxMeetingMinutes * 60))
        let marks = databaseQuestionMarks(count: nips.count)
        let rows = try Row.fetchAll(db, sql: """
            SELECT mp.meeting_id, mp.nip, m.title, m.start_at, m.end_at, m.time_zone
            FROM meeting_person mp JOIN meeting m ON m.id = mp.meeting_id
            WHERE mp.nip IN (\(marks)) AND mp.active = 1 AND mp.start_at > ? AND mp.start_at < ? AND mp.end_at > ?
              AND mp.meeting_id <> ?
            """, arguments: StatementArguments(nips) + [earliest, m.end, m.start, m.id.description])
        var slots: [String: BookedSlot] = [:]
        for r in rows {
            let id: String = r["meeting_id"]
            let nip = try NIP(r["nip"] as String)
            if slots[id] == nil {
                slots[id] = BookedSlot(meetingID: try MeetingID(id), title: r["title"], start: r["start_at"], end: r["end_at"],
                                       timeZone: r["time_zone"], people: [])
            }
            slots[id]!.people.insert(nip)
        }
        return Array(slots.values)
    }
}
