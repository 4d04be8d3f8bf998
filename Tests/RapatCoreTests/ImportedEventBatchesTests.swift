import Foundation
import Testing
@testable import RapatCore

/// The read-ahead between an import's file reading and its store: same batches, same order, errors where they
/// were met, and nothing read after `close()`.
@Suite struct ImportedEventBatchesTests {
    static func event(_ n: Int) -> ImportedEvent {
        ImportedEvent(source: "t.ics", line: n, uid: "uid-\(n)", sequence: 0, cancelled: false, summary: "Rapat \(n)", meetings: [],
                      series: nil, unknownAttendees: [])
    }

    /// A source of `batches` batches of two events; counts its pulls; throws at batch `failAt` when given.
    final class Source: @unchecked Sendable {
        let lock = NSLock()
        var pulls = 0
        let batches: Int, failAt: Int?
        init(batches: Int, failAt: Int? = nil) { self.batches = batches; self.failAt = failAt }
        func pull() throws -> [ImportedEvent]? {
            let n = lock.withLock { pulls += 1; return pulls }
            if n == failAt { throw ICalTestError.broken(batch: n) }
            guard n <= batches else { return nil }
            return [ImportedEventBatchesTests.event(2 * n - 1), ImportedEventBatchesTests.event(2 * n)]
        }
        var pulled: Int { lock.withLock { pulls } }
    }

    enum ICalTestError: Error, Equatable { case broken(batch: Int) }

    @Test func theSameBatchesInTheSameOrderThenTheEndAgainAndAgain() throws {
        let source = Source(batches: 50)
        let batches = ImportedEventBatches(source.pull).readAhead(depth: 3)
        defer { batches.close() }
        var lines: [Int] = []
        while let batch = try batches.next() { lines += batch.map(\.line) }
        #expect(lines == Array(1...100))
        #expect(try batches.next() == nil)
    }

    @Test func anErrorComesOutOfTheNextThatReachesItAndStays() throws {
        let source = Source(batches: 10, failAt: 4)
        let batches = ImportedEventBatches(source.pull).readAhead()
        defer { batches.close() }
        for expected in 1...3 { #expect(try batches.next()?.first?.line == 2 * expected - 1) }
        #expect(throws: ICalTestError.broken(batch: 4)) { try batches.next() }
        #expect(throws: ICalTestError.broken(batch: 4)) { try batches.next() }
        #expect(source.pulled == 4)
    }

    /// An import that stops early (a strict refusal) closes the stream: the reading thread stops at `depth`
    /// batches ahead and never reads again.
    @Test func closeStopsTheReadingWhereverTheStoreStopped() throws {
        let source = Source(batches: 1_000)
        let batches = ImportedEventBatches(source.pull).readAhead(depth: 2)
        #expect(try batches.next()?.count == 2)
        batches.close()
        let after = source.pulled
        #expect(after <= 1 + 2 + 1)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(source.pulled == after)
        #expect(try batches.next() == nil)
    }

    @Test func aPlainStreamEndsAndClosesWithNothingToStop() throws {
        let batches = ImportedEventBatches([Self.event(1)])
        #expect(try batches.next()?.count == 1)
        #expect(try batches.next() == nil)
        batches.close()
    }
}
