import Foundation
import Testing
import RapatCore
import RapatStore
@testable import RapatPostgres

/// A PostgreSQL transaction that loses a race runs again — unless its body reads a stream once (an import),
/// which must never run twice: that one says the archive is busy at once, with nothing written.
@Suite struct TransactionRetryTests {
    actor Runs {
        var count = 0
        func add() { count += 1 }
    }

    /// The body inserts a person twice: a unique violation, what a writer that lost a race meets.
    static func losing(_ store: PostgresStore, repeatable: Bool, runs: Runs) async throws {
        let p = Seed.people[0]
        try await store.transaction(repeatable: repeatable) { tx in
            await runs.add()
            try await tx.insertPerson(p)
            try await tx.insertPerson(p)
        }
    }

    @Test func aRepeatableBodyRunsAgainThenBusy() async throws {
        guard Backend.all.count > 1 else { return }
        let store = try #require(try await Backend.postgres.make() as? PostgresStore)
        let runs = Runs()
        await #expect(throws: StoreError.busy(store.url)) { try await Self.losing(store, repeatable: true, runs: runs) }
        #expect(await runs.count == PostgresStore.attempts)
        #expect(try await store.people(opd: nil).isEmpty)
    }

    @Test func aStreamReadOnceIsNeverRunTwice() async throws {
        guard Backend.all.count > 1 else { return }
        let store = try #require(try await Backend.postgres.make() as? PostgresStore)
        let runs = Runs()
        await #expect(throws: StoreError.busy(store.url)) { try await Self.losing(store, repeatable: false, runs: runs) }
        #expect(await runs.count == 1)
        #expect(try await store.people(opd: nil).isEmpty)
    }
}
