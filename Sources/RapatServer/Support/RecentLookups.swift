import RapatStore
import Synchronization

/// Store lookups every request repeats (the token of an API client, the session of a browser), kept for a
/// moment: a revocation or a sign-out made by another process takes effect within `lifetime`, one made in this
/// process at once (`AccessChanges`). Keys are hashes or random ids, never secrets.
final class RecentLookups<Value: Sendable>: Sendable {
    let lifetime: Duration
    let capacity: Int
    private let entries = Mutex<[String: (value: Value, until: ContinuousClock.Instant, generation: Int)]>([:])

    /// What invalidates every entry when it changes (`AccessChanges` in the server).
    let generation: @Sendable () -> Int

    init(lifetime: Duration = .seconds(1), capacity: Int = 10_000, generation: @escaping @Sendable () -> Int = { AccessChanges.generation }) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.generation = generation
    }

    /// The value remembered for `key`, or what `load` finds (remembered for `lifetime`).
    func value(_ key: String, load: () async throws -> Value) async throws -> Value {
        let now = ContinuousClock.now, generation = generation()
        if let hit = entries.withLock({ $0[key] }), hit.until > now, hit.generation == generation { return hit.value }
        let value = try await load()
        entries.withLock { entries in
            // Full: start again rather than track ages (a second's worth of lookups refills it).
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, now + lifetime, generation)
        }
        return value
    }
}
