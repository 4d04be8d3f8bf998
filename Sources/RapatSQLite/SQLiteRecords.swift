import Foundation
import GRDB
import RapatCore
import RapatStore
import Synchronization

/// Row types of the SQLite archive; each maps one table, converted to and from the core aggregate here only.
/// Columns are snake_case: a type whose property names differ says so in its `CodingKeys`. GRDB's key strategies
/// (`.convertFromSnakeCase`) would build a dictionary of every column's name for every row it decodes: a fifth
/// of a page's time went to that. With default keys a column is found by its name, once per property.
protocol SnakeCaseRecord: Codable, FetchableRecord, PersistableRecord {}

/// A row that belongs to one meeting.
protocol MeetingChildRow: SnakeCaseRecord {
    var meetingId: String { get }
}

struct PersonRow: SnakeCaseRecord {
    static let databaseTableName = "person"
    var nip: String, name: String, jabatan: String, opd: String, email: String?, pangkat: String?, linkedTo: String?

    init(_ p: Person) {
        nip = p.id.key; name = p.name; jabatan = p.jabatan; opd = p.opd; email = p.email; pangkat = p.pangkat; linkedTo = p.linkedTo?.key
    }

    func person() throws -> Person {
        var p = try Person(id: PersonID(nip), name: name, jabatan: jabatan, opd: opd, email: email, pangkat: pangkat)
        p.linkedTo = try linkedTo.map { try PersonID($0) }
        return p
    }

    enum CodingKeys: String, CodingKey { case nip, name, jabatan, opd, email, pangkat, linkedTo = "linked_to" }
}

struct SeriesRow: SnakeCaseRecord {
    static let databaseTableName = "series"
    var id: String, year: Int, serial: Int, title: String, rule: String, exceptions: String, horizon: Date?
}

extension SeriesRow {
    init(_ s: Series, year: Int, serial: Int) {
        self.init(id: s.id, year: year, serial: serial, title: s.title, rule: s.rule.stored,
                  exceptions: s.rule.exceptions.sorted().map(\.description).joined(separator: ","), horizon: s.horizon)
    }

    func series() throws -> Series {
        let exceptions = Set(try exceptions.split(separator: ",").map { try CivilDate(String($0)) })
        return Series(id: id, title: title, rule: try Recurrence(stored: rule, exceptions: exceptions), horizon: horizon)
    }
}

struct MeetingRow: SnakeCaseRecord {
    static let databaseTableName = "meeting"
    var id: String, year: Int, serial: Int, title: String, kind: String, chair: String, notulis: String?
    var startAt: Date, endAt: Date, timeZone: String, virtualLink: String?, location: String?
    var status: String, sequence: Int, seriesId: String?, occurrenceStart: Date?, icalUid: String?
    var actualStart: Date?, lateStartReason: String?, actualEnd: Date?, cancelReason: String?
    var approvedBy: String?, approvedAt: Date?, approvedVersion: Int?, approvalReason: String?
    var details: String?, allDay: Bool?, reservesTime: Bool?
    enum CodingKeys: String, CodingKey {
        case id, year, serial, title, kind, chair, notulis, startAt = "start_at", endAt = "end_at", timeZone = "time_zone"
        case virtualLink = "virtual_link", location, status, sequence, seriesId = "series_id", occurrenceStart = "occurrence_start"
        case icalUid = "ical_uid", actualStart = "actual_start", lateStartReason = "late_start_reason", actualEnd = "actual_end"
        case cancelReason = "cancel_reason", approvedBy = "approved_by", approvedAt = "approved_at", approvedVersion = "approved_version"
        case approvalReason = "approval_reason", details, allDay = "all_day", reservesTime = "reserves_time"
    }
}

struct MeetingPersonRow: MeetingChildRow {
    static let databaseTableName = "meeting_person"
    var meetingId: String, nip: String, role: String, position: Int, startAt: Date, endAt: Date, active: Bool
    enum CodingKeys: String, CodingKey { case meetingId = "meeting_id", nip, role, position, startAt = "start_at", endAt = "end_at", active }
}

struct AgendaItemRow: MeetingChildRow {
    static let databaseTableName = "agenda_item"
    var meetingId: String, key: Int, position: Int, title: String, presenter: String?, presenterNip: String?
    var boxMinutes: Int, actualStart: Date?, actualEnd: Date?, carriedFrom: String, isFollowUp: Bool, details: String?, isStanding: Bool
    enum CodingKeys: String, CodingKey {
        case meetingId = "meeting_id", key, position, title, presenter, presenterNip = "presenter_nip", boxMinutes = "box_minutes"
        case actualStart = "actual_start", actualEnd = "actual_end", carriedFrom = "carried_from", isFollowUp = "is_follow_up", details
        case isStanding = "is_standing"
    }
}

struct AttendanceRow: MeetingChildRow {
    static let databaseTableName = "attendance"
    var meetingId: String, nip: String, category: String, checkedInAt: Date?, lateMinutes: Int?
    var representative: String?, note: String?
    /// JSON of what corrections replaced (`[AttendanceChange]`), oldest first.
    var history: String?
    enum CodingKeys: String, CodingKey {
        case meetingId = "meeting_id", nip, category, checkedInAt = "checked_in_at", lateMinutes = "late_minutes", representative, note, history
    }

    static func historyText(_ h: [AttendanceChange]?) -> String? {
        guard let h, !h.isEmpty else { return nil }
        return String(decoding: try! StoredJSON.encoder.encode(h), as: UTF8.self)  // plain values: encoding cannot fail
    }

    func historyEntries() throws -> [AttendanceChange]? {
        try history.map { try StoredJSON.decoder.decode([AttendanceChange].self, from: Data($0.utf8)) }
    }
}


struct NoteRow: MeetingChildRow {
    static let databaseTableName = "discussion_note"
    var meetingId: String, seq: Int, itemKey: Int, text: String, speaker: String?
    enum CodingKeys: String, CodingKey { case meetingId = "meeting_id", seq, itemKey = "item_key", text, speaker }
}

struct DecisionRow: MeetingChildRow {
    static let databaseTableName = "decision"
    var meetingId: String, number: Int, itemKey: Int?, text: String
    enum CodingKeys: String, CodingKey { case meetingId = "meeting_id", number, itemKey = "item_key", text }
}

struct IndicatorRow: MeetingChildRow {
    static let databaseTableName = "indicator"
    var meetingId: String, opd: String, name: String, asOf: String, target: Double, actual: Double, unit: String
    enum CodingKeys: String, CodingKey { case meetingId = "meeting_id", opd, name, asOf = "as_of", target, actual, unit }
}

struct ActionRow: MeetingChildRow {
    static let databaseTableName = "action_item"
    var meetingId: String, number: Int, itemKey: Int?, text: String, ownerOpd: String?, ownerNip: String?
    var dueDate: String?, status: String, completedAt: Date?, completionNote: String?
    enum CodingKeys: String, CodingKey {
        case meetingId = "meeting_id", number, itemKey = "item_key", text, ownerOpd = "owner_opd", ownerNip = "owner_nip"
        case dueDate = "due_date", status, completedAt = "completed_at", completionNote = "completion_note"
    }
}

extension ActionRow {
    func item() throws -> ActionItem {
        let owner: ActionOwner = try ownerNip.map { .person(try PersonID($0)) } ?? .opd(ownerOpd ?? "")
        var item = ActionItem(number: number, itemKey: itemKey, text: text, owner: owner,
                              due: try dueDate.map { try CivilDate($0) }, status: ActionStatus(rawValue: status) ?? .open)
        item.completedAt = completedAt
        item.completionNote = completionNote
        return item
    }
}

extension PersonRow {
    static func all(opd: String?, _ db: Database) throws -> [PersonRow] {
        if let opd {
            return try fetchAll(db, sql: "SELECT * FROM person WHERE opd = ? COLLATE NOCASE ORDER BY opd, name", arguments: [opd])
        }
        return try fetchAll(db, sql: "SELECT * FROM person ORDER BY opd, name")
    }

    static func some(_ nips: Set<PersonID>, _ db: Database) throws -> [PersonRow] {
        var rows: [PersonRow] = []
        let all = nips.map(\.key)
        // Chunked to stay under SQLite's bound-parameter limit.
        for start in stride(from: 0, to: all.count, by: 500) {
            let chunk = Array(all[start..<min(start + 500, all.count)])
            rows += try fetchAll(db.cachedStatement(sql: "SELECT * FROM person WHERE nip IN (\(databaseQuestionMarks(count: chunk.count)))"),
                                 arguments: StatementArguments(chunk))
        }
        return rows.sorted { ($0.opd, $0.name) < ($1.opd, $1.name) }
    }
}

/// The `archive` table: this archive's own random id.
enum ArchiveRow {
    static func id(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT archive_id FROM archive WHERE id = 1")!
    }
}

extension MeetingPersonRow {
    /// Active meetings overlapping `m` that occupy any of its people. Bounded scan: a meeting lasts at most
    /// `Planner.maxMeetingMinutes`, so only starts within that window before `m` can overlap.
    static func booked(for m: Meeting, _ db: Database) throws -> [BookedSlot] {
        let nips = m.everyone.map(\.key)
        let earliest = m.start.addingTimeInterval(-TimeInterval(Planner.maxMeetingMinutes * 60))
        // Cached per number of people (a prepared statement is compiled once, not at every check of an import).
        let statement = try db.cachedStatement(sql: """
            SELECT mp.meeting_id, mp.nip, m.title, m.start_at, m.end_at, m.time_zone
            FROM meeting_person mp JOIN meeting m ON m.id = mp.meeting_id
            WHERE mp.nip IN (\(databaseQuestionMarks(count: nips.count))) AND mp.active = 1 AND mp.start_at > ? AND mp.start_at < ?
              AND mp.end_at > ? AND mp.meeting_id <> ?
            """)
        let rows = try Row.fetchAll(statement, arguments: StatementArguments(nips)
            + [ArchiveDate.databaseValue(earliest), ArchiveDate.databaseValue(m.end), ArchiveDate.databaseValue(m.start), m.id.description])
        var slots: [String: BookedSlot] = [:]
        for r in rows {
            let id: String = r["meeting_id"]
            if slots[id] == nil {
                slots[id] = BookedSlot(meetingID: try MeetingID(id), title: r["title"], start: r["start_at"], end: r["end_at"],
                                       timeZone: r["time_zone"], people: [])
            }
            slots[id]!.people.insert(try PersonID(r["nip"] as String))
        }
        return Array(slots.values)
    }
}

/// The `setting` table: the archive's policy as key/value pairs.
enum SettingRow {
    static func policy(_ db: Database) throws -> Policy {
        var policy = Policy.standard
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting") {
            try policy.set(row["key"], row["value"])
        }
        return policy
    }

    static func save(_ policy: Policy, _ db: Database) throws {
        for (key, value) in policy.settings {
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }
}

/// The `holiday` table.
enum HolidayRow {
    static func all(_ db: Database) throws -> [Holiday] {
        try Row.fetchAll(db, sql: "SELECT date, name FROM holiday ORDER BY date").map {
            Holiday(date: try CivilDate($0["date"] as String), name: $0["name"])
        }
    }

    /// Adds holidays, replacing the name of a date already listed; returns how many dates were new.
    static func add(_ holidays: [Holiday], _ db: Database) throws -> Int {
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

/// The `minutes_version` table: sealed versions of approved minutes.
enum MinutesVersionRow {
    static func insert(_ v: MinutesVersion, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO minutes_version(meeting_id, version, approved_by, approved_at, reason, canonical, digest, key_id, signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [v.meetingID.description, v.version, v.approvedBy.key, v.approvedAt, v.reason, v.canonicalText, v.digest,
                             v.signature?.keyID, v.signature?.value])
    }

    static func signature(_ r: Row) -> SealSignature? {
        guard let key: String = r["key_id"], let value: String = r["signature"] else { return nil }
        return SealSignature(keyID: key, value: value)
    }

    /// Every stored version (of one meeting, or of all), oldest first per meeting.
    static func stored(_ id: MeetingID?, _ db: Database) throws -> [StoredVersion] {
        let sql = "SELECT meeting_id, version, canonical, digest, key_id, signature FROM minutes_version"
            + (id == nil ? "" : " WHERE meeting_id = ?") + " ORDER BY meeting_id, version"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(id.map { [$0.description] } ?? [])).map {
            StoredVersion(meetingID: $0["meeting_id"], version: $0["version"], canonical: $0["canonical"], digest: $0["digest"], signature: signature($0))
        }
    }
}

/// The `signing_key` table: public keys of approving offices.
enum SigningKeyRow {
    static func key(_ r: Row) throws -> SigningKey {
        try SigningKey(publicKeyPEM: r["public_key"], office: r["office"], registeredAt: r["registered_at"])
    }

    static func all(_ db: Database) throws -> [SigningKey] {
        try Row.fetchAll(db, sql: "SELECT * FROM signing_key ORDER BY registered_at, id").map(key)
    }

    static func one(_ id: String, _ db: Database) throws -> SigningKey? {
        try Row.fetchOne(db, sql: "SELECT * FROM signing_key WHERE id = ?", arguments: [id]).map(key)
    }

    static func insert(_ k: SigningKey, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO signing_key(id, office, public_key, registered_at) VALUES (?, ?, ?, ?)",
                       arguments: [k.id, k.office, k.publicKeyPEM, k.registeredAt])
    }
}

/// Writing and reading a whole meeting aggregate.
enum MeetingRows {
    static let childTables = ["meeting_person", "agenda_item", "attendance", "discussion_note", "decision", "indicator"]

    /// The meeting table's columns in the order `save` binds them.
    static let meetingColumns = ["id", "year", "serial", "title", "kind", "chair", "notulis", "start_at", "end_at", "time_zone", "virtual_link",
                                 "location", "status", "sequence", "series_id", "occurrence_start", "ical_uid", "actual_start", "late_start_reason",
                                 "actual_end", "cancel_reason", "approved_by", "approved_at", "approved_version", "approval_reason", "details",
                                 "all_day", "reserves_time"]
    /// One statement inserts a new meeting or replaces the row of a stored one (an import writes thousands: GRDB's
    /// record `save` tried an UPDATE first and encoded the row through `Encodable` each time).
    static let upsertMeeting = "INSERT INTO meeting (\(meetingColumns.joined(separator: ", "))) VALUES ("
        + meetingColumns.map { _ in "?" }.joined(separator: ", ") + ") ON CONFLICT(id) DO UPDATE SET "
        + meetingColumns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    /// A plain insert for a new meeting: an upsert needs a statement journal, and opening one makes SQLite ask the
    /// full-text index for a savepoint, which writes its pending rows out as a segment of their own — per statement.
    static let insertMeeting = "INSERT INTO meeting (\(meetingColumns.joined(separator: ", "))) VALUES ("
        + meetingColumns.map { _ in "?" }.joined(separator: ", ") + ")"

    /// `new`: no row of the meeting exists (its id was just numbered), so none is deleted first — an import
    /// writes thousands, and the deletes (seven tables and the search index) cost as much as the inserts.
    static func save(_ m: Meeting, new: Bool = false, in db: Database) throws {
        let id = m.id.description
        func date(_ d: Date?) -> DatabaseValue { d.map(ArchiveDate.databaseValue) ?? .null }
        let approval = m.minutes.approval
        let values: [(any DatabaseValueConvertible)?] = [
            id, m.id.year, m.id.serial, m.title, m.kind, m.chair.key, m.notulis?.key, date(m.start), date(m.end), m.timeZone, m.virtualLink,
            m.location, m.status.rawValue, m.sequence, m.seriesID, date(m.occurrenceStart), m.icalUID, date(m.actualStart), m.lateStartReason,
            date(m.actualEnd), m.cancelReason, approval?.by.key, date(approval?.at), approval?.version, approval?.reason, m.details,
            m.allDay, m.reservesTime,
        ]
        try db.cachedStatement(sql: new ? insertMeeting : upsertMeeting).execute(arguments: StatementArguments(values))
        if !new {
            for table in childTables {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE meeting_id = ?").execute(arguments: [id])
            }
        }
        let insertPerson = try db.cachedStatement(sql: "INSERT INTO meeting_person (meeting_id, nip, role, position, start_at, end_at, active) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let start = ArchiveDate.databaseValue(m.start), end = ArchiveDate.databaseValue(m.end)
        let active = m.status != .cancelled && m.blocksTime
        for (i, nip) in m.everyone.enumerated() {
            let role = i == 0 ? "chair" : (nip == m.notulis ? "notulis" : "participant")
            try insertPerson.execute(arguments: [id, nip.key, role, i, start, end, active])
        }
        if !m.agenda.isEmpty {
            let insertItem = try db.cachedStatement(sql: """
                INSERT INTO agenda_item (meeting_id, key, position, title, presenter, presenter_nip, box_minutes, actual_start, actual_end,
                                         carried_from, is_follow_up, details, is_standing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (i, a) in m.agenda.enumerated() {
                try insertItem.execute(arguments: [id, a.key, i + 1, a.title, a.presenter, a.presenterNIP?.key, a.boxMinutes,
                                                   a.actualStart.map(ArchiveDate.databaseValue), a.actualEnd.map(ArchiveDate.databaseValue),
                                                   a.carriedFrom.map(\.description).joined(separator: ","), a.isFollowUp, a.details, a.isStanding])
            }
        }
        for a in m.attendance {
            try AttendanceRow(meetingId: id, nip: a.nip.key, category: a.category.rawValue, checkedInAt: a.checkedInAt,
                              lateMinutes: a.lateMinutes, representative: a.representative, note: a.note,
                              history: AttendanceRow.historyText(a.history)).insert(db)
        }
        for (i, n) in m.minutes.notes.enumerated() {
            try NoteRow(meetingId: id, seq: i + 1, itemKey: n.itemKey, text: n.text, speaker: n.speaker).insert(db)
        }
        for d in m.minutes.decisions {
            try DecisionRow(meetingId: id, number: d.number, itemKey: d.itemKey, text: d.text).insert(db)
        }
        // Action items are upserted, not re-inserted: follow-ups recorded after approval reference them.
        if !new { try db.cachedStatement(sql: "DELETE FROM action_item WHERE meeting_id = ? AND number NOT IN (\(databaseQuestionMarks(count: max(1, m.minutes.actions.count))))")
            .execute(arguments: StatementArguments([id] + (m.minutes.actions.isEmpty ? [0] : m.minutes.actions.map(\.number)))) }
        for a in m.minutes.actions {
            var opd: String?, nip: String?
            switch a.owner {
            case let .opd(name): opd = name
            case let .person(p): nip = p.key
            }
            try ActionRow(meetingId: id, number: a.number, itemKey: a.itemKey, text: a.text, ownerOpd: opd, ownerNip: nip,
                          dueDate: a.due?.description, status: a.status.rawValue, completedAt: a.completedAt,
                          completionNote: a.completionNote).save(db)
        }
        try SearchIndex.index(m, new: new, in: db)
        for i in m.minutes.indicators {
            try IndicatorRow(meetingId: id, opd: i.opd, name: i.name, asOf: i.asOf.description, target: i.target, actual: i.actual,
                             unit: i.unit).insert(db)
        }
    }

    /// The one meeting `sql` selects, or nil.
    static func loadOne(sql: String, _ arguments: StatementArguments, _ db: Database) throws -> Meeting? {
        try MeetingRow.fetchOne(db.cachedStatement(sql: sql), arguments: arguments).map { try load([$0], in: db)[0] }
    }

    /// Loads the meetings whose rows are given, with all their children, keeping the rows' order.
    /// With `unreadable`, a row that no longer makes a meeting (written by hand, or before text was checked) is
    /// handed to it and skipped, so one bad record never stops a listing or a backup.
    static func load(_ rows: [MeetingRow], in db: Database, unreadable: ((String, any Error) -> Void)? = nil) throws -> [Meeting] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.id)
        func children<R: MeetingChildRow>(_ type: R.Type, order: String) throws -> [String: [R]] {
            var result: [String: [R]] = [:]
            // Chunked to stay under SQLite's bound-parameter limit.
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = databaseQuestionMarks(count: chunk.count)
                // Cached statements: preparing one (with GRDB's authorizer called per column) cost as much as reading it.
                let rows = try R.fetchAll(db.cachedStatement(sql: "SELECT * FROM \(R.databaseTableName) WHERE meeting_id IN (\(marks)) ORDER BY meeting_id, \(order)"),
                                          arguments: StatementArguments(chunk))
                for r in rows { result[r.meetingId, default: []].append(r) }
            }
            return result
        }
        let people = try children(MeetingPersonRow.self, order: "position")
        let agenda = try children(AgendaItemRow.self, order: "position")
        let attendance = try children(AttendanceRow.self, order: "nip")
        let notes = try children(NoteRow.self, order: "seq")
        let decisions = try children(DecisionRow.self, order: "number")
        let actions = try children(ActionRow.self, order: "number")
        let indicators = try children(IndicatorRow.self, order: "name, opd, as_of")
        return try rows.compactMap { r in
          do {
            let zone = TimeZone(identifier: r.timeZone) ?? Zone.jakarta
            let everyone = try (people[r.id] ?? []).map { try PersonID($0.nip) }
            let notulis = try r.notulis.map { try PersonID($0) }
            var m = try Meeting(id: MeetingID(r.id), title: r.title, kind: r.kind, chair: PersonID(r.chair), notulis: notulis,
                                participants: everyone.filter { $0.key != r.chair && $0 != notulis },
                                start: r.startAt, end: r.endAt, timeZone: zone, virtualLink: r.virtualLink,
                                location: r.location, seriesID: r.seriesId)
            m.status = MeetingStatus(rawValue: r.status) ?? .scheduled
            m.sequence = r.sequence
            m.occurrenceStart = r.occurrenceStart
            m.icalUID = r.icalUid
            m.actualStart = r.actualStart
            m.lateStartReason = r.lateStartReason
            m.actualEnd = r.actualEnd
            m.cancelReason = r.cancelReason
            m.details = r.details
            m.allDay = r.allDay
            m.reservesTime = r.reservesTime
            m.agenda = try (agenda[r.id] ?? []).map { a in
                var item = try AgendaItem(key: a.key, title: a.title, presenter: a.presenter,
                                          presenterNIP: a.presenterNip.map { try PersonID($0) }, boxMinutes: a.boxMinutes,
                                          carriedFrom: try a.carriedFrom.split(separator: ",").map { try MeetingID(String($0)) },
                                          isFollowUp: a.isFollowUp, details: a.details, isStanding: a.isStanding)
                item.actualStart = a.actualStart
                item.actualEnd = a.actualEnd
                return item
            }
            m.attendance = try (attendance[r.id] ?? []).map { a in
                var entry = Attendance(nip: try PersonID(a.nip), category: try AttendanceCategory.parse(a.category), checkedInAt: a.checkedInAt,
                                       lateMinutes: a.lateMinutes, representative: a.representative, note: a.note)
                entry.history = try a.historyEntries()
                return entry
            }
            m.sortAttendance()
            m.minutes.notes = (notes[r.id] ?? []).map { DiscussionNote(itemKey: $0.itemKey, text: $0.text, speaker: $0.speaker) }
            m.minutes.decisions = (decisions[r.id] ?? []).map { Decision(number: $0.number, itemKey: $0.itemKey, text: $0.text) }
            m.minutes.actions = try (actions[r.id] ?? []).map { try $0.item() }
            m.minutes.indicators = try (indicators[r.id] ?? []).map {
                try Indicator(opd: $0.opd, name: $0.name, target: $0.target, actual: $0.actual, unit: $0.unit, asOf: CivilDate($0.asOf))
            }
            m.minutes.sortIndicators()
            if let by = r.approvedBy, let at = r.approvedAt {
                m.minutes.approval = Approval(by: try PersonID(by), at: at, version: r.approvedVersion ?? 1, reason: r.approvalReason)
            }
            return m
          } catch {
            guard let unreadable else { throw error }
            unreadable(r.id, error)
            return nil
          }
        }
    }
}

/// The `web_user` table.
enum WebUserRow {
    static func user(_ r: Row) throws -> WebUser? {
        guard let role = Role(rawValue: r["role"]) else { return nil }
        return WebUser(username: r["username"], role: role, person: try (r["nip"] as String?).map { try PersonID($0) }, passwordHash: r["password_hash"],
                       disabled: r["disabled"], createdAt: r["created_at"])
    }

    static func one(_ username: String, _ db: Database) throws -> WebUser? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM web_user WHERE username = ?"), arguments: [username]).flatMap(user)
    }

    static func all(_ db: Database) throws -> [WebUser] {
        try Row.fetchAll(db, sql: "SELECT * FROM web_user ORDER BY username").compactMap(user)
    }
}

/// The `shared_value` table: sessions and throttling state, with their expiry.
enum SharedValueRow {
    static func live(_ key: String, now: Date, _ db: Database) throws -> (String, Date?)? {
        guard let r = try Row.fetchOne(db.cachedStatement(sql: "SELECT value, expires_at FROM shared_value WHERE key = ?"), arguments: [key]) else { return nil }
        let expires: Date? = r["expires_at"]
        if let expires, expires <= now { return nil }
        return (r["value"], expires)
    }
}

/// A row of the numbering register.
struct LetterNumberRow: FetchableRecord, Decodable {
    var year: Int
    var serial: Int
    var document: String
    var meetingID: String
    var number: String
    var assignedAt: Date

    enum CodingKeys: String, CodingKey {
        case year, serial, document, number
        case meetingID = "meeting_id"
        case assignedAt = "assigned_at"
    }

    func value() throws -> LetterNumber {
        LetterNumber(year: year, serial: serial, document: document, meetingID: try MeetingID(meetingID), text: number, assignedAt: assignedAt)
    }
}

/// Dates as the archive stores them, "yyyy-MM-dd HH:mm:ss.SSS" in UTC (GRDB's text form, which every archive since
/// the first holds), written without a `DateFormatter`: formatting was a twentieth of an import's time. Whole seconds
/// from 1900 to 9999 (every date Rapat writes) take the fast path; anything else is left to GRDB, so the text is
/// always exactly what GRDB would write.
enum ArchiveDate {
    static func databaseValue(_ date: Date) -> DatabaseValue {
        let t = date.timeIntervalSince1970
        guard t == t.rounded(.down), t >= -2_208_988_800, t < 253_402_300_800 else { return date.databaseValue }
        let seconds = Int(t)
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        let (y, m, d) = EpochDays.civil(fromDays: days)
        var b = [UInt8](repeating: UInt8(ascii: "0"), count: 23)
        func put(_ value: Int, at index: Int, width: Int) {
            var v = value
            for i in stride(from: index + width - 1, through: index, by: -1) {
                b[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
        }
        put(y, at: 0, width: 4); b[4] = UInt8(ascii: "-")
        put(m, at: 5, width: 2); b[7] = UInt8(ascii: "-")
        put(d, at: 8, width: 2); b[10] = UInt8(ascii: " ")
        put(secondOfDay / 3600, at: 11, width: 2); b[13] = UInt8(ascii: ":")
        put(secondOfDay / 60 % 60, at: 14, width: 2); b[16] = UInt8(ascii: ":")
        put(secondOfDay % 60, at: 17, width: 2); b[19] = UInt8(ascii: ".")
        return String(decoding: b, as: UTF8.self).databaseValue
    }
}

extension SnakeCaseRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { ArchiveDate.databaseValue($0) }
    }
}
