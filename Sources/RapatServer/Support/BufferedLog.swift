import Foundation
import Logging
import Synchronization

/// `rapat serve`'s log: lines as swift-log's stream handler writes them, gathered in memory and written to
/// standard error by one thread every 100 ms (or at 64 KiB), instead of a locked, flushed write per request.
/// Warnings and errors are written at once, and `flush()` writes what is left when the server stops.
public struct BufferedLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let fields = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        LogSink.shared.append("\(LogSink.timestamp()) \(event.level) \(label):\(fields) [\(event.source)] \(event.message)\n",
                              urgent: event.level >= .warning)
    }

    /// Writes every buffered line now.
    public static func flush() { LogSink.shared.flush() }
}

final class LogSink: Sendable {
    static let shared = LogSink()
    static let limit = 64 * 1024

    private let pending = Mutex<[UInt8]>([])
    /// One writer at a time, in order.
    private let writing = Mutex<Void>(())

    private init() {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.1)
                flush()
            }
        }
        thread.name = "rapat-log"
        thread.start()
    }

    func append(_ line: String, urgent: Bool) {
        let size = pending.withLock { buffer in
            buffer.append(contentsOf: line.utf8)
            return buffer.count
        }
        if urgent || size >= Self.limit { flush() }
    }

    func flush() {
        writing.withLock { _ in
            let bytes = pending.withLock { buffer -> [UInt8] in
                defer { buffer.removeAll(keepingCapacity: true) }
                return buffer
            }
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
                if n <= 0 { break }  // standard error closed: nothing more to do
                offset += n
            }
        }
    }

    /// "2026-11-30T14:06:59+0000", as the stream handler prints it.
    static func timestamp() -> String {
        var now = time(nil), parts = tm()
        localtime_r(&now, &parts)
        var text = [Int8](repeating: 0, count: 32)
        let n = strftime(&text, text.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: text[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
