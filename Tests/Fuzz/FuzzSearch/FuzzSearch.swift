import Dispatch
import Foundation
import FuzzDriver
import RapatCore
import RapatSQLite
import RapatStore

// Coverage-guided fuzzing of the search query parser, through to SQLite FTS5 (Tests/Fuzz/run.sh): a query
// may be refused with a SearchError; any other error (an FTS5 syntax error, SQL shown to a user) is a crash.
// Without FUZZING the same body replays files given as arguments.

let store: SQLiteStore = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-fuzz-search-\(getpid())")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let store = try! SQLiteStore(path: dir.appendingPathComponent("rapat.db").path)
    // A meeting with minutes, so queries meet an index with words: phrases are matched by their pairs, and
    // prefixes are written out as the words of the vocabulary (or left to FTS5 past SearchIndex.maxPrefixTerms).
    let chair = try! PersonID("196802101990031001")
    let start = Date(timeIntervalSince1970: 1_608_080_400)
    var m = try! Meeting(id: MeetingID(year: 2020, serial: 1), title: "Rapat Pimpinan: evaluasi penyerapan anggaran", chair: chair,
                         participants: [], start: start, end: start.addingTimeInterval(3600),
                         agenda: [try! AgendaItem(key: 1, title: "Pendapatan daerah dan pendapat Dinkes", boxMinutes: 30)])
    m.minutes.notes = [
        DiscussionNote(itemKey: 1, text: "Rumah sakit rujukan COVID-19 siap; kesiapsiagaan banjir di Lebak. Évaluasi café naïve “kutip” 88 % 71,5"),
        DiscussionNote(itemKey: 1, text: (0..<40).map { "pajak\($0) p\($0)" }.joined(separator: " ")),
    ]
    let person = try! Person(id: chair, name: "Sekretaris Daerah", jabatan: "Sekda", opd: "Setda")
    let bundle = ArchiveBundle(people: [person], series: [], meetings: [ArchiveBundle.MeetingFile(meeting: m, versions: [])])
    let done = DispatchSemaphore(value: 0)
    Task {
        do { try await store.importBundle(bundle) } catch { fatalError("fuzz archive: \(error)") }
        done.signal()
    }
    done.wait()
    return store
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
