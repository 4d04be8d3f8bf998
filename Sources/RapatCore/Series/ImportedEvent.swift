import Foundation

/// One event from another calendar as Rapat will store it: a meeting, or the meetings of a recurring event.
public struct ImportedEvent: Sendable {
    public var source: String
    public var line: Int
    public var uid: String
    public var sequence: Int
    public var cancelled: Bool
    public var summary: String
    /// One meeting, or every occurrence of a recurring event (each with `occurrenceStart`).
    public var meetings: [Meeting]
    public var series: Series?
    /// Attendees with no registered person (by NIP or email), left out of the meeting.
    public var unknownAttendees: [String]
    /// People the event names who are not registered: guests known by their e-mail address, registered by the import.
    public var guests: [Person] = []
    /// Why the event cannot be imported (read from the file, before any store looks at it); nil when it can.
    public var unreadable: (any Error & Sendable)?
    /// A recurring event whose rule goes on past the import window (or past the most occurrences one event
    /// makes): its first instance not imported. The rule is kept in the series.
    public var beyondWindow: Date?

    public init(source: String, line: Int, uid: String, sequence: Int, cancelled: Bool, summary: String, meetings: [Meeting],
                series: Series?, unknownAttendees: [String], unreadable: (any Error & Sendable)? = nil) {
        self.source = source
        self.line = line
        self.uid = uid
        self.sequence = sequence
        self.cancelled = cancelled
        self.summary = summary
        self.meetings = meetings
        self.series = series
        self.unknownAttendees = unknownAttendees
        self.unreadable = unreadable
    }
}


/// Imported events handed over batch by batch: a store pulls `next()` inside its one import transaction
/// until it returns nil, so a calendar of any size is imported without holding all its events at once.
public final class ImportedEventBatches: @unchecked Sendable {
    // @unchecked: a store pulls batches from one transaction on one task at a time; the closure is never
    // called concurrently (a read-ahead calls it from its one thread), and the CLI or test that made it reads
    // nothing from it until the import returns.
    private let pull: () throws -> [ImportedEvent]?
    private let stop: () -> Void

    /// `pull` returns the next events, or nil once there are no more.
    public init(_ pull: @escaping () throws -> [ImportedEvent]?) {
        self.pull = pull
        self.stop = {}
    }

    private init(pull: @escaping () throws -> [ImportedEvent]?, stop: @escaping () -> Void) {
        self.pull = pull
        self.stop = stop
    }

    /// Events already in memory, as one batch.
    public convenience init(_ events: [ImportedEvent]) {
        var pending: [ImportedEvent]? = events
        self.init { defer { pending = nil }; return pending }
    }

    public func next() throws -> [ImportedEvent]? { try pull() }

    /// Stops a read-ahead (waiting for the batch its thread is reading): called when the import ends, however it
    /// ends, so nothing reads the files after the store has returned. A plain stream has nothing to stop.
    public func close() { stop() }

    /// The same batches, read on a thread of their own up to `depth` batches ahead of the store: the files are
    /// parsed (and the events checked) while the store writes the batch before — two cores, two stages.
    /// `close()` stops the thread; an error the reading meets is thrown by the `next()` that reaches it.
    public func readAhead(depth: Int = 2) -> ImportedEventBatches {
        let queue = ReadAheadQueue(depth: max(1, depth))
        let source = self
        let thread = Thread {
            while queue.waitForRoom() {
                let batch = Result { try source.next() }
                if !queue.put(batch) { break }
            }
            queue.exited()
        }
        thread.name = "rapat-import-read-ahead"
        thread.start()
        return ImportedEventBatches(pull: { try queue.take() }, stop: { queue.close() })
    }
}

/// The hand-over between a read-ahead's thread and the store: at most `depth` batches wait; the last result
/// (the end, nil, or an error) is kept and given again to every later `take`.
private final class ReadAheadQueue: @unchecked Sendable {
    // @unchecked: every field is read and written under `condition`.
    private let condition = NSCondition()
    private let depth: Int
    private var waiting: [Result<[ImportedEvent]?, any Error>] = []
    private var last: Result<[ImportedEvent]?, any Error>?
    private var closed = false
    private var running = true

    init(depth: Int) { self.depth = depth }

    /// The reader's turn: false once closed.
    func waitForRoom() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= depth && !closed { condition.wait() }
        return !closed
    }

    /// Hands a batch over; false when it was the last one (the end or an error) or the queue is closed.
    func put(_ batch: Result<[ImportedEvent]?, any Error>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        waiting.append(batch)
        condition.broadcast()
        if case .success(.some) = batch { return !closed }
        return false
    }

    func exited() {
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }

    func take() throws -> [ImportedEvent]? {
        condition.lock()
        defer { condition.unlock() }
        if let last { return try last.get() }
        while waiting.isEmpty && running { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        let batch = waiting.removeFirst()
        condition.broadcast()
        if case .success(.some) = batch {} else { last = batch }
        return try batch.get()
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running { condition.wait() }
        waiting.removeAll()
        condition.unlock()
    }
}

/// What importing one occurrence of an event does to the archive.
public enum ImportOutcome: Sendable {
    /// Already here with the same or a higher SEQUENCE, or a cancellation of something never imported.
    case unchanged
    /// The meeting, now cancelled, with the event's SEQUENCE.
    case cancel(Meeting)
    /// The meeting as the newer event describes it; `previous` is what the archive holds (for the planner).
    case update(Meeting, previous: Meeting)
    /// A new meeting to plan (id and series still to assign).
    case create(Meeting)
}

extension ImportedEvent {
    /// Decides, without touching any store, what `plan` (one of `meetings`) does given the meeting the
    /// archive already holds for its UID and occurrence, if any: the same rule for every backend.
    public func outcome(for plan: Meeting, existing: Meeting?) throws -> ImportOutcome {
        let cancels = cancelled || plan.status == .cancelled
        guard var current = existing else {
            guard !cancels else { return .unchanged }
            var m = plan
            m.status = .scheduled
            m.sequence = sequence
            m.icalUID = uid
            return .create(m)
        }
        guard sequence > current.sequence else { return .unchanged }
        let previous = current
        if cancels {
            try current.cancel(reason: "dibatalkan di kalender asal")
        } else {
            current.adoptImported(plan)
        }
        current.sequence = sequence
        return cancels ? .cancel(current) : .update(current, previous: previous)
    }
}
