import Foundation
import RapatCore
import RapatStore
@testable import RapatPostgres
import Testing

/// Live events: a committed change reaches the listeners of that meeting, once committed, on every backend;
/// on PostgreSQL it reaches the listeners of another instance too.
@Suite struct EventsConformanceTests {
    /// What a stream told, collected as it comes: a test waits for an event with a generous bound (it is about
    /// whether an event comes, not how fast).
    actor Heard {
        var events: [MeetingEvent] = []
        var reader: Task<Void, Never>?

        init(_ stream: AsyncStream<MeetingEvent>) {
            reader = nil
            Task { await self.read(stream) }
        }

        func read(_ stream: AsyncStream<MeetingEvent>) async { for await e in stream { events.append(e) } }
        func snapshot() -> [MeetingEvent] { events }

        /// Waits until `event` was heard (true) or `seconds` passed (false).
        nonisolated func wait(for event: MeetingEvent, times: Int = 1, seconds: Double = 15) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                if await snapshot().filter({ $0 == event }).count >= times { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return false
        }

        /// Waits until the store listens for real: PostgreSQL says so with a resync once its LISTEN is in place.
        nonisolated func listening(_ store: any MeetingStore) async -> Bool {
            store is PostgresStore ? await wait(for: .resync) : true
        }
    }

    @Test(arguments: Backend.all)
    func aCommittedChangeReachesItsMeetingsListenersAndOnlyThem(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let a = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        let b = try await store.createMeeting(Seed.plan("2020-12-17 09:00"))
        let ofA = Heard(store.events.listen(to: a.id)), ofAll = Heard(store.events.listen(to: nil))
        #expect(await ofA.listening(store))
        // A change to b is not a's; one to a is.
        try await store.updateMeeting(b.id) { m, _ in m.title = "Rapat Pimpinan (b)" }
        try await store.updateMeeting(a.id) { m, _ in m.title = "Rapat Pimpinan (a)" }
        #expect(await ofA.wait(for: .changed(a.id)))
        #expect(await ofAll.wait(for: .changed(b.id)))
        #expect(await !ofA.snapshot().contains(.changed(b.id)))
        // A change that fails (rolled back) tells nobody.
        let before = await ofA.snapshot().count
        await #expect(throws: (any Error).self) {
            try await store.updateMeeting(a.id) { m, _ in m.title = "dibatalkan"; throw StoreError.emptyPlan }
        }
        try await store.updateMeeting(b.id) { m, _ in m.title = "Rapat Pimpinan (b2)" }
        #expect(await ofAll.wait(for: .changed(b.id), times: 2))
        #expect(await ofA.snapshot().count == before)
    }

    @Test func anotherInstanceOnPostgreSQLHearsTheChange() async throws {
        guard Backend.all.count > 1 else { return }
        let (one, other) = try await Backend.postgres.pair()
        for p in Seed.people { try await one.addPerson(p) }
        let m = try await one.createMeeting(Seed.plan("2020-12-16 09:00"))
        let heard = Heard(other.events.listen(to: m.id))
        #expect(await heard.listening(other))
        try await one.updateMeeting(m.id) { m, _ in m.title = "Diubah di instans lain" }
        #expect(await heard.wait(for: .changed(m.id)))
    }

    /// The listening connection dropped (a database restart, a network cut): the store reconnects, tells its
    /// listeners to read everything again, and hears changes as before.
    @Test func aLostListeningConnectionComesBackWithAResync() async throws {
        guard Backend.all.count > 1, let admin = ProcessInfo.processInfo.environment["RAPAT_TEST_POSTGRES_URL"] else { return }
        let store = try await Seed.store(.postgres)
        let m = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        let heard = Heard(store.events.listen(to: m.id))
        #expect(await heard.listening(store))
        let database = try #require((store as? PostgresStore)?.url.split(separator: "/").last.map(String.init))
        try PostgresAdmin.run(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND query LIKE 'LISTEN%'")
        #expect(await heard.wait(for: .resync, times: 2))
        try await store.updateMeeting(m.id) { m, _ in m.title = "Setelah sambungan pulih" }
        #expect(await heard.wait(for: .changed(m.id)))
    }

    @Test func listenersLeaveWhenTheirStreamEnds() async throws {
        let events = MeetingEvents()
        var stream: AsyncStream<MeetingEvent>? = events.listen(to: nil)
        #expect(events.listenerCount == 1)
        _ = stream
        stream = nil
        #expect(events.listenerCount == 0)
    }
}
