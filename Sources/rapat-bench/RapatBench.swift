import ArgumentParser
import Foundation
import RapatCalendar
import RapatCore
import RapatMinutes
import RapatSamples
import RapatStore

/// Benchmarks of Rapat's hot paths; build with `-c release`. Each case runs in its own process so its
/// peak memory is its own.
@main
struct RapatBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapat-bench", abstract: "Measure Rapat: prints figures, asserts nothing.",
        subcommands: [ICS.self, ICSWrite.self, ICSRead.self, Search.self, XML.self], defaultSubcommand: ICS.self)

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

    /// Synthetic meetings: Indonesian titles, 12 people, two agenda items, spread over working days.
    static func meetings(_ n: Int) throws -> ([Meeting], [NIP: Person]) {
        var people: [NIP: Person] = [:]
        var nips: [NIP] = []
        for i in 0..<12 {
            let nip = try NIP(String(format: "19700101199503%d%03d", 1 + i % 2, i))
            people[nip] = try Person(nip: nip, name: "Kepala OPD \(i) — “Dinas” é", jabatan: "Kepala", opd: "OPD\(i)", email: "kepala\(i)@bantenprov.go.id")
            nips.append(nip)
        }
        var result: [Meeting] = []
        result.reserveCapacity(n)
        let base = try CivilDate("2020-01-06").at(hour: 8, minute: 0, in: Zone.jakarta)
        for i in 0..<n {
            let start = base.addingTimeInterval(TimeInterval((i / 6) * 86400 + (i % 6) * 3600))
            var m = try Meeting(id: MeetingID(year: 2020, serial: i + 1), title: "Rapat koordinasi ke-\(i): evaluasi penyerapan anggaran, tindak lanjut; “percepatan”",
                                chair: nips[i % 12], participants: [nips[(i + 1) % 12], nips[(i + 2) % 12], nips[(i + 3) % 12]],
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
            commandName: "search", abstract: "Build an archive of N meetings' minutes in SQLite, then time searches (p50/p95).")
        @Option var meetings = 100_000
        @Option(help: "Searches per query kind.") var repeats = 50

        func run() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-bench-search-\(getpid())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let store = try SQLiteStore(path: dir.appendingPathComponent("bench.db").path)
            let (generated, people) = try RapatBench.meetings(meetings)
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
            var files: [ArchiveBundle.MeetingFile] = []
            files.reserveCapacity(meetings)
            for var m in generated {
                m.status = .ended
                m.minutes.notes = [DiscussionNote(itemKey: 1, text: sentence(25)), DiscussionNote(itemKey: 2, text: sentence(15))]
                m.minutes.decisions = [Decision(number: 1, itemKey: 1, text: sentence(10))]
                m.minutes.actions = [ActionItem(number: 1, itemKey: 1, text: sentence(6), owner: .opd("OPD\(rng.next(upTo: 12))"), due: nil)]
                files.append(ArchiveBundle.MeetingFile(meeting: m, versions: []))
            }
            let build = try await RapatBench.seconds {
                try await store.importBundle(ArchiveBundle(people: Array(people.values), series: [], meetings: files))
            }
            print(String(format: "archive of %d meetings' minutes built in %.1f s (%.0f meetings/s)", meetings, build, Double(meetings) / build))
            print("query                                   hits   p50 ms   p95 ms")
            for text in ["penyerapan", "serapan anggaran", "vaksinasi", "\"rumah sakit\"", "pendapat*", "vaksinasi OR banjir", "pajak -retribusi"] {
                var times: [Double] = []
                var hits = 0
                for _ in 0..<repeats {
                    times.append(try await RapatBench.seconds { hits = try await store.search(SearchQuery(text, limit: 20)).count } * 1000)
                }
                times.sort()
                print(text.padding(toLength: 38, withPad: " ", startingAt: 0)
                      + String(format: "  %4d  %7.2f  %7.2f", hits, times[times.count / 2], times[min(times.count - 1, times.count * 95 / 100)]))
            }
            print(String(format: "peak memory %.0f MiB", RapatBench.peakMiB()))
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

        func run() throws {
            let (meetings, people) = try RapatBench.meetings(minutes)
            let schema = try MinutesXML.schema()
            let writer = MinutesXML(people: people)
            var bytes = 0
            let seconds = try RapatBench.seconds {
                for m in meetings { bytes += try writer.write(m, digest: nil, schema: schema).count }
            }
            print(String(format: "XML minutes written + validated: %d in %.2f s = %.0f/s (%.1f MB), peak %.0f MiB",
                         minutes, seconds, Double(minutes) / seconds, Double(bytes) / 1e6, RapatBench.peakMiB()))
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
                FileManager.default.createFile(atPath: out, contents: nil)
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
                        count = try importer.events(from: Data(contentsOf: URL(fileURLWithPath: file)), source: file).count
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
            print(String(format: "%@  %7d  %10.3f  %10.0f  %9.1f  %5.1f", convert ? "parse + convert to meetings" : "parse (streaming, 1 MiB)   ",
                         count, best, Double(count) / best, RapatBench.peakMiB(), Double(size) / 1e6))
        }
    }
}
