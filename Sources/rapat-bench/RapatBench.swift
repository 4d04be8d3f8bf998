import ArgumentParser
import Foundation
import RapatCalendar
import RapatCore

/// Benchmarks of Rapat's hot paths; build with `-c release`. Each case runs in its own process so its
/// peak memory is its own.
@main
struct RapatBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapat-bench", abstract: "Measure Rapat: prints figures, asserts nothing.",
        subcommands: [ICS.self, ICSWrite.self, ICSRead.self], defaultSubcommand: ICS.self)

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
