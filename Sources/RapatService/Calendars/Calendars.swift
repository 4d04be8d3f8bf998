import Foundation
import RapatCalendar
import RapatCore
import RapatStore

/// Which meetings a calendar feed holds.
public enum FeedScope: Sendable, Equatable {
    case person(PersonID)
    case opd(String)
    case all

    /// How a feed token names the feed it opens.
    public var key: String {
        switch self {
        case let .person(nip): return "person:\(nip.key)"
        case let .opd(name): return "opd:\(name.lowercased())"
        case .all: return "all"
        }
    }

    /// The feed's address under the server (without the token).
    public var path: String {
        switch self {
        case let .person(nip): return "/feeds/person/\(nip.key).ics"
        case let .opd(name): return "/feeds/opd/\(name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? name).ics"
        case .all: return "/feeds/all.ics"
        }
    }
}

/// Calendars: invitations, updates and cancellations, series, subscription feeds, and imports from
/// other calendars. The exporter is assembled here, once, with people, organizer and language.
public struct Calendars: Sendable {
    let store: any MeetingStore
    let principal: Principal
    let language: Language
    let cache: FeedCache?

    public init(store: any MeetingStore, principal: Principal, language: Language = .id, cache: FeedCache? = nil) {
        self.store = store
        self.principal = principal
        self.language = language
        self.cache = cache
    }

    /// The exporter, with DTSTAMP `stamp`.
    func exporter(stamp: Date) async throws -> ICalExport {
        let policy = try await store.policy()
        let options = CalendarOptions(organizerName: policy.organizerName, organizerEmail: policy.organizerEmail,
                                      people: try await store.people(opd: nil).byID, stamp: stamp, language: language)
        return ICalExport(options: options, archiveID: try await store.archiveID())
    }

    /// The invitation of a meeting (METHOD:REQUEST), or its cancellation once cancelled.
    public func invitation(_ id: MeetingID, stamp: Date = Date()) async throws -> [UInt8] {
        let m = try await Archive(store: store, principal: principal).meeting(id)
        return try await exporter(stamp: stamp).message(for: m)
    }

    /// A whole series: RRULE, EXDATE and RECURRENCE-ID overrides.
    public func series(_ id: String, stamp: Date = Date()) async throws -> [UInt8] {
        try AccessPolicy.require(principal, .planMeetings)
        let series = try await store.series(id)
        return try await exporter(stamp: stamp).message(series: series, meetings: try await store.meetings(MeetingFilter(seriesID: id)))
    }

    /// A token for a calendar URL that reads this one feed as this principal and nothing else; it replaces the
    /// principal's earlier token for the feed (rotation) and dies with the API token `ownerHash` names.
    /// Returns the secret and the URL path with it.
    public func feedToken(_ scope: FeedScope, ownerHash: String?) async throws -> (token: String, url: String) {
        guard scope != .all else {
            throw InputError.invalidValue(field: "feed", value: "all", hint: "a feed token opens one person's or one OPD's feed")
        }
        _ = try await feed(scope)
        let secret = try await store.createFeedToken(feed: scope.key, role: principal.role, person: principal.person, ownerHash: ownerHash)
        return (secret, scope.path + "?token=" + secret)
    }

    /// The filter and calendar name of a feed, once the principal may read it.
    func feed(_ scope: FeedScope) async throws -> (filter: MeetingFilter, name: String) {
        switch scope {
        case let .person(nip):
            try AccessPolicy.require(principal, .readPersonFeed(nip))
            return (MeetingFilter(participant: nip), "Rapat — \(try await store.person(nip).name)")
        case let .opd(name):
            try AccessPolicy.require(principal, .readOPDFeed)
            return (MeetingFilter(opd: name), "Rapat — \(name)")
        case .all:
            try AccessPolicy.require(principal, .planMeetings)
            return (MeetingFilter(), "Rapat")
        }
    }

    /// A feed of any size written a page at a time (two passes: the zones first, then the events),
    /// holding only the meetings the principal may read.
    public func writeFeed(_ scope: FeedScope, from: Date? = nil, to: Date? = nil, stamp: Date = Date(),
                          to sink: @escaping ([UInt8]) throws -> Void) async throws {
        var (filter, name) = try await feed(scope)
        filter.from = from
        filter.to = to
        filter = AccessPolicy.scope(filter, for: principal)
        let principal = principal
        let export = try await exporter(stamp: stamp)
        var zones = ICalExport.ZoneSpans()
        try await store.forEachPage(filter) { zones.add(AccessPolicy.readable($0, by: principal)) }
        var stream = ICalExport.FeedStream(export: export, name: name, zones: zones)
        try await store.forEachPage(filter) { page in try stream.write(AccessPolicy.readable(page, by: principal)) { try sink($0) } }
        try stream.finish { try sink($0) }
    }

    /// A whole feed in memory with its entity tag; DTSTAMP is the newest scheduled start, so the same archive
    /// gives the same bytes and the same tag (subscribed clients poll cheaply).
    /// Built once per change of the archive when the server keeps a `FeedCache` (the access decision is made here
    /// on every call, before the cache is asked).
    public func feedDocument(_ scope: FeedScope) async throws -> (bytes: [UInt8], etag: String) {
        let (filter, name) = try await feed(scope)
        let build = { [self] () async throws -> (bytes: [UInt8], etag: String) in
            let meetings = try await Archive(store: store, principal: principal).meetings(filter)
            let stamp = meetings.map(\.start).max() ?? Date(timeIntervalSince1970: 0)
            var bytes: [UInt8] = []
            try await exporter(stamp: stamp).feed(name: name, meetings: meetings) { bytes += $0 }
            return (bytes, "\"" + SHA256.hex(bytes).prefix(32) + "\"")
        }
        guard let cache else { return try await build() }
        let reader = "\(principal.role.rawValue)|\(principal.person?.key ?? "-")|\(language.rawValue)"
        return try await cache.value(scope.key + "|" + reader, build: build)
    }

    /// Imports .ics files in one transaction, a chunk at a time; returns what changed, event by event (each note's
    /// reason in the reader's language), and the attendees nobody here knows. `strict`: one refusal imports nothing.
    public func importFiles(_ files: [String], chair: PersonID?, dryRun: Bool, strict: Bool = false,
                            onFile: ((String, UInt64) -> Void)? = nil) async throws -> (summary: ImportSummary, unknownAttendees: [String]) {
        try await importCalendars(chair: chair, dryRun: dryRun, strict: strict) { importer in
            let reader = ICalImportReader(importer: importer, files: files)
            reader.onFile = onFile
            return reader
        }
    }

    /// Imports one calendar a user sent (a browser upload or an API body) as `importFiles` does, its notes naming it
    /// `name`. Events that name nobody are chaired by the user's own person, when they have one.
    public func importCalendar(_ data: Data, name: String, dryRun: Bool) async throws -> (summary: ImportSummary, unknownAttendees: [String]) {
        try await importCalendars(chair: principal.person, dryRun: dryRun, strict: false) { importer in
            ICalImportReader(importer: importer, calendar: data, name: name)
        }
    }

    private func importCalendars(chair: PersonID?, dryRun: Bool, strict: Bool,
                                 reader make: (ICalImport) -> ICalImportReader) async throws -> (summary: ImportSummary, unknownAttendees: [String]) {
        try AccessPolicy.require(principal, .planMeetings)
        let policy = try await store.policy()
        let reader = make(ICalImport(people: try await store.people(opd: nil).byID, defaultChair: chair, workingHours: policy.workingHours))
        // Files are read and checked on a thread of their own while the store writes the batch before.
        var summary = try await store.importEvents(reader.batches().checked().readAhead(), dryRun: dryRun, strict: strict)
        summary.otherComponents = reader.otherComponents
        let language = language
        func translated(_ n: ImportNote) -> ImportNote {
            var n = n
            if let cause = n.cause {
                // The note carries the file and line: the reason is what is wrong there.
                n.reason = (cause as? ICalError).map { Catalogue.text($0.problem, language) }
                    ?? (cause as? LocatedError)?.message ?? Catalogue.text(cause, language)
            }
            return n
        }
        summary.skipped = summary.skipped.map(translated)
        summary.warnings = summary.warnings.map(translated)
        return (summary, reader.unknownAttendees.sorted())
    }
}
