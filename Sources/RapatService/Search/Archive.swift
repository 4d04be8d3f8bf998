import Foundation
import RapatCore
import RapatStore

/// Reading the archive: meetings, series, action items and full-text search, as far as the principal may.
public struct Archive: Sendable {
    let store: any MeetingStore
    let principal: Principal

    public func meeting(_ id: MeetingID) async throws -> Meeting {
        let m = try await store.meeting(id)
        try AccessPolicy.requireRead(principal, m)
        return m
    }

    /// A meeting the principal may read, as `encode` writes it: read and encoded once in `cache` while it does not
    /// change; who may read it is decided on every call.
    public func meeting(_ id: MeetingID, cache: MeetingCache, encode: (Meeting) throws -> [UInt8]) async throws -> [UInt8] {
        let entry = try await cache.value(id.description) {
            let m = try await store.meeting(id)
            return EncodedMeeting(meeting: m, body: try encode(m))
        }
        try AccessPolicy.requireRead(principal, entry.meeting)
        return entry.body
    }

    /// The people a readable meeting names (chair, minute-taker, participants, presenters), as its approved
    /// minutes name them when sealed, else as registered now.
    public func people(of m: Meeting) async throws -> [PersonID: Person] {
        try AccessPolicy.requireRead(principal, m)
        return try await named(m)
    }

    private func named(_ m: Meeting) async throws -> [PersonID: Person] {
        let registry = try await store.people(m.namedPeople).byID
        guard m.minutes.isApproved, let sealed = try await store.minutesVersions(m.id).last else { return registry }
        return sealed.record.naming(registry)
    }

    /// A readable meeting and the people it names (`people(of:)`), from `cache` while neither changes; who may read
    /// it is decided on every call.
    public func meetingWithPeople(_ id: MeetingID, cache: MeetingPeopleCache) async throws -> MeetingWithPeople {
        let entry = try await cache.value(id.description) {
            let m = try await store.meeting(id)
            return MeetingWithPeople(meeting: m, people: try await named(m))
        }
        try AccessPolicy.requireRead(principal, entry.meeting)
        return entry
    }

    /// For a listing of readable meetings: the names of their chairs, and every OPD (for filters).
    public func listing(_ meetings: [Meeting]) async throws -> (chairs: [PersonID: String], opds: [String]) {
        for m in meetings { try AccessPolicy.requireRead(principal, m) }
        let chairs = try await store.people(Set(meetings.map(\.chair)))
        return (Dictionary(chairs.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }), try await store.opds())
    }

    /// The OPDs of the registered people, for filters: every principal may know the names of the units.
    public func opds() async throws -> [String] {
        try await store.opds()
    }

    /// The meetings `filter` selects that the principal may read.
    public func meetings(_ filter: MeetingFilter) async throws -> [Meeting] {
        // A series kept to a horizon (a rule without an end) is stored as far as the listing looks, a window ahead
        // of today when it looks without end.
        try await store.extendSeries(through: filter.to ?? Date().addingTimeInterval(Series.window))
        return AccessPolicy.readable(try await store.meetings(AccessPolicy.scope(filter, for: principal)), by: principal)
    }

    /// Full-text search; an archivist finds approved minutes only.
    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        try AccessPolicy.require(principal, .search)
        let hits = try await store.search(AccessPolicy.scope(query, for: principal))
        guard principal.role != .secretariat else { return hits }
        let readable = Set(AccessPolicy.readable(try await store.meetings(ids: Array(Set(hits.map(\.meetingID)))), by: principal).map(\.id))
        return hits.filter { readable.contains($0.meetingID) }
    }

    /// `search`, as `encode` writes the hits, answered from `cache` while the archive does not change. The principal
    /// is asked for the right to search on every call; the key holds the principal and the query scoped for them.
    public func search(_ query: SearchQuery, cache: SearchCache, encode: ([SearchHit]) throws -> [UInt8]) async throws -> [UInt8] {
        try AccessPolicy.require(principal, .search)
        let key = "\(principal.role.rawValue)|\(principal.person?.key ?? "-")|" + AccessPolicy.scope(query, for: principal).cacheKey
        return try await cache.value(key) { SearchAnswer(body: try encode(try await search(query))) }.body
    }

    /// What the archive page shows for a search: the hits the principal may read, the OPDs of each meeting found
    /// (for facet counts) and every registered OPD (for the filter).
    public struct SearchResults: Sendable {
        public var hits: [SearchHit]
        public var opdsByMeeting: [MeetingID: Set<String>]
        public var allOPDs: [String]
    }

    public func searchResults(_ query: SearchQuery) async throws -> SearchResults {
        let hits = try await search(query)
        return SearchResults(hits: hits, opdsByMeeting: try await store.opds(of: Array(Set(hits.map(\.meetingID)))), allOPDs: try await store.opds())
    }
}
