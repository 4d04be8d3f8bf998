import Foundation
import RapatStore
import Synchronization

/// Feeds built once and served again until the archive changes: subscribed calendars poll the same feed over and
/// over, and building one reads and writes every meeting in it. An entry is good while no meeting changed since it
/// was built (`MeetingEvents.generation`, which moves on every commit here and every change another instance
/// announces) and for at most `maxAge` (what no event tells: another process writing the same SQLite file, a
/// renamed person, a changed setting). Access is decided before the cache is asked, on every request; the key holds
/// the reader (role and person), since what a feed holds depends on who reads it.
public final class FeedCache: Sendable {
    struct Entry {
        let generation: Int
        let built: ContinuousClock.Instant
        let document: (bytes: [UInt8], etag: String)
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let events: MeetingEvents
    /// Listening keeps the store's relay running (PostgreSQL LISTEN): changes of other instances move the generation.
    private let relay: AsyncStream<MeetingEvent>
    let maxAge: Duration
    let capacity: Int

    public init(events: MeetingEvents, maxAge: Duration = .seconds(30), capacity: Int = 1000) {
        self.events = events
        self.maxAge = maxAge
        self.capacity = capacity
        relay = events.listen(to: nil)
    }

    /// The document under `key`, built by `build` when there is none still good.
    func document(_ key: String, build: () async throws -> (bytes: [UInt8], etag: String)) async throws -> (bytes: [UInt8], etag: String) {
        let generation = events.generation, now = ContinuousClock.now
        if let entry = entries.withLock({ $0[key] }), entry.generation == generation, now - entry.built < maxAge {
            return entry.document
        }
        let document = try await build()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(generation: generation, built: now, document: document)
        }
        return document
    }
}
