import Foundation
import Logging
import PostgresNIO
import RapatCore
import RapatStore
import Synchronization

/// Live events between instances: a write transaction announces the meetings it saved on the channel
/// `rapat_meeting` (NOTIFY, delivered when it commits, to every instance); each store that has listeners keeps
/// one connection LISTENing and relays what it hears. When that connection is lost it reconnects every second
/// and, once listening again, tells its listeners to read everything again (they may have missed a change).
extension PostgresStore {
    static let channel = "rapat_meeting"

    static func announce(_ ids: Set<MeetingID>, _ c: PostgresConnection, _ logger: Logger) async throws {
        guard !ids.isEmpty else { return }
        let names = ids.map(\.description)
        try await c.query("SELECT pg_notify(\(channel), id) FROM unnest(\(names)::text[]) AS id", logger: logger)
    }

    /// Starts relaying (once; the first listener calls it).
    func startRelay() {
        relay.withLock { task in
            guard task == nil else { return }
            task = Task { [listenConfiguration, logger, events] in
                var connectionID = 1
                while !Task.isCancelled {
                    do {
                        let connection = try await PostgresConnection.connect(configuration: listenConfiguration, id: connectionID, logger: logger)
                        connectionID += 1
                        do {
                            try await connection.listen(on: Self.channel) { notifications in
                                events.resync()
                                for try await notification in notifications {
                                    if let id = try? MeetingID(notification.payload) { events.publish(CollectionOfOne(id)) }
                                }
                            }
                        } catch {}
                        try? await connection.close()
                    } catch {}
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }
}

/// What to run when the first listener arrives, set once the store exists.
final class RelayStarter: Sendable {
    private let action = Mutex<(@Sendable () -> Void)?>(nil)
    func set(_ body: @escaping @Sendable () -> Void) { action.withLock { $0 = body } }
    func run() { action.withLock { $0 }?() }
}
