import Dispatch
import Foundation
import FuzzDriver
import RapatSQLite
import RapatStore

// Coverage-guided fuzzing of the search query parser, through to SQLite FTS5 (Tests/Fuzz/run.sh): a query
// may be refused with a SearchError; any other error (an FTS5 syntax error, SQL shown to a user) is a crash.
// Without FUZZING the same body replays files given as arguments.

let store: SQLiteStore = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-fuzz-search-\(getpid())")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return try! SQLiteStore(path: dir.appendingPathComponent("rapat.db").path)
}()

/// Runs an async call to completion from the fuzzer's synchronous callback.
final class Outcome: @unchecked Sendable {  // written once by the task, read after the semaphore: no overlap
    var error: (any Error)?
}

func fuzzOne(_ data: Data) {
    guard let text = String(data: data, encoding: .utf8) else { return }
    let query = SearchQuery(text)
    _ = try? query.phraseExpressions()
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { _ = try await store.search(query) } catch { outcome.error = error }
        done.signal()
    }
    done.wait()
    if let error = outcome.error, !(error is SearchError) { fatalError("search \(text.debugDescription) failed with \(String(reflecting: error))") }
}

@main struct Fuzz {
    static func main() { FuzzDriver.run { fuzzOne(Data($0)) } }
}
