import Foundation
import RapatCore
import RapatStore
import Synchronization

/// What is built from the archive once and served again until the archive changes. An entry is good while no
/// meeting changed since it was built (`MeetingEvents.generation`, which moves on every commit here and every change
/// another instance announces) and for at most `maxAge` (what no event tells: another process writing the same
/// SQLite file, a renamed person, a changed setting). Access is decided on every request, by the caller.
public final class ArchiveCache<Value: Sendable>: Sendable {
    struct Entry {
        let generation: Int
        let built: ContinuousClock.Instant
        let value: Value
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let events: MeetingEvents
    /// Listening keeps the store's relay running (PostgreSQL LISTEN): changes of other instances move the generation.
    private let relay: AsyncStream<MeetingEvent>
    let maxAge: Duration
    let capacity: Int

    public init(events: MeetingEvents, maxAge: Duration, capacity: Int = 1000) {
        self.events = events
        self.maxAge = maxAge
        self.capacity = capacity
        relay = events.listen(to: nil)
    }

    /// The value under `key`, built by `build` when there is none still good.
    func value(_ key: String, build: () async throws -> Value) async throws -> Value {
        let generation = events.generation, now = ContinuousClock.now
        if let entry = entries.withLock({ $0[key] }), entry.generation == generation, now - entry.built < maxAge {
            return entry.value
        }
        let value = try await build()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(generation: generation, built: now, value: value)
        }
        return value
    }
}

/// What an `ArchiveCache` keeps by default: how many entries (all are dropped when full) and how long one serves
/// (a change this process or PostgreSQL announces ends it at once; the age bounds what nothing announces).
public protocol ArchiveCacheValue: Sendable {
    static var capacity: Int { get }
    static var maxAge: Duration { get }
}

extension ArchiveCacheValue {
    public static var maxAge: Duration { .seconds(1) }
}

extension ArchiveCache where Value: ArchiveCacheValue {
    public convenience init(events: MeetingEvents, maxAge: Duration = Value.maxAge) {
        self.init(events: events, maxAge: maxAge, capacity: Value.capacity)
    }
}

/// Feeds built once and served again until the archive changes: subscribed calendars poll the same feed over and
/// over, and building one reads and writes every meeting in it. The key holds the reader (role and person), since
/// what a feed holds depends on who reads it; a feed may be 30 s behind a change no event tells.
public typealias FeedCache = ArchiveCache<FeedDocument>
public typealias FeedDocument = (bytes: [UInt8], etag: String)

extension ArchiveCache where Value == FeedDocument {
    public convenience init(events: MeetingEvents, maxAge: Duration = .seconds(30)) {
        self.init(events: events, maxAge: maxAge, capacity: 1000)
    }
}

/// Meetings as the JSON API sends them, read and encoded once while they do not change: a meeting is read far more
/// often than it changes (everyone invited opens it; a room polls it). Its readers are checked on every request
/// (`Archive.meeting(_:cache:encode:)`); a change made by another process on the same SQLite file shows within
/// `maxAge`, as a revoked token stops within a second.
public typealias MeetingCache = ArchiveCache<EncodedMeeting>

public struct EncodedMeeting: Sendable {
    public let meeting: Meeting
    public let body: [UInt8]
}

extension EncodedMeeting: ArchiveCacheValue {
    public static let capacity = 10_000
}

/// Search answers built once per change of the archive: an archive's readers repeat the same few searches far more
/// often than the minutes change, and an answer costs the index's ranking and a snippet per hit. The key is the
/// reader (role and person) and the whole query as scoped for them (`Archive.search(_:cache:encode:)`), so no
/// reader gets hits of another's reach; a change made by another process on the same SQLite file shows within
/// `maxAge`. The bodies are bounded by `capacity` answers of at most 200 hits.
public typealias SearchCache = ArchiveCache<SearchAnswer>

/// One search's hits as a face encoded them.
public struct SearchAnswer: Sendable {
    public let body: [UInt8]
}

extension SearchAnswer: ArchiveCacheValue {
    public static let capacity = 200
}

/// A meeting with the people it names (as its sealed minutes name them once approved), for the pages that show it:
/// reading the sealed versions to name people costs more than the meeting itself. Who may read it is decided on
/// every request (`Archive.meetingWithPeople(_:cache:)`); a person renamed shows within `maxAge`.
public typealias MeetingPeopleCache = ArchiveCache<MeetingWithPeople>

public struct MeetingWithPeople: Sendable {
    public let meeting: Meeting
    public let people: [PersonID: Person]
}

extension MeetingWithPeople: ArchiveCacheValue {
    public static let capacity = 10_000
}
