import Foundation
import RapatCore

/// Reads .ics files a chunk at a time and hands out their events in batches, for a store to import inside
/// one transaction: memory follows the chunk and batch sizes (plus recurring events, kept until their file
/// ends), not the size of the files, so a calendar of a gigabyte imports like one of a kilobyte.
public final class ICalImportReader {
    public let importer: ICalImport
    /// Events per batch handed to the store.
    public var batchSize = 500
    /// Bytes read from a file at a time.
    public var chunkBytes = 1 << 20
    /// Called when a file is opened, with its path and size in bytes.
    public var onFile: ((String, UInt64) -> Void)?

    /// Attendees no registered person matched, over every event read so far.
    public private(set) var unknownAttendees: Set<String> = []
    public private(set) var eventsRead = 0
    /// Components that are not events (VTODO, VJOURNAL, VFREEBUSY, …) passed over, by name, over the files read.
    public private(set) var otherComponents: [String: Int] = [:]

    /// What is read: files by path, or a calendar already in memory (a browser's upload) under a name.
    private enum Input { case file(String), calendar(Data, name: String) }
    private var inputs: ArraySlice<Input>
    private var handle: FileHandle?
    /// The in-memory calendar being read: handed to the parser whole, then empty (its end), then nil.
    private var memory: Data?
    private var source = ""
    private var parser = ICalParser(source: "")
    private var collector: ICalImport.EventCollector?
    private var ready: [ImportedEvent] = []

    public init(importer: ICalImport, files: [String]) {
        self.importer = importer
        self.inputs = files.map(Input.file)[...]
    }

    /// Reads one calendar held in memory; `name` is the source its notes and errors give.
    public init(importer: ICalImport, calendar: Data, name: String) {
        self.importer = importer
        self.inputs = [.calendar(calendar, name: name)]
    }

    /// The next events, or nil once every file has been read to its end.
    public func next() throws -> [ImportedEvent]? {
        while ready.count < batchSize {
            if handle == nil && memory == nil {
                guard let input = inputs.popFirst() else { break }
                try open(input)
            }
            let chunk: Data
            if let data = memory {
                chunk = data
                memory = Data()
            } else {
                do {
                    chunk = try handle!.read(upToCount: chunkBytes) ?? Data()
                } catch {
                    throw ICalError(source: source, line: 0, .unreadableFile(reason: error.localizedDescription))
                }
            }
            if chunk.isEmpty {
                try parser.finish { c, calendar in try collector!.take(c, calendar: calendar, into: &ready) }
                try collector!.finish(calendar: parser.calendarProperties, into: &ready)
                otherComponents.merge(collector!.otherComponents, uniquingKeysWith: +)
                try? handle?.close()
                handle = nil
                memory = nil
                collector = nil
            } else {
                try parser.feed(chunk) { c, calendar in try collector!.take(c, calendar: calendar, into: &ready) }
            }
        }
        guard !ready.isEmpty else { return nil }
        let batch = ready
        ready.removeAll(keepingCapacity: true)
        eventsRead += batch.count
        for event in batch { unknownAttendees.formUnion(event.unknownAttendees) }
        return batch
    }

    /// The same events as batches a `MeetingStore` pulls inside its import transaction.
    public func batches() -> ImportedEventBatches {
        ImportedEventBatches { try self.next() }
    }

    private func open(_ input: Input) throws {
        switch input {
        case let .file(file):
            guard let h = FileHandle(forReadingAtPath: file) else {
                throw ICalError(source: file, line: 0, .unreadableFile(reason: nil))
            }
            handle = h
            source = file
            onFile?(file, (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? UInt64) ?? 0)
        case let .calendar(data, name):
            memory = data
            source = name
        }
        parser = ICalParser(source: source)
        collector = ICalImport.EventCollector(importer: importer, source: source)
    }
}
