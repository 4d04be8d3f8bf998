import Foundation
import RapatCore

/// Which meetings a listing returns; every field narrows the result.
public struct MeetingFilter: Sendable, Equatable {
    /// Scheduled start at or after `from` and before `to`.
    public var from: Date?
    public var to: Date?
    public var participant: PersonID?
    public var opd: String?
    public var status: MeetingStatus?
    public var seriesID: String?
    public var limit: Int?
    /// Only meetings after this one in the archive's order (scheduled start, then id): the next page.
    public var after: MeetingCursor?

    public init(from: Date? = nil, to: Date? = nil, participant: PersonID? = nil, opd: String? = nil,
                status: MeetingStatus? = nil, seriesID: String? = nil, limit: Int? = nil, after: MeetingCursor? = nil) {
        self.from = from
        self.to = to
        self.participant = participant
        self.opd = opd
        self.status = status
        self.seriesID = seriesID
        self.limit = limit
        self.after = after
    }
}

/// A place in the archive's order of meetings (scheduled start, then id), for reading page after page.
public struct MeetingCursor: Sendable, Equatable {
    public var start: Date
    public var id: MeetingID

    public init(after m: Meeting) {
        start = m.start
        id = m.id
    }

    public init(start: Date, id: MeetingID) {
        self.start = start
        self.id = id
    }
}

/// The archive of people, meetings and minutes. Every method is one transaction: it either
/// completes or leaves the archive as it was. Backends (SQLite, PostgreSQL) behave the same,
/// as the conformance suite proves.
public protocol MeetingStore: Sendable {
    func addPerson(_ person: Person) async throws
    /// Adds every person in one transaction: one already registered (or twice in the list) refuses them all.
    func addPeople(_ people: [Person]) async throws
    /// Replaces the stored details of an existing person.
    func updatePerson(_ person: Person) async throws
    func person(_ nip: PersonID) async throws -> Person
    func people(opd: String?) async throws -> [Person]
    /// The registered people among `nips` (a NIP not registered is left out), by OPD and name.
    func people(_ nips: Set<PersonID>) async throws -> [Person]
    /// The OPDs of the registered people, each once, sorted case-insensitively.
    func opds() async throws -> [String]
    /// The OPDs of the registered people of each meeting (chair, minute-taker, participants).
    func opds(of ids: [MeetingID]) async throws -> [MeetingID: Set<String>]

    func policy() async throws -> Policy
    func setPolicy(_ policy: Policy) async throws
    /// Adds holidays, replacing the name of a date already listed; returns how many dates were new.
    @discardableResult
    func addHolidays(_ holidays: [Holiday]) async throws -> Int
    func holidays() async throws -> [Holiday]

    /// Checks each plan against the rules and the archive, assigns ids (`RP-YYYY-NNNN`) and stores all of them,
    /// or none when one fails. With a series, the plans are its occurrences and the series is stored too.
    func createMeetings(_ plans: [Meeting], series: Series?) async throws -> [Meeting]
    /// Runs every check `createMeetings` would (rules, double booking against the archive) and keeps nothing.
    func checkMeetings(_ plans: [Meeting], series: Series?) async throws
    func meeting(_ id: MeetingID) async throws -> Meeting
    func meetings(_ filter: MeetingFilter) async throws -> [Meeting]
    /// The meetings with these ids, in one read (unknown or unreadable ones are left out), in the archive's order.
    func meetings(ids: [MeetingID]) async throws -> [Meeting]
    func series(_ id: String) async throws -> Series
    func allSeries() async throws -> [Series]

    /// Action items with their current status, oldest meeting first.
    func actions(_ filter: ActionFilter) async throws -> [ActionRecord]
    /// Marks an action item done (or open again). Before approval this edits the minutes; after, it is
    /// recorded beside the frozen minutes.
    @discardableResult
    func setActionStatus(_ id: ActionID, _ status: ActionStatus, at: Date, note: String?) async throws -> ActionRecord

    /// A random id made when the archive was created; it keeps this archive's iCalendar UIDs apart from other installations'.
    func archiveID() async throws -> String
    /// Stores events from other calendars in one transaction: new UIDs become meetings, known ones are updated only
    /// when their SEQUENCE is higher, cancellations cancel. Without `strict`, each event is imported, updated,
    /// cancelled or skipped on its own, and the planning rules that protect Rapat's own plans are warnings in the
    /// summary (an overlapping event is kept as not reserving its people's time); with `strict`, every rule applies
    /// and one refusal imports nothing. With `dryRun` the result is reported and nothing is kept. Batches are pulled
    /// inside the transaction, so memory follows the batch size, not the size of the calendar.
    func importEvents(_ batches: ImportedEventBatches, dryRun: Bool, strict: Bool) async throws -> ImportSummary

    /// Stores the meetings of every series kept to a horizon (a rule without an end) through `through` — at most
    /// `Series.reach` ahead of today — so a listing, a feed or a check sees them; returns the meetings added.
    @discardableResult
    func extendSeries(through: Date) async throws -> [MeetingID]

    /// Records that a guest is the registered person `person` (a civil servant with a NIP): every meeting whose minutes
    /// are not sealed names the person instead (an imported one that then overlaps the person's time is kept, not
    /// reserving it); sealed minutes keep naming the guest as they were approved. One transaction.
    func linkGuest(_ guest: PersonID, to person: PersonID) async throws -> GuestLink

    /// Every sealed version of a meeting's minutes, oldest first.
    func minutesVersions(_ id: MeetingID) async throws -> [MinutesVersion]
    /// Walks every sealed version (whatever the meeting rows say): digests, the chain of versions, signatures
    /// against the registered keys, and the minutes stored now against their latest version. Returns every
    /// problem, and a notice for each version sealed in format 1 (before signatures); no problem means intact.
    func verify(from: Date?, to: Date?) async throws -> [IntegrityProblem]

    /// Registers an approving office's public key; registering the same key again is a no-op.
    func registerSigningKey(_ key: SigningKey) async throws
    /// Every registered key, oldest first.
    func signingKeys() async throws -> [SigningKey]

    /// Everything in the archive, for a bundle another installation imports.
    func exportBundle() async throws -> ArchiveBundle
    /// Adds a bundle's people, series and meetings (keeping their ids and sealed versions) in one
    /// transaction; a meeting id already here, or a person with other details, refuses the whole bundle.
    func importBundle(_ bundle: ArchiveBundle) async throws

    /// Makes an API token and returns its secret (stored only as a hash). A participant token names its person.
    func createToken(role: Role, person: PersonID?, expiresAt: Date?) async throws -> String
    /// The token a secret belongs to, or nil; an expired token is stored but opens nothing.
    func token(secret: String) async throws -> APIToken?
    /// Every token (ids, never secrets), oldest first.
    func tokens() async throws -> [APIToken]
    /// Deletes the tokens whose id starts with `prefix` (at least 6 hex digits); returns how many.
    @discardableResult
    func revokeTokens(prefix: String) async throws -> Int

    /// Makes a token that reads the one feed `feed` as (`role`, `person`), replacing any earlier one of the same
    /// owner (the API token with hash `ownerHash`, or the console when nil) for that feed; returns its secret.
    func createFeedToken(feed: String, role: Role, person: PersonID?, ownerHash: String?) async throws -> String
    /// The feed token a secret belongs to; nil when unknown, or when the API token that made it was revoked or expired.
    func feedToken(secret: String) async throws -> FeedToken?

    /// Adds a web user; a username taken already is refused.
    func addUser(_ user: WebUser) async throws
    /// Replaces a user's hash, role, person or disabled flag.
    func updateUser(_ user: WebUser) async throws
    func user(_ username: String) async throws -> WebUser?
    func users() async throws -> [WebUser]

    /// Short-lived shared state of the web face (sessions, sign-in throttling), kept in the archive so every
    /// instance on one database sees it. An expired entry reads as absent.
    func sharedValue(_ key: String) async throws -> (value: String, expiresAt: Date?)?
    /// Stores `value` under `key` (replacing it unless `onlyIfAbsent`, when an existing live key refuses with false).
    @discardableResult
    func setSharedValue(_ key: String, _ value: String, expiresAt: Date?, onlyIfAbsent: Bool) async throws -> Bool
    func removeSharedValue(_ key: String) async throws

    /// Full-text search over titles, agenda, discussion, decisions and action items, best match first.
    func search(_ query: SearchQuery) async throws -> [SearchHit]
    /// Rebuilds the search index from the meetings (it is kept in step on every write; this is for repair).
    func reindex(progress: (@Sendable (Int, Int) -> Void)?) async throws
    /// Loads a meeting, applies `change`, re-checks the planning rules for what changed, bumps the
    /// sequence when participants would see a difference, and stores it — in one transaction.
    /// An approval the change makes is sealed and signed with `signer`, whose key must be registered.
    @discardableResult
    func updateMeeting(_ id: MeetingID, sealingWith signer: SealSigner?,
                       _ change: @escaping @Sendable (inout Meeting, Policy) throws -> Void) async throws -> Meeting

    /// The letter number of a meeting's document (its undangan): the one given before, or the next serial of the
    /// year of `date` in `zone`, given now and never again.
    func letterNumber(document: String, for meeting: MeetingID, pattern: LetterPattern, at date: Date, zone: TimeZone) async throws -> LetterNumber
    /// The numbering register of a year, by serial.
    func letterNumbers(year: Int) async throws -> [LetterNumber]

    /// The meetings committed writes change, as they commit: every instance of Rapat on this archive hears
    /// them (PostgreSQL relays them between instances; SQLite tells this process).
    var events: MeetingEvents { get }
}

extension MeetingStore {
    /// `updateMeeting` for a change that approves nothing.
    @discardableResult
    public func updateMeeting(_ id: MeetingID, _ change: @escaping @Sendable (inout Meeting, Policy) throws -> Void) async throws -> Meeting {
        try await updateMeeting(id, sealingWith: nil, change)
    }
}

/// Which action items a listing returns.
public struct ActionFilter: Sendable, Equatable {
    public var opd: String?
    public var status: ActionStatusFilter?
    public var seriesID: String?
    /// Only items recorded at meetings scheduled before this instant.
    public var before: Date?
    /// The day against which "overdue" is judged.
    public var today: CivilDate

    public init(opd: String? = nil, status: ActionStatusFilter? = nil, seriesID: String? = nil, before: Date? = nil, today: CivilDate) {
        self.opd = opd
        self.status = status
        self.seriesID = seriesID
        self.before = before
        self.today = today
    }
}

extension MeetingStore {
    public func createToken(role: Role, person: PersonID?) async throws -> String {
        try await createToken(role: role, person: person, expiresAt: nil)
    }

    public func createMeeting(_ plan: Meeting) async throws -> Meeting {
        try await createMeetings([plan], series: nil)[0]
    }

    /// Every meeting `filter` selects, handed over a page at a time in the archive's order, so an export of
    /// any size holds one page in memory. `filter.limit` and `filter.after` are the pages' own.
    public func forEachPage(_ filter: MeetingFilter, pageSize: Int = 1000, _ body: ([Meeting]) async throws -> Void) async throws {
        var page = filter
        page.limit = max(1, pageSize)
        page.after = nil
        while true {
            let meetings = try await meetings(page)
            if meetings.isEmpty { return }
            try await body(meetings)
            if meetings.count < page.limit! { return }
            page.after = MeetingCursor(after: meetings[meetings.count - 1])
        }
    }

    /// Imports events already in memory (one batch); see `importEvents(_:dryRun:strict:)` with batches.
    public func importEvents(_ events: [ImportedEvent], dryRun: Bool, strict: Bool = true) async throws -> ImportSummary {
        try await importEvents(ImportedEventBatches(events), dryRun: dryRun, strict: strict)
    }

    public func exportBundle() async throws -> ArchiveBundle {
        var files: [ArchiveBundle.MeetingFile] = []
        for m in try await meetings(MeetingFilter()) {
            files.append(ArchiveBundle.MeetingFile(meeting: m, versions: try await minutesVersions(m.id)))
        }
        return ArchiveBundle(people: try await people(opd: nil), series: try await allSeries(), meetings: files)
    }
}

/// Errors of the archive itself, with what to do about them.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownMeeting(MeetingID)
    case unknownPerson(PersonID)
    case unknownSeries(String)
    case unknownAction(ActionID)
    case duplicatePerson(PersonID, existing: String)
    case notAGuest(PersonID)
    case linkToGuest(PersonID, PersonID)
    case unsupportedURL(String)
    case cannotOpen(String, String)
    /// No database server answered at host:port within the connect timeout.
    case unreachable(String, String, seconds: Int)
    case loginRefused(String, user: String)
    case noDatabase(String, String)
    case busy(String)
    /// The database server ran out of a resource or hit one of its limits (its own words); nothing was written.
    case serverRefused(String, String)
    case emptyPlan
    /// The year's numbering is used up (`MeetingID.maxSerial`), or a meeting brought in carries a serial beyond it.
    case numbersExhausted(year: Int)
    /// An approval with no signing key to seal it.
    case signingKeyNeeded(MeetingID)
    /// A signing key whose public half is not registered in this archive.
    case unregisteredKey(String)
    /// The same key id registered for another office.
    case keyRegisteredElsewhere(String, office: String)
    /// The meeting row disagrees with its sealed minutes (altered outside Rapat): no change is made until verified.
    case sealDisagrees(MeetingID, sealedVersion: Int)
    /// A sealed version an import brings that does not verify here.
    case unverifiedSeal(MeetingID, version: Int, IntegrityProblem.Finding)
    case duplicateUser(String)
    case unknownUser(String)
    case tokenNeedsPerson
    case tokenPrefixTooShort(String)
    case unknownToken(String)

    public var description: String {
        switch self {
        case let .unknownMeeting(id):
            return "no meeting \(id) in the archive: list meetings with 'rapat meeting list'"
        case let .unknownPerson(nip):
            return "no person with NIP \(nip): add them with 'rapat person add --nip \(nip) …' or see 'rapat person list'"
        case let .unknownSeries(id):
            return "no series \(id) in the archive: list them with 'rapat series list'"
        case let .unknownAction(id):
            return "no action item \(id): list them with 'rapat action list'"
        case let .notAGuest(id):
            return "\(id) is a registered civil servant, not a guest: only a guest (a key starting with G) is linked to a person"
        case let .linkToGuest(guest, other):
            return "\(other) is a guest too: link guest \(guest) to a registered person with a NIP"
        case let .duplicatePerson(nip, existing):
            return "NIP \(nip) is already registered as \(existing): use 'rapat person update' to change their details"
        case let .unsupportedURL(url):
            return "cannot use database '\(url)': give sqlite:///path/to/rapat.db, a plain file path, or postgres://user@host:5432/db"
        case let .cannotOpen(url, why):
            return "cannot open database \(url): \(why)"
        case let .unreachable(url, address, seconds):
            return "cannot open database \(url): no PostgreSQL answers at \(address) within \(seconds) s — check that the server runs and listens on that address and port (listen_addresses, port), and that no firewall is in between"
        case let .loginRefused(url, user):
            return "cannot open database \(url): the server refused user \(user) — check the user, the password and pg_hba.conf"
        case let .noDatabase(url, name):
            return "cannot open database \(url): the server has no database \(name) — create it (createdb \(name)) or correct the URL"
        case let .busy(url):
            return "database \(url) stayed locked by another writer: try again in a moment"
        case let .serverRefused(url, said):
            return "database \(url) could not do this work (\(said)); nothing was written — tell its administrator"
        case let .duplicateUser(u):
            return "user \(u) exists already: choose another username or change its password with 'rapat user password \(u)'"
        case let .unknownUser(u):
            return "no user \(u): see 'rapat user list'"
        case .tokenNeedsPerson:
            return "a participant token speaks for one person: give --person NIP"
        case let .tokenPrefixTooShort(p):
            return "'\(p)' names a token too loosely: give at least 6 hex digits of its id ('rapat token list')"
        case let .unknownToken(p):
            return "no token with id \(p): see 'rapat token list'"
        case .emptyPlan:
            return "nothing to plan: the recurrence left no meeting after its exceptions"
        case let .numbersExhausted(year):
            return "the meeting numbers of \(year) are used up (RP-\(year)-\(MeetingID.maxSerial) is the last one an archive gives): nothing was stored"
        case let .signingKeyNeeded(id):
            return "approving \(id) seals and signs its minutes: give the approving office's key file (--key FILE, made by 'rapat key create')"
        case let .unregisteredKey(k):
            return "key \(k) is not registered in this archive: register its public key with 'rapat key register FILE --office NAME'"
        case let .keyRegisteredElsewhere(k, office):
            return "key \(k) is already registered for \(office)"
        case let .sealDisagrees(id, v):
            return "\(id) disagrees with its sealed minutes (version \(v)): it was altered outside Rapat; nothing was changed — run 'rapat archive verify'"
        case let .unverifiedSeal(id, v, why):
            return "the sealed minutes of \(id) version \(v) are not accepted: \(why.text); nothing was imported"
        }
    }
}

/// One sealed version of approved minutes.
public struct MinutesVersion: Sendable, Equatable, Codable {
    public init(meetingID: MeetingID, version: Int, approvedBy: PersonID, approvedAt: Date, reason: String?, digest: String, record: MinutesRecord,
                signature: SealSignature? = nil) {
        self.meetingID = meetingID
        self.version = version
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.reason = reason
        self.digest = digest
        self.record = record
        self.signature = signature
    }

    public var meetingID: MeetingID
    public var version: Int
    public var approvedBy: PersonID
    public var approvedAt: Date
    public var reason: String?
    public var digest: String
    public var record: MinutesRecord
    /// The approving office's signature over the canonical record; nil for versions sealed in format 1.
    public var signature: SealSignature?
}

/// Something `archive verify` found: a problem (the archive was altered or damaged) or a notice (minutes sealed
/// in an earlier format, readable and digest-checked but not signed).
public struct IntegrityProblem: Sendable, Equatable, Encodable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        case problem, notice
    }

    /// What was found, for a face to say in the user's language.
    public enum Finding: Sendable, Equatable {
        case digestMismatch
        case unreadableRecord
        /// The record names another meeting or version than the row that holds it.
        case misfiled(MeetingID, version: Int)
        /// A version below the latest is not stored.
        case missingVersion(latest: Int)
        case firstVersionLinked
        case chainBroken(previous: Int)
        /// Sealed in format 1, before signatures.
        case legacyUnsigned
        case unsigned
        case unknownKey(String)
        case badSignature(key: String, office: String)
        case approvalRemoved
        case versionClaim(claimed: Int, latest: Int)
        case contentChanged(now: String, sealed: String)
        case approvedWithoutSeal
        case meetingGone
        case unreadableMeeting(String, error: String)

        public var severity: Severity { self == .legacyUnsigned ? .notice : .problem }

        public var code: String {
            switch self {
            case .digestMismatch: return "digest-mismatch"
            case .unreadableRecord: return "unreadable-record"
            case .misfiled: return "misfiled"
            case .missingVersion: return "missing-version"
            case .firstVersionLinked, .chainBroken: return "chain-broken"
            case .legacyUnsigned: return "format-1"
            case .unsigned: return "unsigned"
            case .unknownKey: return "unknown-key"
            case .badSignature: return "bad-signature"
            case .approvalRemoved: return "approval-removed"
            case .versionClaim: return "version-claim"
            case .contentChanged: return "content-changed"
            case .approvedWithoutSeal: return "approved-without-seal"
            case .meetingGone: return "meeting-gone"
            case .unreadableMeeting: return "unreadable-meeting"
            }
        }

        public var text: String {
            switch self {
            case .digestMismatch: return "the stored record no longer has its digest"
            case .unreadableRecord: return "the stored record cannot be read as minutes"
            case let .misfiled(id, v): return "the stored record is \(id) version \(v), not this one"
            case let .missingVersion(latest): return "this sealed version is missing (version \(latest) exists)"
            case .firstVersionLinked: return "the first version names a previous digest: the chain was altered"
            case let .chainBroken(previous): return "the chain is broken: this version does not name version \(previous)'s digest"
            case .legacyUnsigned: return "sealed by an earlier Rapat (format 1): its digest is checked, it carries no signature"
            case .unsigned: return "the sealed version carries no signature"
            case let .unknownKey(k): return "signed with key \(k), which is not registered in this archive"
            case let .badSignature(k, office): return "the signature does not verify with key \(k) (\(office)): forged, or the record was altered"
            case .approvalRemoved: return "the meeting no longer says its minutes were approved, but a version is sealed: the approval was removed outside Rapat"
            case let .versionClaim(claimed, latest): return "the meeting claims approved version \(claimed), but the latest sealed version is \(latest)"
            case let .contentChanged(now, sealed): return "the minutes stored now differ from the approved version (digest \(now)… ≠ \(sealed)…)"
            case .approvedWithoutSeal: return "approved, but no sealed version is stored"
            case .meetingGone: return "sealed minutes are stored, but the meeting itself is gone"
            case let .unreadableMeeting(id, error): return "the record \(id) cannot be read (\(error)): listings and backups skip it"
            }
        }
    }

    public var meetingID: MeetingID
    public var version: Int
    public var finding: Finding

    public init(meetingID: MeetingID, version: Int, _ finding: Finding) {
        self.meetingID = meetingID
        self.version = version
        self.finding = finding
    }

    public var severity: Severity { finding.severity }
    /// The finding in English.
    public var problem: String { finding.text }
    public var description: String { "\(meetingID) version \(version): \(problem)" }

    enum CodingKeys: String, CodingKey {
        case meetingID, version, severity, code, problem
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(meetingID, forKey: .meetingID)
        try c.encode(version, forKey: .version)
        try c.encode(severity, forKey: .severity)
        try c.encode(finding.code, forKey: .code)
        try c.encode(problem, forKey: .problem)
    }
}

extension IntegrityProblem {
    /// A stored meeting that no longer reads as one (skipped by listings and backups).
    public static func unreadable(_ id: String, _ error: any Error) -> IntegrityProblem {
        IntegrityProblem(meetingID: (try? MeetingID(id)) ?? MeetingID(year: 0, serial: 0), version: 0,
                         .unreadableMeeting(id, error: String(String(describing: error).prefix(200))))
    }
}

extension Array where Element == IntegrityProblem {
    /// Only the problems, without the notices.
    public var problems: [IntegrityProblem] { filter { $0.severity == .problem } }
}

/// What an import did, event by event.
/// What linking a guest to a registered person changed.
public struct GuestLink: Sendable, Equatable, Codable {
    /// Meetings that now name the person instead of the guest.
    public var meetings: [MeetingID] = []
    /// Of those, imported meetings that overlap the person's own and so no longer reserve time.
    public var freed: [MeetingID] = []
    public init() {}
}

public struct ImportSummary: Sendable, Equatable, Codable {
    public var created: [MeetingID] = []
    public var updated: [MeetingID] = []
    public var cancelled: [MeetingID] = []
    /// Events already in the archive with the same or a higher SEQUENCE.
    public var unchanged: Int = 0
    /// Events (or occurrences) not imported, each with where it is and why.
    public var skipped: [ImportNote] = []
    /// Imported events that break a rule Rapat's own plans keep (outside working hours, a holiday, overlapping…).
    public var warnings: [ImportNote] = []
    /// Guests (people without a NIP, known by their e-mail address) the import registered.
    public var guests: [PersonID] = []
    /// Components that are not meetings (VTODO, VJOURNAL, VFREEBUSY, …) and how many of each were passed over.
    public var otherComponents: [String: Int] = [:]
    public var dryRun = false

    public init() {}
}

/// One event of an import that was skipped or imported with a warning: where it is and why.
public struct ImportNote: Sendable, Equatable, Codable {
    public var source: String
    public var line: Int
    public var uid: String
    public var summary: String
    /// The occurrence concerned, for one occurrence of a recurring event.
    public var occurrence: Date?
    /// The reason in English; `cause` holds the error for a face to say it in the user's language.
    public var reason: String
    public var cause: (any Error & Sendable)?

    enum CodingKeys: String, CodingKey { case source, line, uid, summary, occurrence, reason }

    public init(source: String, line: Int, uid: String, summary: String, occurrence: Date? = nil, cause: any Error & Sendable) {
        self.source = source
        self.line = line
        self.uid = uid
        self.summary = summary
        self.occurrence = occurrence
        self.reason = "\(cause)"
        self.cause = cause
        if let located = cause as? LocatedError, located.line > 0 {
            // The line of the property at fault, and the message without the file name and line said again.
            self.line = located.line
            self.reason = located.message
        }
    }

    public static func == (a: ImportNote, b: ImportNote) -> Bool {
        (a.source, a.line, a.uid, a.summary, a.occurrence, a.reason) == (b.source, b.line, b.uid, b.summary, b.occurrence, b.reason)
    }
}

/// An event of an import that the archive refused, with where it came from.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var summary: String
    /// Why the archive refused it (a planning rule, usually), for a face to say in the user's language.
    public var cause: any Error

    public init(source: String, line: Int, summary: String, cause: any Error) {
        self.source = source
        self.line = line
        self.summary = summary
        self.cause = cause
    }

    public var reason: String { "\(cause)" }

    public var description: String { "\(source):\(line): event '\(summary)' cannot be imported: \(reason); nothing was imported" }
}
