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

    /// An import looks up every event's UID under a lock; PostgreSQL keeps all locks in one table of
    /// max_locks_per_transaction × connections entries (6,400 by default), which a lock per UID overflowed at
    /// about 7,000 events ("out of shared memory"). The UIDs share a bounded set of locks instead.
    @Test func anImportHoldsABoundedNumberOfNameLocks() async throws {
        guard Backend.all.count > 1 else { return }
        let store = try #require(try await Backend.postgres.make() as? PostgresStore)
        let held = try await store.transaction(repeatable: false) { tx -> Int in
            for n in 0..<3_000 { _ = try await tx.meeting(icalUID: "acara-\(n)@kalender.example", occurrence: nil) }
            var count = 0
            for try await c in try await tx.c.query("SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
                                                    logger: tx.logger).decode(Int.self) { count = c }
            return count
        }
        #expect(held > 0 && held <= Int(PostgresTransaction.nameLockBuckets))
    }

    /// A server out of a resource (SQLSTATE class 53) says so in its own words, as a 503 the user can act on.
    @Test func aServerOutOfResourcesIsNamedNotAGenericDriverError() async throws {
        guard Backend.all.count > 1 else { return }
        let store = try #require(try await Backend.postgres.make() as? PostgresStore)
        await #expect {
            try await store.transaction { tx in
                try await tx.c.query("DO $$ BEGIN RAISE EXCEPTION 'out of shared memory' USING ERRCODE = '53200', HINT = 'You might need to increase max_locks_per_transaction.'; END $$",
                                     logger: tx.logger)
            }
        } throws: { error in
            guard case let StoreError.serverRefused(url, said) = error else { return false }
            return url == store.url && said == "out of shared memory — You might need to increase max_locks_per_transaction."
        }
    }
}
