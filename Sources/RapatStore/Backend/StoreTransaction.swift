import Foundation
import Synchronization
import RapatCore

/// What a backend offers inside one write transaction: reads and writes of rows, never a decision.
/// The algorithms that decide (plan checks, id assignment, import outcomes, bundle conflicts, action
/// follow-ups, sealing) are written once, in `TransactionalStore`, over these primitives.
public protocol StoreTransaction {
    func policy() async throws -> Policy
    func holidays() async throws -> [Holiday]
    /// The random id of this archive, made when it was created (it keeps iCalendar UIDs apart).
    func archiveID() async throws -> String

    func person(_ nip: PersonID) async throws -> Person?
    /// The registered people among `nips`.
    func people(_ nips: Set<PersonID>) async throws -> [PersonID: Person]
    func insertPerson(_ person: Person) async throws
    func updatePerson(_ person: Person) async throws

    func meeting(_ id: MeetingID) async throws -> Meeting?
    /// A meeting imported under this UID (and occurrence, for one of a recurring event's meetings).
    func meeting(icalUID: String, occurrence: Date?) async throws -> Meeting?
    /// The occurrence of a series that starts (or was planned to start) at `occurrence`.
    func meeting(series: String, occurrence: Date) async throws -> Meeting?
    /// The highest serial used in `year` for meetings or series; 0 when none.
    func lastSerial(_ kind: SerialKind, year: Int) async throws -> Int
    /// The meetings whose minutes are not sealed that may name `person` (as chair, minute-taker, participant,
    /// presenter, attendee or action-item owner); a few more do no harm (the caller reads each).
    func unsealedMeetings(naming person: PersonID) async throws -> [MeetingID]
    /// Active meetings other than `m` that overlap it and occupy any of its people.
    func booked(for m: Meeting) async throws -> [BookedSlot]
    /// Writes the whole aggregate (inserted or replaced) with its people's time slots and its search documents.
    /// `new`: the meeting's id was numbered in this transaction, so there is nothing of it to replace.
    func save(_ m: Meeting, new: Bool) async throws

    func series(_ id: String) async throws -> Series?
    func insertSeries(_ series: Series, year: Int, serial: Int) async throws
    /// Records how far a series' meetings are stored (nil: all of them).
    func setSeriesHorizon(_ id: String, _ horizon: Date?) async throws
    /// The series whose meetings are stored only to a horizon before `through`.
    func seriesDue(through: Date) async throws -> [Series]
    /// The start of a series' first meeting (as the rule gave it) and its latest meeting up to `through` (one stored
    /// beyond, such as an imported override far ahead, is not what later meetings copy); nil when it has none.
    func seriesEnds(_ id: String, through: Date) async throws -> (first: Date, last: Meeting)?

    /// Stores one sealed version of approved minutes (its canonical record, digest and signature).
    func insertVersion(_ version: MinutesVersion) async throws
    /// The number and digest of a meeting's latest sealed version; nil when none is stored.
    func latestVersion(_ id: MeetingID) async throws -> (version: Int, digest: String)?
    func signingKey(_ id: String) async throws -> SigningKey?
    func signingKeys() async throws -> [SigningKey]
    func insertSigningKey(_ key: SigningKey) async throws
    /// Records an action item's status beside frozen minutes (replacing an earlier follow-up).
    func setFollowUp(_ id: ActionID, _ status: ActionStatus, at: Date, note: String?) async throws
    func insertToken(hash: String, role: Role, person: PersonID?, createdAt: Date, expiresAt: Date?) async throws
    /// Deletes the tokens whose hash starts with `hashPrefix` (lowercase hex); returns how many.
    func deleteTokens(hashPrefix: String) async throws -> Int
    /// Deletes the feed tokens of `owner` (nil: made at the console as `role`/`person`) for `feed`.
    func deleteFeedTokens(feed: String, ownerHash: String?, role: Role, person: PersonID?) async throws
    func insertFeedToken(hash: String, feed: String, role: Role, person: PersonID?, ownerHash: String?, createdAt: Date) async throws

    func user(_ username: String) async throws -> WebUser?
    func insertUser(_ user: WebUser) async throws
    func updateUser(_ user: WebUser) async throws
    /// The number a document of a meeting was given, if any.
    func letterNumber(document: String, meeting: MeetingID) async throws -> LetterNumber?
    /// The highest serial of the numbering register in `year`; 0 when none.
    func lastLetterSerial(year: Int) async throws -> Int
    func insertLetterNumber(_ number: LetterNumber) async throws

    /// The live value under `key` (expired ones read as absent).
    func sharedValue(_ key: String, now: Date) async throws -> String?
    func putSharedValue(_ key: String, _ value: String, expiresAt: Date?) async throws
    func deleteSharedValue(_ key: String) async throws
}

/// The last meeting serial of each year a transaction has numbered in (`numbered(_:_:_:)`).
struct MeetingNumbers {
    var last: [Int: Int] = [:]
}

/// The people an import has looked up, each read once per import (a calendar names the same people in thousands of
/// events); a guest the import registers is added. Nobody else changes people inside the import's transaction.
struct KnownPeople {
    private var known: [PersonID: Person?] = [:]

    /// The registered people `m` names (chair, minute-taker, participants, presenters), as `TransactionalStore.people(of:)`.
    mutating func people(of m: Meeting, _ tx: some StoreTransaction) async throws -> [PersonID: Person] {
        let ids = m.plannedPeople
        let missing = ids.filter { known[$0] == nil }
        if !missing.isEmpty {
            let found = try await tx.people(missing)
            for id in missing { known[id] = .some(found[id]) }
        }
        var result: [PersonID: Person] = [:]
        for id in ids { if case let person?? = known[id] { result[id] = person } }
        return result
    }

    mutating func add(_ person: Person) { known[person.id] = .some(person) }
}

/// Which numbering a serial belongs to: `RP-YYYY-NNNN` meetings or `SR-YYYY-NNN` series.
public enum SerialKind: Sendable {
    case meeting, series
}

/// A backend that can run the shared algorithms: it opens one write transaction at a time and hands
/// them its primitives. Conforming gives every writing method of `MeetingStore`.
public protocol TransactionalStore: MeetingStore {
    associatedtype Transaction: StoreTransaction
    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws
    /// (the error comes out as thrown). A backend may run a `repeatable` body again from the start when the
    /// transaction loses a race with another writer; one that is not (it consumes a stream) is never run twice:
    /// losing the race says the archive is busy.
    func transaction<T: Sendable>(repeatable: Bool, _ body: @Sendable (Transaction) async throws -> T) async throws -> T
    /// Whether a series is stored only to a horizon before `through` (a read: most calls find none and write nothing).
    func hasSeriesDue(through: Date) async throws -> Bool
}

extension StoreTransaction {
    /// Writes a meeting that may be stored already (`save(_:new:)`).
    public func save(_ m: Meeting) async throws { try await save(m, new: false) }
}

extension TransactionalStore {
    /// A write transaction whose body may run again when it loses a race (`transaction(repeatable: true, _:)`).
    public func transaction<T: Sendable>(_ body: @Sendable (Transaction) async throws -> T) async throws -> T {
        try await transaction(repeatable: true, body)
    }

    // MARK: People

    public func addPerson(_ person: Person) async throws {
        try await transaction { tx in
            if let existing = try await tx.person(person.id) {
                throw StoreError.duplicatePerson(person.id, existing: "\(existing.name) (\(existing.opd))")
            }
            var person = person
            person.linkedTo = nil  // only `linkGuest` links a guest
            try await tx.insertPerson(person)
        }
    }

    public func addPeople(_ people: [Person]) async throws {
        try await transaction { tx in
            var seen = Set<PersonID>()
            for person in people {
                guard seen.insert(person.id).inserted else { throw StoreError.duplicatePerson(person.id, existing: person.name) }
                if let existing = try await tx.person(person.id) {
                    throw StoreError.duplicatePerson(person.id, existing: "\(existing.name) (\(existing.opd))")
                }
                var person = person
                person.linkedTo = nil
                try await tx.insertPerson(person)
            }
        }
    }

    public func updatePerson(_ person: Person) async throws {
        try await transaction { tx in
            guard let existing = try await tx.person(person.id) else { throw StoreError.unknownPerson(person.id) }
            var person = person
            person.linkedTo = existing.linkedTo  // details change here; the link only through `linkGuest`
            try await tx.updatePerson(person)
        }
    }

    // MARK: Meetings

    public func createMeetings(_ plans: [Meeting], series: Series?) async throws -> [Meeting] {
        guard !plans.isEmpty else { throw StoreError.emptyPlan }
        return try await transaction { tx in
            let planner = try await Self.planner(tx)
            // A series stored only to a horizon takes its people's time beyond it too: stored that far before the check.
            _ = try await Self.extendSeries(through: plans.map(\.end).max()!, planner: planner, tx)
            var seriesID: String?
            if let series { seriesID = try await Self.insertSeries(series, firstStart: plans[0], tx) }
            var created: [Meeting] = []
            for plan in plans {
                var m = plan
                m.status = .scheduled
                m.sequence = 0
                if let seriesID { m.seriesID = seriesID }
                created.append(try await Self.insertMeeting(m, planner: planner, tx))
            }
            return created
        }
    }

    public func checkMeetings(_ plans: [Meeting], series: Series?) async throws {
        do {
            _ = try await transaction { tx -> Int in
                guard !plans.isEmpty else { throw StoreError.emptyPlan }
                let planner = try await Self.planner(tx)
                _ = try await Self.extendSeries(through: plans.map(\.end).max()!, planner: planner, tx)
                var seriesID: String?
                if let series { seriesID = try await Self.insertSeries(series, firstStart: plans[0], tx) }
                for plan in plans {
                    var m = plan
                    m.status = .scheduled
                    if let seriesID { m.seriesID = seriesID }
                    _ = try await Self.insertMeeting(m, planner: planner, tx)
                }
                throw DryRunRollback(summary: ImportSummary())
            }
        } catch is DryRunRollback {
            return
        }
    }

    @discardableResult
    public func updateMeeting(_ id: MeetingID, sealingWith signer: SealSigner?,
                              _ change: @escaping @Sendable (inout Meeting, Policy) throws -> Void) async throws -> Meeting {
        try await transaction { tx in
            guard let previous = try await tx.meeting(id) else { throw StoreError.unknownMeeting(id) }
            let sealed = try await tx.latestVersion(id)
            if let sealed, previous.minutes.approval?.version != sealed.version {
                throw StoreError.sealDisagrees(id, sealedVersion: sealed.version)
            }
            let policy = try await tx.policy()
            var m = previous
            try change(&m, policy)
            m.id = previous.id
            guard m != previous else { return m }
            let planner = Planner(workingHours: policy.workingHours, holidays: try await tx.holidays())
            try planner.check(m, previous: previous, people: try await Self.people(of: m, tx), booked: try await tx.booked(for: m))
            m.settleSequence(after: previous)
            try await tx.save(m)
            if let approval = m.minutes.approval, approval != previous.minutes.approval {
                guard let signer else { throw StoreError.signingKeyNeeded(id) }
                guard try await tx.signingKey(signer.keyID) != nil else { throw StoreError.unregisteredKey(signer.keyID) }
                let record = try MinutesRecord(m, people: try await Self.people(of: m, tx), previousDigest: sealed?.digest)
                try await tx.insertVersion(MinutesVersion(record: record, signer: signer))
            }
            return m
        }
    }

    static func planner(_ tx: Transaction) async throws -> Planner {
        Planner(workingHours: try await tx.policy().workingHours, holidays: try await tx.holidays())
    }

    /// The persons a meeting names, for the planner's unknown-person check.
    static func people(of m: Meeting, _ tx: Transaction) async throws -> [PersonID: Person] {
        try await tx.people(m.plannedPeople)
    }

    /// Checks the plan against the rules and the archive, then assigns the next id of the meeting's year and stores it.
    /// The checks come first: taking a number holds the year's number lock until the commit (`numbered`), and the
    /// checks' reads need no lock — writers of one year wait for each other only over the insert. A writer that
    /// books the same people between this check and the insert is caught by the store itself (PostgreSQL's exclusion
    /// constraint, retried; SQLite writes one transaction at a time).
    static func insertMeeting(_ plan: Meeting, planner: Planner, _ tx: Transaction) async throws -> Meeting {
        var unnumbered = plan
        unnumbered.id = MeetingID.unnumbered
        try planner.check(unnumbered, people: try await people(of: unnumbered, tx), booked: try await tx.booked(for: unnumbered))
        let m = try await numbered(plan, tx)
        try await tx.save(m, new: true)
        return m
    }

    /// The meeting with the next id of the year it falls in (not stored yet).
    static func numbered(_ plan: Meeting, _ tx: Transaction) async throws -> Meeting {
        var numbers = MeetingNumbers()
        return try await numbered(plan, tx, &numbers)
    }

    /// `numbered`, for a transaction that numbers many meetings (an import): the archive is asked for a year's
    /// last serial once; from then on this transaction holds the year's number lock to its commit (PostgreSQL's
    /// advisory lock, SQLite's write lock), so nobody else numbers in that year and the serials stored here follow.
    static func numbered(_ plan: Meeting, _ tx: Transaction, _ numbers: inout MeetingNumbers) async throws -> Meeting {
        var m = plan
        let year = CivilDate(m.start, in: m.zone).year
        let last: Int
        if let known = numbers.last[year] {
            last = known
        } else {
            last = try await tx.lastSerial(.meeting, year: year)
            numbers.last[year] = last
        }
        guard last < MeetingID.maxSerial else { throw StoreError.numbersExhausted(year: year) }
        m.id = MeetingID(year: year, serial: last + 1)
        return m
    }

    /// Stores a new series under the next id of the year its first meeting falls in.
    static func insertSeries(_ series: Series, firstStart plan: Meeting, _ tx: Transaction) async throws -> String {
        let year = CivilDate(plan.start, in: plan.zone).year
        let serial = try await tx.lastSerial(.series, year: year) + 1
        var s = series
        s.id = Series.id(year: year, serial: serial)
        try await tx.insertSeries(s, year: year, serial: serial)
        return s.id
    }

    // MARK: Series stored in windows

    public func extendSeries(through: Date) async throws -> [MeetingID] {
        let target = Self.reachable(through)
        guard try await hasSeriesDue(through: target) else { return [] }
        return try await transaction { tx in try await Self.extendSeries(through: target, planner: try await Self.planner(tx), tx) }
    }

    /// `through`, but never further ahead of today than `Series.reach`.
    static func reachable(_ through: Date) -> Date { min(through, Date().addingTimeInterval(Series.reach)) }

    /// Stores the meetings of every series kept to a horizon before `through`, as the series was planned (a fresh
    /// copy of its latest meeting at each start of its rule). They are stored as an import stores what someone
    /// else planned: the series already promised them, so no rule refuses one; an overlap keeps it from reserving
    /// its people's time.
    static func extendSeries(through: Date, planner: Planner, _ tx: Transaction) async throws -> [MeetingID] {
        let target = reachable(through)
        var added: [MeetingID] = []
        for series in try await tx.seriesDue(through: target) {
            guard let stored = series.horizon, let (first, last) = try await tx.seriesEnds(series.id, through: stored) else {
                try await tx.setSeriesHorizon(series.id, nil)
                continue
            }
            let (plans, horizon) = series.continuation(first: first, last: last, through: target)
            for plan in plans where try await tx.meeting(series: series.id, occurrence: plan.occurrenceStart!) == nil {
                var m = try await numbered(plan, tx)
                let warnings = try planner.importWarnings(m, previous: nil, people: try await people(of: m, tx), booked: try await tx.booked(for: m))
                if warnings.contains(where: { if case .doubleBooked = $0 { true } else { false } }) { m.reservesTime = false }
                try await tx.save(m, new: true)
                added.append(m.id)
            }
            try await tx.setSeriesHorizon(series.id, horizon)
        }
        return added
    }

    // MARK: Guests

    public func linkGuest(_ guest: PersonID, to person: PersonID) async throws -> GuestLink {
        try await transaction { tx in
            guard var g = try await tx.person(guest) else { throw StoreError.unknownPerson(guest) }
            guard g.isGuest else { throw StoreError.notAGuest(guest) }
            guard let target = try await tx.person(person) else { throw StoreError.unknownPerson(person) }
            guard !target.isGuest else { throw StoreError.linkToGuest(guest, person) }
            let planner = try await Self.planner(tx)
            var link = GuestLink()
            for id in try await tx.unsealedMeetings(naming: guest) {
                guard let m = try await tx.meeting(id), !m.minutes.isApproved else { continue }
                var r = m.replacing(guest, with: person)
                guard r != m else { continue }
                if r.blocksTime, r.status != .cancelled {
                    let clashes = try await tx.booked(for: r).filter { $0.people.contains(person) }
                    do {
                        try planner.checkConflicts(r, people: [person: target], booked: clashes)
                    } catch {
                        // An imported event overlapping the person's own is kept as import keeps one: not reserving time.
                        guard r.icalUID != nil else { throw error }
                        r.reservesTime = false
                        link.freed.append(id)
                    }
                }
                try await tx.save(r)
                link.meetings.append(id)
            }
            g.linkedTo = person
            try await tx.updatePerson(g)
            return link
        }
    }

    // MARK: Action items

    public func setActionStatus(_ id: ActionID, _ status: ActionStatus, at: Date, note: String?) async throws -> ActionRecord {
        try await transaction { tx in
            guard var m = try await tx.meeting(id.meeting) else { throw StoreError.unknownMeeting(id.meeting) }
            guard let action = m.minutes.actions.first(where: { $0.number == id.number }) else { throw StoreError.unknownAction(id) }
            var followUp: ActionRecord.FollowUp?
            if m.minutes.isApproved {
                try await tx.setFollowUp(id, status, at: at, note: note)
                followUp = ActionRecord.FollowUp(status: status, at: at.wholeSecond, note: note)
            } else {
                try m.setAction(id.number, status: status, at: at, note: note)
                try await tx.save(m)
            }
            let owner: Person? = if case let .person(nip) = action.owner { try await tx.person(nip) } else { nil }
            return ActionRecord(m.minutes.actions.first { $0.number == id.number }!, of: m, ownerPerson: owner, followUp: followUp)
        }
    }

    // MARK: Calendar import

    public func importEvents(_ batches: ImportedEventBatches, dryRun: Bool, strict: Bool) async throws -> ImportSummary {
        defer { batches.close() }
        do {
            // The batches are a stream read once: the transaction is not run a second time.
            return try await transaction(repeatable: false) { tx in
                var summary = ImportSummary()
                summary.dryRun = dryRun
                let planner = try await Self.planner(tx)
                let archive = try await tx.archiveID()
                var known = KnownPeople()
                var numbers = MeetingNumbers()
                var extended = Date.distantPast
                while let events = try batches.next() {
                    // Series kept to a horizon take their people's time beyond it: stored as far as this batch reaches.
                    if let reach = events.flatMap({ $0.meetings.map(\.end) }).max(), reach > extended {
                        // Meetings it adds take numbers of their own: the years' last serials are asked again.
                        if try await !Self.extendSeries(through: reach, planner: planner, tx).isEmpty { numbers = MeetingNumbers() }
                        extended = reach
                    }
                    for event in events {
                        if let unreadable = event.unreadable {
                            if strict { throw unreadable }
                            summary.skipped.append(ImportNote(source: event.source, line: event.line, uid: event.uid, summary: event.summary,
                                                              cause: unreadable))
                            continue
                        }
                        do {
                            try await Self.importEvent(event, planner: planner, archiveID: archive, strict: strict, into: &summary,
                                                       known: &known, numbers: &numbers, tx)
                        } catch where error.isInfrastructure {
                            throw error
                        } catch {
                            throw ImportError(source: event.source, line: event.line, summary: event.summary, cause: error)
                        }
                    }
                }
                if dryRun { throw DryRunRollback(summary: summary) }
                return summary
            }
        } catch let rollback as DryRunRollback {
            return rollback.summary
        }
    }

    /// The meeting an imported UID (and occurrence) already is: one imported before, or one planned here and exported.
    static func existing(uid: String, occurrence: Date?, archiveID: String, _ tx: Transaction) async throws -> Meeting? {
        if let m = try await tx.meeting(icalUID: uid, occurrence: occurrence) { return m }
        // A feed writes each occurrence of an imported series as an event of its own, UID "<meeting id>-<original UID>".
        let parts = uid.split(separator: "-", maxSplits: 3, omittingEmptySubsequences: false)
        if occurrence == nil, parts.count == 4, let id = try? MeetingID(parts[0...2].joined(separator: "-")),
           let m = try await tx.meeting(id), m.icalUID == String(parts[3]) {
            return m
        }
        guard let local = ArchiveUID.local(of: uid, archiveID: archiveID) else { return nil }
        if let occurrence { return try await tx.meeting(series: local, occurrence: occurrence) }
        guard let id = try? MeetingID(local) else { return nil }
        return try await tx.meeting(id)
    }

    /// One event, occurrence by occurrence. Strict: every planning rule refuses. Otherwise the rules become
    /// warnings and what cannot be stored skips that occurrence alone; nothing is written for an occurrence
    /// before it has passed, so a skipped one leaves no trace.
    static func importEvent(_ event: ImportedEvent, planner: Planner, archiveID: String, strict: Bool,
                            into summary: inout ImportSummary, known: inout KnownPeople, numbers: inout MeetingNumbers,
                            _ tx: Transaction) async throws {
        var seriesID: String?
        func note(_ plan: Meeting, _ cause: any Error & Sendable) -> ImportNote {
            ImportNote(source: event.source, line: event.line, uid: event.uid, summary: event.summary,
                       occurrence: event.series == nil ? nil : plan.occurrenceStart, cause: cause)
        }
        /// The planner's verdict on `m`: thrown when strict, warnings otherwise (an overlap keeps `m` from reserving time).
        func checked(_ m: Meeting, previous: Meeting?) async throws -> Meeting {
            let people = try await known.people(of: m, tx)
            let booked = try await tx.booked(for: m)
            if strict {
                try planner.check(m, previous: previous, people: people, booked: booked)
                return m
            }
            var m = m
            let warnings = try planner.importWarnings(m, previous: previous, people: people, booked: booked)
            if warnings.contains(where: { if case .doubleBooked = $0 { true } else { false } }) { m.reservesTime = false }
            summary.warnings += warnings.map { note(m, $0) }
            return m
        }
        if let next = event.beyondWindow {
            let zone = event.meetings.first?.zone ?? Zone.jakarta
            summary.warnings.append(ImportNote(source: event.source, line: event.line, uid: event.uid, summary: event.summary,
                                               cause: PlanningError.recurrenceBeyondWindow(next: LocalDateTime(next, in: zone).date.description)))
        }
        /// Registers the guests `m` names that the archive does not know yet (once each; a re-import finds them).
        var guests = Dictionary(event.guests.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func registerGuests(of m: Meeting) async throws {
            for id in m.plannedPeople.sorted() {
                guard let guest = guests.removeValue(forKey: id), try await tx.person(id) == nil else { continue }
                try await tx.insertPerson(guest)
                known.add(guest)
                summary.guests.append(id)
            }
        }
        for plan in event.meetings {
            do {
                let current = try await existing(uid: event.uid, occurrence: plan.occurrenceStart, archiveID: archiveID, tx)
                switch try event.outcome(for: plan, existing: current) {
                case .unchanged:
                    summary.unchanged += 1
                case let .cancel(m):
                    try await tx.save(m)
                    summary.cancelled.append(m.id)
                case let .update(m, previous):
                    try await registerGuests(of: m)
                    let m = try await checked(m, previous: previous)
                    try await tx.save(m)
                    summary.updated.append(m.id)
                case let .create(plan):
                    try await registerGuests(of: plan)
                    var m = try await checked(try await numbered(plan, tx, &numbers), previous: nil)
                    if let series = event.series {
                        if seriesID == nil { seriesID = try await insertSeries(series, firstStart: plan, tx) }
                        m.seriesID = seriesID
                    }
                    try await tx.save(m, new: true)
                    // Only a stored meeting takes its number: one skipped after numbering leaves no gap.
                    numbers.last[m.id.year] = m.id.serial
                    summary.created.append(m.id)
                }
            } catch where !strict && !error.isInfrastructure {
                summary.skipped.append(note(plan, error))
            }
        }
    }

    // MARK: Letter numbers

    public func letterNumber(document: String, for meeting: MeetingID, pattern: LetterPattern, at date: Date, zone: TimeZone) async throws -> LetterNumber {
        try await transaction { tx in
            if let given = try await tx.letterNumber(document: document, meeting: meeting) { return given }
            guard try await tx.meeting(meeting) != nil else { throw StoreError.unknownMeeting(meeting) }
            let year = CivilDate(date, in: zone).year
            let serial = try await tx.lastLetterSerial(year: year) + 1
            let number = LetterNumber(year: year, serial: serial, document: document, meetingID: meeting,
                                      text: pattern.text(serial: serial, year: year), assignedAt: date)
            try await tx.insertLetterNumber(number)
            return number
        }
    }

    // MARK: Bundles

    public func importBundle(_ bundle: ArchiveBundle) async throws {
        try await transaction { tx in
            for p in bundle.people {
                if let existing = try await tx.person(p.id) {
                    guard existing == p else { throw BundleError.conflict("NIP \(p.id) is registered here as \(existing.name) (\(existing.opd)) with other details") }
                } else {
                    try await tx.insertPerson(p)
                }
            }
            for s in bundle.series {
                if let existing = try await tx.series(s.id) {
                    guard existing == s else { throw BundleError.conflict("series \(s.id) exists here with another rule") }
                    continue
                }
                let (year, serial) = Series.parts(of: s.id)
                try await tx.insertSeries(s, year: year, serial: serial)
            }
            let audit = SealAudit(keys: try await tx.signingKeys())
            for file in bundle.meetings {
                guard file.meeting.id.serial <= MeetingID.maxSerial else { throw StoreError.numbersExhausted(year: file.meeting.id.year) }
                guard try await tx.meeting(file.meeting.id) == nil else {
                    throw BundleError.conflict("meeting \(file.meeting.id) already exists in this archive")
                }
                try audit.checkImported(file.versions, of: file.meeting)
                try await tx.save(file.meeting)
                for v in file.versions { try await tx.insertVersion(v) }
            }
        }
    }

    // MARK: Signing keys

    public func registerSigningKey(_ key: SigningKey) async throws {
        try await transaction { tx in
            if let existing = try await tx.signingKey(key.id) {
                guard existing.office == key.office else { throw StoreError.keyRegisteredElsewhere(key.id, office: existing.office) }
                return
            }
            try await tx.insertSigningKey(key)
        }
    }

    // MARK: Tokens

    public func createToken(role: Role, person: PersonID?, expiresAt: Date?) async throws -> String {
        if role == .participant, person == nil { throw StoreError.tokenNeedsPerson }
        let secret = APIToken.newSecret()
        try await transaction { tx in
            if let person, try await tx.person(person) == nil { throw StoreError.unknownPerson(person) }
            try await tx.insertToken(hash: APIToken.hash(secret), role: role, person: person, createdAt: Date().wholeSecond,
                                     expiresAt: expiresAt?.wholeSecond)
        }
        return secret
    }

    public func createFeedToken(feed: String, role: Role, person: PersonID?, ownerHash: String?) async throws -> String {
        let secret = APIToken.newSecret()
        try await transaction { tx in
            if let person, try await tx.person(person) == nil { throw StoreError.unknownPerson(person) }
            try await tx.deleteFeedTokens(feed: feed, ownerHash: ownerHash, role: role, person: person)
            try await tx.insertFeedToken(hash: APIToken.hash(secret), feed: feed, role: role, person: person, ownerHash: ownerHash,
                                         createdAt: Date().wholeSecond)
        }
        AccessChanges.changed()
        return secret
    }

    // MARK: Web users and shared state

    public func addUser(_ user: WebUser) async throws {
        try await transaction { tx in
            guard try await tx.user(user.username) == nil else { throw StoreError.duplicateUser(user.username) }
            if let person = user.person, try await tx.person(person) == nil { throw StoreError.unknownPerson(person) }
            try await tx.insertUser(user)
        }
    }

    public func updateUser(_ user: WebUser) async throws {
        try await transaction { tx in
            guard try await tx.user(user.username) != nil else { throw StoreError.unknownUser(user.username) }
            if let person = user.person, try await tx.person(person) == nil { throw StoreError.unknownPerson(person) }
            try await tx.updateUser(user)
        }
        AccessChanges.changed()
    }

    public func setSharedValue(_ key: String, _ value: String, expiresAt: Date?, onlyIfAbsent: Bool) async throws -> Bool {
        let stored = try await transaction { tx in
            if onlyIfAbsent, try await tx.sharedValue(key, now: Date()) != nil { return false }
            try await tx.putSharedValue(key, value, expiresAt: expiresAt)
            return true
        }
        AccessChanges.changed()
        return stored
    }

    public func removeSharedValue(_ key: String) async throws {
        try await transaction { tx in try await tx.deleteSharedValue(key) }
        AccessChanges.changed()
    }

    public func revokeTokens(prefix: String) async throws -> Int {
        let p = prefix.lowercased()
        guard p.count >= 6, p.allSatisfy(\.isHexDigit) else { throw StoreError.tokenPrefixTooShort(prefix) }
        let n = try await transaction { tx in try await tx.deleteTokens(hashPrefix: p) }
        AccessChanges.changed()
        guard n > 0 else { throw StoreError.unknownToken(prefix) }
        return n
    }
}

/// Counts changes of access made in this process (a token revoked or replaced, a user changed, shared state such
/// as a session removed): what the server remembers of recent lookups is dropped at once, not after its second.
public enum AccessChanges {
    private static let counter = Atomic<Int>(0)
    public static var generation: Int { counter.load(ordering: .acquiring) }
    public static func changed() { counter.add(1, ordering: .releasing) }
}

/// Thrown inside a dry run's transaction so the backend rolls it back; carries what the import would have done.
struct DryRunRollback: Error {
    var summary: ImportSummary
}

/// An error of the database itself (lost connection, a driver's error), as opposed to a refused event:
/// an import passes it through unchanged instead of blaming the event it was reading.
public protocol StoreInfrastructureError: Error {}

extension Error {
    var isInfrastructure: Bool {
        if self is StoreInfrastructureError { return true }
        if case .busy? = self as? StoreError { return true }
        return false
    }
}


extension MinutesVersion {
    /// A sealed version of `record`: its SHA-256, and the approving office's signature over its canonical bytes.
    public init(record: MinutesRecord, signer: SealSigner?) {
        self.init(meetingID: record.meetingID, version: record.approval.version, approvedBy: record.approval.by, approvedAt: record.approval.at,
                  reason: record.approval.reason, digest: record.digest, record: record, signature: signer?.sign(record.canonical()))
    }

    /// The version as a backend stores it.
    public var stored: StoredVersion {
        StoredVersion(meetingID: meetingID.description, version: version, canonical: canonicalText, digest: digest, signature: signature)
    }

    /// The canonical JSON text the digest was computed over, as stored.
    public var canonicalText: String { String(decoding: record.canonical(), as: UTF8.self) }
}
