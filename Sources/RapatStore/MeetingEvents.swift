import Foundation
import Synchronization
import RapatCore

/// What a live page hears from the archive: a meeting changed (read it again), or contact with the source of
/// events was lost and regained (read everything again: something may have changed in between).
public enum MeetingEvent: Sendable, Hashable {
    case changed(MeetingID)
    case resync
}

/// The meetings changed by committed transactions, told to whoever listens in this process. A store publishes
/// after its commit (SQLite) or relays what its database tells every instance (PostgreSQL LISTEN/NOTIFY).
/// Listeners never block a writer: each has a small buffer that keeps the newest events.
public final class MeetingEvents: Sendable {
    struct Listener {
        let meeting: MeetingID?
        let continuation: AsyncStream<MeetingEvent>.Continuation
    }

    struct State {
        var nextKey = 0
        var listeners: [Int: Listener] = [:]
    }

    private let state = Mutex(State())
    private let firstListener: (@Sendable () -> Void)?
    private let changes = Atomic<Int>(0)

    /// Counts the changes heard (and resyncs): what was built from the archive at one count is stale at another.
    /// It moves before any listener hears of the change.
    public var generation: Int { changes.load(ordering: .acquiring) }

    /// A change this process committed and its listeners will hear later (PostgreSQL relays it back through
    /// LISTEN): the generation moves now, so what this process serves next is not stale.
    public func changedHere() { changes.add(1, ordering: .releasing) }

    /// `firstListener` runs when the first listener arrives (a backend starts its relay there).
    public init(firstListener: (@Sendable () -> Void)? = nil) {
        self.firstListener = firstListener
    }

    /// The events of one meeting (or of every meeting: nil), until the stream is dropped.
    public func listen(to meeting: MeetingID?) -> AsyncStream<MeetingEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: MeetingEvent.self, bufferingPolicy: .bufferingNewest(32))
        let (key, first) = state.withLock { s -> (Int, Bool) in
            s.nextKey += 1
            s.listeners[s.nextKey] = Listener(meeting: meeting, continuation: continuation)
            return (s.nextKey, s.nextKey == 1)
        }
        continuation.onTermination = { [weak self] _ in _ = self?.state.withLock { $0.listeners.removeValue(forKey: key) } }
        if first { firstListener?() }
        return stream
    }

    /// How many listen now.
    public var listenerCount: Int { state.withLock { $0.listeners.count } }

    /// Tells the listeners of these meetings (and those of every meeting) that they changed.
    public func publish<S: Sequence<MeetingID>>(_ ids: S) {
        let changed = Set(ids)
        guard !changed.isEmpty else { return }
        changes.add(1, ordering: .releasing)
        state.withLock { s in
            for listener in s.listeners.values {
                if let meeting = listener.meeting {
                    if changed.contains(meeting) { listener.continuation.yield(.changed(meeting)) }
                } else {
                    for id in changed { listener.continuation.yield(.changed(id)) }
                }
            }
        }
    }

    /// Tells every listener to read again what it shows.
    public func resync() {
        changes.add(1, ordering: .releasing)
        state.withLock { s in for listener in s.listeners.values { listener.continuation.yield(.resync) } }
    }
}

/// The meetings one write transaction saved, published once it commits.
public final class ChangedMeetings: Sendable {
    private let ids = Mutex(Set<MeetingID>())
    public init() {}
    public func insert(_ id: MeetingID) { _ = ids.withLock { $0.insert(id) } }
    public var all: Set<MeetingID> { ids.withLock { $0 } }
}
