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

    /// The people a readable meeting names (chair, minute-taker, participants, presenters), as its approved
    /// minutes name them when sealed, else as registered now.
    public func people(of m: Meeting) async throws -> [NIP: Person] {
        try AccessPolicy.requireRead(principal, m)
        let named = Set(m.everyone + m.agenda.compactMap(\.presenterNIP))
        let registry = try await store.people(opd: nil).filter { named.contains($0.nip) }.byNIP
        guard m.minutes.isApproved, let sealed = try await store.minutesVersions(m.id).last else { return registry }
        return sealed.record.naming(registry)
    }

    /// The readable meetings among `ids`, in one read.
    public func meetings(ids: [MeetingID]) async throws -> [Meeting] {
        AccessPolicy.readable(try await store.meetings(ids: ids), by: principal)
    }

    /// The OPDs each readable meeting's people belong to, by meeting (the registry read once).
    public func opds(of meetings: [Meeting]) async throws -> [MeetingID: Set<String>] {
        for m in meetings { try AccessPolicy.requireRead(principal, m) }
        let registry = try await store.people(opd: nil).byNIP
        return Dictionary(meetings.map { m in (m.id, Set(m.everyone.compactMap { registry[$0]?.opd })) }, uniquingKeysWith: { a, _ in a })
    }

    /// For a listing of readable meetings, in one read of the registry: the names of their chairs, and every OPD (for filters).
    public func listing(_ meetings: [Meeting]) async throws -> (chairs: [NIP: String], opds: [String]) {
        for m in meetings { try AccessPolicy.requireRead(principal, m) }
        let registry = try await store.people(opd: nil)
        let chairs = Set(meetings.map(\.chair))
        let names = Dictionary(registry.filter { chairs.contains($0.nip) }.map { ($0.nip, $0.name) }, uniquingKeysWith: { a, _ in a })
        return (names, Array(Set(registry.map(\.opd))).sorted { $0.lowercased() < $1.lowercased() })
    }

    /// The OPDs of the registered people, for filters: every principal may know the names of the units.
    public func opds() async throws -> [String] {
        Array(Set(try await store.people(opd: nil).map(\.opd))).sorted { $0.lowercased() < $1.lowercased() }
    }

    /// The meetings `filter` selects that the principal may read.
    public func meetings(_ filter: MeetingFilter) async throws -> [Meeting] {
        AccessPolicy.readable(try await store.meetings(AccessPolicy.scope(filter, for: principal)), by: principal)
    }

    /// Full-text search; an archivist finds approved minutes only.
    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        try AccessPolicy.require(principal, .search)
        let hits = try await store.search(query)
        guard principal.role != .secretariat else { return hits }
        let readable = Set(try await store.meetings(ids: Array(Set(hits.map(\.meetingID)))).filter { AccessPolicy.mayRead(principal, $0) }.map(\.id))
        return hits.filter { readable.contains($0.meetingID) }
    }
}
