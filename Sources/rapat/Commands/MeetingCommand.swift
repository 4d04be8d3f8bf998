import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Plan, change, cancel, list and show meetings.",
        subcommands: [Create.self, Update.self, Cancel.self, List.self, Show.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a meeting (or a series with --repeat); refused when it cannot work.",
            discussion: """
                Example: rapat meeting create --title "Rapat Pimpinan Desember 2020" --chair 196305151990031010 \
                --participant 197001011995031001 --start "2020-12-16 09:00" --end 11:00 \
                --link https://zoom.us/j/123 --item "Evaluasi penyerapan anggaran|BPKAD|60"
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Title.") var title: String
        @Option(help: "Kind of meeting.") var kind = "rapat pimpinan"
        @Option(help: "NIP of the chair (pimpinan rapat).") var chair: String
        @Option(help: "NIP of the minute-taker.") var notulis: String?
        @Option(name: .customLong("participant"), help: "NIP of a participant (repeat, or separate with commas).")
        var participants: [String] = []
        @Option(help: "Start, 'YYYY-MM-DD HH:MM' in --zone or ISO 8601 with offset.") var start: String
        @Option(help: "End, a full time or HH:MM on the start day.") var end: String?
        @Option(help: "Length in minutes, instead of --end.") var minutes: Int?
        @Option(help: "Time zone: IANA name or WIB/WITA/WIT.") var zone: String?
        @Option(help: "Virtual meeting link.") var link: String?
        @Option(help: "Room, for a hybrid meeting.") var location: String?
        @Option(name: .customLong("item"), help: "Agenda item 'title|presenter|minutes' or 'title|minutes', with '|tetap' after a standing item (repeat).")
        var items: [String] = []
        @Option(name: .customLong("repeat"), help: "Recurrence, e.g. FREQ=MONTHLY;BYDAY=3WE;COUNT=6 or FREQ=WEEKLY;BYDAY=MO;UNTIL=20201231.")
        var rule: String?
        @Option(name: .customLong("except"), help: "Date a series skips, YYYY-MM-DD (repeat).") var exceptions: [String] = []
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if end == nil && minutes == nil { throw ValidationError("give --end or --minutes") }
            if end != nil && minutes != nil { throw ValidationError("give either --end or --minutes, not both") }
            if rule == nil && !exceptions.isEmpty { throw ValidationError("--except only applies with --repeat") }
        }

        func run() async throws {
            let request = PlanRequest(title: title, kind: kind, chair: chair, notulis: notulis, participants: participants, start: start, end: end,
                                      minutes: minutes, timeZone: zone, link: link, location: location,
                                      agenda: try items.map { try PlanRequest.Item(parsing: $0) }, repeat: rule, except: exceptions)
            let created = try await global.services().planning.plan(request)
            if output.json { return try JSON.print(created) }
            for m in created {
                print("\(m.id)  \(global.text.dateTime(m.start, zone: m.zone))  \(m.title)")
            }
            if let s = created.first?.seriesID {
                print(global.t("Seri", "Series") + " \(s): \(created.count) " + global.t("rapat", "meetings"))
                if let horizon = try await global.services().planning.series(s).series.horizon, let zone = created.first?.zone {
                    print(global.t("Aturannya berlanjut: rapat setelah \(global.text.date(CivilDate(horizon, in: zone))) ditambahkan saat kalender mencapainya.",
                                   "The rule goes on: meetings after \(global.text.date(CivilDate(horizon, in: zone))) are added as the calendar reaches them."))
                }
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a scheduled meeting; participants see a new sequence number.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Meeting id, e.g. RP-2020-0012.", transform: Typed.meetingID) var id: MeetingID
        @Option var title: String?
        @Option var kind: String?
        @Option(help: "New start; the length is kept unless --end or --minutes is given.") var start: String?
        @Option var end: String?
        @Option var minutes: Int?
        @Option(help: "Time zone the meeting is planned in.") var zone: String?
        @Option var link: String?
        @Option var location: String?
        @Option(transform: Typed.nip) var chair: PersonID?
        @Option(transform: Typed.nip) var notulis: PersonID?
        @Option(name: .customLong("add-participant"), transform: Typed.nip) var add: [PersonID] = []
        @Option(name: .customLong("remove-participant"), transform: Typed.nip) var remove: [PersonID] = []

        func run() async throws {
            var change = MeetingChange()
            (change.title, change.kind, change.start, change.end, change.minutes) = (title, kind, start, end, minutes)
            (change.timeZone, change.link, change.location) = (zone, link, location)
            change.chair = chair
            change.notulis = notulis
            change.addParticipants = add
            change.removeParticipants = remove
            let m = try await global.services().planning.update(id, change)
            print("\(m.id) " + global.t("diperbarui, urutan", "updated, sequence") + " \(m.sequence): \(global.text.dateTime(m.start, zone: m.zone))  \(m.title)")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a meeting that has not started.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID
        @Option(help: "Why it is cancelled (shown to participants).") var reason: String?
        @Option(help: "Also write the iCalendar cancellation (METHOD:CANCEL) to this file.") var ics: String?

        func run() async throws {
            let services = try await global.services()
            let m = try await services.planning.cancel(id, reason: reason)
            print("\(m.id) " + global.t("dibatalkan", "cancelled") + " (" + global.t("urutan", "sequence") + " \(m.sequence))")
            if let ics {
                let output = try Output(path: ics)
                try output.write(try await services.calendars.invitation(m.id))
                try output.close()
                print(global.t("Pembatalan iCalendar ditulis ke ", "iCalendar cancellation written to ") + ics)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List meetings by date, participant, OPD or status.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var period: PeriodOptions
        @Option(help: "NIP of a participant.", transform: Typed.nip) var participant: PersonID?
        @Option(help: "Meetings with someone from this OPD.") var opd: String?
        @Option(help: "scheduled, started, ended or cancelled.") var status: MeetingStatus?
        @Option(help: "Series id, e.g. SR-2020-001.") var series: String?
        @Option(help: "Time zone to show times in.", transform: Typed.zone) var zone: TimeZone = Zone.jakarta

        func run() async throws {
            var filter = try period.filter(in: zone)
            (filter.participant, filter.opd, filter.status, filter.seriesID) = (participant, opd, status, series)
            let meetings = try await global.services().archive.meetings(filter)
            if output.json { return try JSON.print(meetings) }
            var table = Table([global.t("ID", "ID"), global.t("Waktu", "Time"), global.t("Status", "Status"),
                               global.t("Peserta", "People"), global.t("Judul", "Title")], rightAligned: [3])
            for m in meetings {
                // An all-day event is its day(s), in its own zone.
                let when = m.isAllDay ? CivilDate(m.start, in: m.zone).description + global.t(" sepanjang hari", " all day")
                    : global.text.compact(m.start, zone: zone) + " " + Zone.abbreviation(zone, at: m.start)
                table.add([m.id.description, when,
                           Labels.status(m.status, global), String(m.everyone.count), m.title])
            }
            print(table.render())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a meeting with its people, agenda and minutes.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID

        func run() async throws {
            let services = try await global.services()
            let m = try await services.archive.meeting(id)
            if output.json { return try JSON.print(m) }
            print(MeetingText(global: global, people: try await services.planning.people().byID).full(m))
        }
    }
}
