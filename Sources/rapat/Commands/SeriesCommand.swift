import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

struct SeriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series", abstract: "Recurring meetings: list, show, and prepare the next meeting from what the last one left.",
        subcommands: [List.self, Show.self, Next.self, Preview.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List series.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let all = try await global.services().planning.allSeries()
            if output.json { return try JSON.print(all.map(\.series)) }
            var table = Table([global.t("Seri", "Series"), global.t("Aturan", "Rule"), global.t("Rapat", "Meetings"), global.t("Judul", "Title")],
                              rightAligned: [2])
            for (s, count) in all { table.add([s.id, s.rule.description, String(count), s.title]) }
            print(table.render())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a series with its meetings.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument var id: String

        func run() async throws {
            let (series, meetings) = try await global.services().planning.series(id)
            if output.json {
                struct View: Encodable { var series: Series; var meetings: [Meeting] }
                return try JSON.print(View(series: series, meetings: meetings))
            }
            print("\(series.id)  \(series.title)\n" + global.t("Aturan", "Rule") + ": \(series.rule)\n")
            var table = Table(["ID", global.t("Waktu", "Time"), "Status", global.t("Agenda", "Agenda"), global.t("Lanjutan", "Carried"), global.t("Judul", "Title")],
                              rightAligned: [3, 4])
            for m in meetings {
                table.add([m.id.description, global.text.dateTime(m.start, zone: m.zone), Labels.status(m.status, global),
                           String(m.agenda.count), String(m.agenda.filter(\.isCarried).count), m.title])
            }
            print(table.render())
        }
    }

    struct Next: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prepare the next meeting's agenda: planned items, carried-over items and open action items.",
            discussion: "When the agenda no longer fits, the error lists every item: drop some with --drop N or shorten them with --box N=MIN.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Series id, e.g. SR-2020-001.") var id: String
        @Option(help: "Drop the item at this position of the prepared agenda (repeat).") var drop: [Int] = []
        @Option(help: "Set a time box, N=MIN, by position of the prepared agenda (repeat).", transform: Typed.box) var box: [(Int, Int)] = []
        @Option(help: "Minutes for the standing follow-up item.") var followUpBox = 15
        @Flag(help: "Show the prepared agenda without storing it.") var dryRun = false

        func run() async throws {
            let services = try await global.services()
            let prepared = try await services.planning.prepareNext(series: id, drop: Set(drop), boxes: Dictionary(box, uniquingKeysWith: { _, b in b }),
                                                                   followUpBoxMinutes: followUpBox, keep: !dryRun)
            let (result, previous) = (prepared.meeting, prepared.previous)
            print((dryRun ? global.t("Rancangan agenda", "Draft agenda") : global.t("Agenda disiapkan", "Agenda prepared")) + " \(result.id) "
                  + global.text.dateTime(result.start, zone: result.zone) + (previous.map { " (" + global.t("dari", "from") + " \($0))" } ?? ""))
            print(MeetingText(global: global, people: try await services.planning.people().byID).agendaTable(result, details: true))
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the occurrences of a recurrence rule (RFC 5545 RRULE) without planning anything.",
            discussion: """
                Example: rapat series preview --rule 'FREQ=MONTHLY;BYDAY=3WE' --start '2020-07-15 09:00' --limit 6. \
                With --batch, reads one JSON object per line from standard input ({"rule", "start": "YYYYMMDDTHHMMSS", \
                "zone", "limit", "through"}) and prints one line per object: the occurrences or the error.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The rule, e.g. FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10.") var rule: String?
        @Option(help: "The first meeting: 'YYYY-MM-DD HH:MM' or YYYYMMDDTHHMMSS, on the wall clock of --zone.") var start: String?
        @Option(help: "Time zone of the start (IANA name), default Asia/Jakarta.", transform: Typed.zone) var zone: TimeZone = Zone.jakarta
        @Option(help: "Show at most this many occurrences.") var limit = 20
        @Flag(help: "Read rules as JSON lines from standard input.") var batch = false

        func run() throws {
            if batch { return try runBatch() }
            guard let rule, let start else { throw ValidationError(global.t("beri --rule dan --start", "give --rule and --start")) }
            let parsed = try Typed.parse { try RecurrenceRule(parsing: rule) }
            guard let first = LocalDateTime(typed: start) else {
                throw ValidationError(global.t("--start bukan waktu 'YYYY-MM-DD HH:MM': \(start)", "--start is not a time 'YYYY-MM-DD HH:MM': \(start)"))
            }
            for t in parsed.expand(from: first, zone: zone).prefix(max(0, limit)) {
                print(global.text.dateTime(t.instant(in: zone), zone: zone))
            }
        }

        private func runBatch() throws {
            struct Request: Decodable { var rule: String; var start: String; var zone: String?; var limit: Int?; var through: String? }
            struct Answer: Encodable { var occurrences: [String]?; var error: String? }
            let encoder = JSONEncoder()
            while let line = readLine() {
                var answer = Answer()
                do {
                    let request = try JSONDecoder().decode(Request.self, from: Data(line.utf8))
                    let parsed = try RecurrenceRule(parsing: request.rule)
                    guard let first = LocalDateTime(ical: Substring(request.start)) else { throw ValidationError("bad start \(request.start)") }
                    let zone = try request.zone.map { try Zone.named($0) }
                    let through = request.through.flatMap { LocalDateTime(ical: Substring($0)) }
                    answer.occurrences = parsed.expand(from: first, zone: zone, through: through).prefix(request.limit ?? 100).map(\.description)
                } catch {
                    answer.error = "\(error)"
                }
                print(String(decoding: try encoder.encode(answer), as: UTF8.self))
            }
        }
    }
}

extension LocalDateTime {
    /// `YYYY-MM-DD HH:MM` as typed at the console, or the iCalendar form.
    init?(typed text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let v = LocalDateTime(ical: Substring(t)) { self = v; return }
        let parts = t.split(separator: " ")
        guard parts.count == 2, let day = try? CivilDate(String(parts[0])) else { return nil }
        let hm = parts[1].split(separator: ":")
        guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        self.init(day, secondOfDay: h * 3600 + m * 60)
    }
}
