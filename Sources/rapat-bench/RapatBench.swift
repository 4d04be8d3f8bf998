import ArgumentParser
import Foundation
import RapatCalendar
import RapatCore
import RapatMinutes
import RapatSamples
import RapatStore
import RapatSQLite
import RapatPostgres
import RapatService

/// Benchmarks of Rapat's hot paths; build with `-c release`. Each case runs in its own process so its
/// peak memory is its own.
@main
struct RapatBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapat-bench", abstract: "Measure Rapat: prints figures, asserts nothing.",
        subcommands: [ICS.self, ICSWrite.self, ICSRead.self, Import.self, Conflict.self, Search.self, XML.self, Pages.self, HTTPPeer.self], defaultSubcommand: ICS.self)

    /// Peak resident memory of this process in MiB.
    static func peakMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    struct ICS: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ics", abstract: "Serialize and parse an N-event calendar (default 100,000).")
        @Option var events = 100_000
        @Option(help: "Runs of each case; the best is reported.") var runs = 3

        func run() throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-bench-\(getpid()).ics").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            let me = URL(fileURLWithPath: CommandLine.arguments[0])
            func child(_ args: [String]) throws -> String {
                let p = Process()
                p.executableURL = me
                p.arguments = args
                let pipe = Pipe()
                p.standardOutput = pipe
                try p.run()
                let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                guard p.terminationStatus == 0 else { throw ExitCode(p.terminationStatus) }
                return out
            }
            print("case                         events      seconds    events/s   peak MiB   MB")
            print(try child(["ics-write", "--events", String(events), "--runs", String(runs), "--out", file]), terminator: "")
            print(try child(["ics-read", file, "--runs", String(runs)]), terminator: "")
            print(try child(["ics-read", file, "--runs", "1", "--convert"]), terminator: "")
        }
    }

    /// Start of the i-th synthetic meeting: six a day (08:00 … 13:00 WIB), Monday to Friday from 6 January 2020.
    static func start(_ i: Int) -> Date {
        let day = i / 6, week = day / 5
        let base = try! CivilDate("2020-01-06").at(hour: 8, minute: 0, in: Zone.jakarta)
        return base.addingTimeInterval(TimeInterval((week * 7 + day % 5) * 86400 + (i % 6) * 3600))
    }

    /// The index of the first synthetic meeting that starts in `year` (starts only grow with the index).
    static func firstIndex(ofYear year: Int) -> Int {
        var low = 0, high = max(0, year - 2019) * 2_000  // at most 6 × 5 × 53 meetings a year
        while low < high {
            let mid = (low + high) / 2
            if CivilDate(start(mid), in: Zone.jakarta).year < year { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Synthetic meetings: Indonesian titles, 12 people, two agenda items, spread over working days; each is
    /// numbered in the year it starts in, as the archive numbers (RP-2020-0001 …, RP-2021-0001 …).
    static func meetings(_ n: Int) throws -> ([Meeting], [PersonID: Person]) {
        try meetings(0..<n)
    }

    /// The synthetic meetings with these indexes (the same meeting for the same index, whatever the range).
    static func meetings(_ range: Range<Int>) throws -> ([Meeting], [PersonID: Person]) {
        let nips = RapatBench.nips
        var people: [PersonID: Person] = [:]
        for (i, nip) in nips.enumerated() {
            people[nip] = try Person(id: nip, name: "Kepala OPD \(i) — “Dinas” é", jabatan: "Kepala", opd: "OPD\(i)", email: "kepala\(i)@bantenprov.go.id")
        }
        var result: [Meeting] = []
        result.reserveCapacity(range.count)
        var year = (number: 0, first: 0)
        for i in range {
            let start = Self.start(i)
            let y = CivilDate(start, in: Zone.jakarta).year
            if y != year.number { year = (y, firstIndex(ofYear: y)) }
            var m = try Meeting(id: MeetingID(year: y, serial: i - year.first + 1), title: "Rapat koordinasi ke-\(i): evaluasi penyerapan anggaran, tindak lanjut; “percepatan”",
                                chair: meetingChair(i, nips), participants: [nips[(i + 1) % 12], nips[(i + 2) % 12], nips[(i + 3) % 12]],
                                start: start, end: start.addingTimeInterval(3000), virtualLink: "https://vicon.bantenprov.go.id/r/\(i)",
                                agenda: [try AgendaItem(key: 1, title: "Evaluasi penyerapan anggaran", presenterNIP: nips[(i + 1) % 12], boxMinutes: 30),
                                         try AgendaItem(key: 2, title: "Lain-lain", boxMinutes: 15)])
            m.sequence = i % 3
            result.append(m)
        }
        return (result, people)
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", abstract: "Grow an archive of meetings' minutes to each size, then time searches (p50/p95).")
        @Option(help: "Archive sizes in meetings, ascending, comma-separated.") var meetings = "100000"
        @Option(help: "Searches per query kind.") var repeats = 50
        @Option(help: "Rank windows to compare, comma-separated; 0 ranks every match.") var windows = "\(SearchQuery.defaultRankWindow)"
        @Option(help: "A PostgreSQL URL instead of a new SQLite file (the database must be empty; it is kept for peer queries).") var store: String?
        @Flag(help: "Query the archive an earlier run built at --store, without adding to it.") var reuse = false

        func run() async throws {
            let (store, cleanup) = try await RapatBench.openStore(self.store, name: "search")
            defer { cleanup() }
            let targets = meetings.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            var rng = SampleRandom(seed: 7)
            let words = ["penyerapan", "anggaran", "pengadaan", "vaksinasi", "banjir", "percepatan", "realisasi", "kendala", "pelaksanaan",
                         "dinas", "kesehatan", "pendidikan", "jalan", "jembatan", "sekolah", "rumah", "sakit", "bantuan", "sosial", "pajak",
                         "pendapatan", "retribusi", "perizinan", "investasi", "pertanian", "pangan", "pariwisata", "lingkungan", "sampah", "air"]
            // Domain words are one in ten; the rest come from a 5,000-word synthetic vocabulary, so terms
            // have the spread of real minutes rather than every word in every meeting.
            let syllables = ["ba", "ka", "la", "ma", "na", "pa", "ra", "sa", "ta", "di", "ki", "li", "mi", "ni", "ri", "su", "tu", "ru", "gu", "ju"]
            let vocabulary: [String] = (0..<5000).map { (i: Int) -> String in
                let stem: String = syllables[i % 20] + syllables[(i / 20) % 20] + syllables[(i / 400) % 20]
                return i % 3 == 0 ? stem + "an" : stem
            }
            func word() -> String {
                if rng.next(upTo: 10) == 0 { return words[rng.next(upTo: words.count)] }
                let u = Double(rng.next(upTo: 1_000_000)) / 1e6
                return vocabulary[min(4999, Int(u * u * u * 5000))]
            }
            func sentence(_ n: Int) -> String { (0..<n).map { _ in word() }.joined(separator: " ") }
            if !reuse {
                try await store.importBundle(ArchiveBundle(people: Array(try RapatBench.meetings(0..<1).1.values), series: [], meetings: []))
            }
            var built = 0, build = 0.0
            for target in targets where target > built {
                if reuse {
                    built = target
                    print("archive of \(target) meetings' minutes reused")
                }
                while built < target {
                    let chunk = min(20_000, target - built)
                    var files: [ArchiveBundle.MeetingFile] = []
                    for var m in try RapatBench.meetings(built..<built + chunk).0 {
                        m.status = .ended
                        m.minutes.notes = [DiscussionNote(itemKey: 1, text: sentence(25)), DiscussionNote(itemKey: 2, text: sentence(15))]
                        m.minutes.decisions = [Decision(number: 1, itemKey: 1, text: sentence(10))]
                        m.minutes.actions = [ActionItem(number: 1, itemKey: 1, text: sentence(6), owner: .opd("OPD\(rng.next(upTo: 12))"), due: nil)]
                        files.append(ArchiveBundle.MeetingFile(meeting: m, versions: []))
                    }
                    build += try await RapatBench.seconds { try await store.importBundle(ArchiveBundle(people: [], series: [], meetings: files)) }
                    built += chunk
                }
                if !reuse {
                    print(String(format: "archive of %d meetings' minutes built in %.1f s (%.0f meetings/s)", built, build, Double(built) / build))
                }
                for window in windows.split(separator: ",").compactMap({ Int($0) }) {
                    print("query (rank window \(window == 0 ? "all" : String(window)))".padding(toLength: 38, withPad: " ", startingAt: 0)
                          + "    hits   p50 ms   p95 ms")
                    for text in RapatBench.searchQueries {
                        var times: [Double] = []
                        var hits = 0
                        let query = SearchQuery(text, limit: 20, rankWindow: window == 0 ? Int(Int32.max) : window)
                        for _ in 0..<repeats {
                            times.append(try await RapatBench.seconds { hits = try await store.search(query).count } * 1000)
                        }
                        times.sort()
                        print(text.padding(toLength: 38, withPad: " ", startingAt: 0)
                              + String(format: "  %6d  %7.2f  %7.2f", hits, RapatBench.percentile(times, 50), RapatBench.percentile(times, 95)))
                    }
                }
                fflush(nil)
            }
            print(String(format: "peak memory %.0f MiB", RapatBench.peakMiB()))
        }
    }

    /// An archive to measure: a new SQLite file in a temporary folder, or the store a URL names (PostgreSQL).
    static func openStore(_ url: String?, name: String) async throws -> (any MeetingStore, cleanup: () -> Void) {
        if let url { return (try await StoreLocation.parse(url).open(), {}) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-bench-\(name)-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (try SQLiteStore(path: dir.appendingPathComponent("bench.db").path), { try? FileManager.default.removeItem(at: dir) })
    }

    /// The queries of the search case (and of the PostgreSQL peer in bench/compare.sh).
    static let searchQueries = ["penyerapan", "serapan anggaran", "vaksinasi", "\"rumah sakit\"", "pendapat*", "vaksinasi OR banjir", "pajak -retribusi"]

    static func percentile(_ sorted: [Double], _ p: Int) -> Double { sorted[min(sorted.count - 1, sorted.count * p / 100)] }

    struct Conflict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "conflict",
            abstract: "Grow an archive to each size and time the double-booking check of new plans (p50/p99).")
        @Option(help: "Archive sizes in meetings, ascending, comma-separated.") var sizes = "1000,10000,100000,1000000"
        @Option(help: "Plans checked at each size, of each kind.") var probes = 300
        @Option(help: "A PostgreSQL URL instead of a new SQLite file (the database must be empty).") var store: String?

        func run() async throws {
            let targets = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let (store, cleanup) = try await RapatBench.openStore(store, name: "conflict")
            defer { cleanup() }
            let people = try RapatBench.meetings(0..<1).1
            let nips = RapatBench.nips
            try await store.importBundle(ArchiveBundle(people: Array(people.values), series: [], meetings: []))
            var built = 0, buildSeconds = 0.0
            var rng = SampleRandom(seed: 11)
            var usedDays: Set<Int> = []
            var accepted: [Int: Int] = [:]  // accepted probes per year: the store numbered them after that year's meetings
            print("meetings   build/s   clash p50 ms   clash p99 ms   free p50 ms   free p99 ms   peak MiB")
            for target in targets where target > built {
                while built < target {
                    let chunk = min(20_000, target - built)
                    // A year's later meetings come after the numbers the store gave the probes accepted in that year.
                    let files = try RapatBench.meetings(built..<built + chunk).0.map { m in
                        var m = m
                        m.id = MeetingID(year: m.id.year, serial: m.id.serial + accepted[m.id.year, default: 0])
                        return ArchiveBundle.MeetingFile(meeting: m, versions: [])
                    }
                    buildSeconds += try await RapatBench.seconds {
                        try await store.importBundle(ArchiveBundle(people: [], series: [], meetings: files))
                    }
                    built += chunk
                }
                var clash: [Double] = [], free: [Double] = []
                for _ in 0..<probes {
                    // A plan overlapping a random existing meeting of its chair: refused as a double booking.
                    let j = rng.next(upTo: built)
                    let chair = RapatBench.meetingChair(j, nips)
                    let start = RapatBench.start(j).addingTimeInterval(900)
                    let plan = try Meeting(id: MeetingID.unnumbered, title: "Rapat susulan", chair: chair, participants: [],
                                           start: start, end: start.addingTimeInterval(1800))
                    var refused = false
                    clash.append(try await RapatBench.seconds {
                        do { _ = try await store.createMeeting(plan) } catch let e as PlanningError {
                            guard case .doubleBooked = e else { throw e }
                            refused = true
                        }
                    } * 1000)
                    guard refused else { throw ValidationError("a plan over meeting \(j) was not refused as a double booking") }
                    // A plan in a free afternoon slot of a random day: checked and stored (one per day).
                    guard usedDays.count < built / 12 else { continue }
                    var day = rng.next(upTo: built / 6)
                    while usedDays.contains(day) { day = (day + 1) % max(1, built / 6) }
                    usedDays.insert(day)
                    let afternoon = RapatBench.start(day * 6).addingTimeInterval(6 * 3600)
                    let ok = try Meeting(id: MeetingID.unnumbered, title: "Rapat sore", chair: RapatBench.meetingChair(day * 6, nips),
                                         participants: [], start: afternoon, end: afternoon.addingTimeInterval(1800))
                    free.append(try await RapatBench.seconds { _ = try await store.createMeeting(ok) } * 1000)
                    accepted[CivilDate(afternoon, in: Zone.jakarta).year, default: 0] += 1
                }
                clash.sort()
                free.sort()
                print(String(format: "%8d  %8.0f  %13.3f  %13.3f  %12.3f  %12.3f  %9.0f", built, Double(built) / buildSeconds,
                             RapatBench.percentile(clash, 50), RapatBench.percentile(clash, 99),
                             RapatBench.percentile(free, 50), RapatBench.percentile(free, 99), RapatBench.peakMiB()))
                fflush(nil)  // each size as soon as it is measured: the 1M archive takes minutes to build
            }
        }
    }

    /// The 12 people of the synthetic meetings, in the order their indexes use.
    static let nips: [PersonID] = (0..<12).map { i in try! PersonID(String(format: "19700101199503%d%03d", 1 + i % 2, i)) }

    /// Writes bytes to a new file with plain open/write/close (Foundation's `Data.write` costs more than
    /// writing and validating the document).
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ValidationError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    /// Chair of the i-th synthetic meeting.
    static func meetingChair(_ i: Int, _ nips: [PersonID]) -> PersonID { nips[i % 12] }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import an .ics file into a new archive as `rapat import ics` does (streaming, one transaction).")
        @Argument var file: String
        @Option(help: "A PostgreSQL URL instead of a new SQLite file.") var store: String?
        @Option(help: "Create the SQLite archive at this path and keep it (e.g. to time `rapat export ics` on it).") var keep: String?
        @Flag(help: "Roll back at the end (`--dry-run`).") var dryRun = false
        @Flag(help: "All or nothing, as `rapat import ics --strict` (default: event by event, as `rapat import ics`).") var strict = false

        func run() async throws {
            let store: any MeetingStore
            var cleanup: () -> Void = {}
            if let keep {
                store = try SQLiteStore(path: keep)
            } else {
                let opened = try await RapatBench.openStore(self.store, name: "import")
                store = opened.0
                cleanup = opened.cleanup
            }
            defer { cleanup() }
            let people = try RapatBench.meetings(0..<1).1
            try await store.importBundle(ArchiveBundle(people: Array(people.values), series: [], meetings: []))
            // The application layer's import, as `rapat import ics` runs it (text checks, read-ahead, one transaction).
            let calendars = Calendars(store: store, principal: .console)
            var summary = ImportSummary()
            let seconds = try await RapatBench.seconds {
                summary = try await calendars.importFiles([file], chair: nil, dryRun: dryRun, strict: strict).summary
            }
            if ProcessInfo.processInfo.environment["RAPAT_SQLPROFILE"] != nil { FileHandle.standardError.write(Data((SQLProfile.report() + "\n").utf8)) }
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            print(String(format: "import into the archive     %7d  %10.3f  %10.0f  %9.1f  %5.1f", summary.created.count, seconds,
                         Double(summary.created.count) / seconds, RapatBench.peakMiB(), Double(size) / 1e6))
        }
    }

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    struct XML: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "xml", abstract: "Write and XSD-validate N XML minutes (libxml2).")
        @Option var minutes = 10_000
        @Option(help: "Also write each file into this folder (for `xmllint --schema` on the same files).") var out: String?

        func run() throws {
            let (meetings, people) = try RapatBench.meetings(minutes)
            let schema = try MinutesXML.schema()
            let writer = MinutesXML(people: people)
            var bytes = 0
            if let out { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
            // Documents are made and validated in memory (what is timed), then each written out in its own
            // file for xmllint; file creation is the file system's cost and is reported apart.
            var fileSeconds = 0.0
            let seconds = try RapatBench.seconds {
                for m in meetings {
                    let xml = try writer.write(m, seal: nil, schema: schema)
                    bytes += xml.count
                    if let out {
                        let start = DispatchTime.now().uptimeNanoseconds
                        try RapatBench.writeFile("\(out)/\(m.id).xml", xml)
                        fileSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    }
                }
            } - fileSeconds
            print(String(format: "XML minutes written + validated: %d in %.2f s = %.0f/s (%.1f MB), peak %.0f MiB; files written in %.2f s",
                         minutes, seconds, Double(minutes) / seconds, Double(bytes) / 1e6, RapatBench.peakMiB(), fileSeconds))
        }
    }

    struct ICSWrite: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ics-write", abstract: "Serialize N events to a file (streaming).")
        @Option var events = 100_000
        @Option var runs = 3
        @Option var out: String

        func run() throws {
            let (meetings, people) = try RapatBench.meetings(events)
            let export = ICalExport(options: CalendarOptions(people: people, stamp: Date(timeIntervalSince1970: 1_607_040_000)), archiveID: "bench")
            var best = Double.infinity
            var size = 0
            for _ in 0..<runs {
                _ = FileManager.default.createFile(atPath: out, contents: nil)
                let handle = FileHandle(forWritingAtPath: out)!
                size = 0
                best = min(best, try RapatBench.seconds {
                    try export.feed(name: "bench", meetings: meetings) { bytes in
                        size += bytes.count
                        try handle.write(contentsOf: bytes)
                    }
                })
                try handle.close()
            }
            print(String(format: "serialize (feed, to file)   %7d  %10.3f  %10.0f  %9.1f  %5.1f", events, best, Double(events) / best, RapatBench.peakMiB(), Double(size) / 1e6))
        }
    }

    struct ICSRead: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ics-read", abstract: "Parse a calendar file in 1 MiB chunks.")
        @Argument var file: String
        @Option var runs = 3
        @Flag(help: "Also turn every event into a meeting (as import does).") var convert = false

        func run() throws {
            var best = Double.infinity
            var count = 0
            let people = try RapatBench.meetings(1).1
            let importer = ICalImport(people: people)
            for _ in 0..<runs {
                count = 0
                best = min(best, try RapatBench.seconds {
                    if convert {
                        let reader = ICalImportReader(importer: importer, files: [file])
                        while let events = try reader.next() { count += events.count }
                        return
                    }
                    let handle = FileHandle(forReadingAtPath: file)!
                    defer { try? handle.close() }
                    var parser = ICalParser(source: file)
                    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                        try parser.feed(chunk) { if $0.name == "VEVENT" { count += 1 } }
                    }
                    try parser.finish { if $0.name == "VEVENT" { count += 1 } }
                })
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            print(String(format: "%@  %7d  %10.3f  %10.0f  %9.1f  %5.1f", convert ? "parse + convert (streaming) " : "parse (streaming, 1 MiB)   ",
                         count, best, Double(count) / best, RapatBench.peakMiB(), Double(size) / 1e6))
        }
    }
}
