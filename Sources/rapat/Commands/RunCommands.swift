import ArgumentParser
import Foundation
import RapatCore
import RapatService

/// `--at` for steps recorded now or, by the notulis, afterwards.
struct AtOption: ParsableArguments {
    @Option(help: "When it happened: 'YYYY-MM-DD HH:MM', or HH:MM on the meeting's day, in its zone (default: now).")
    var at: String?

}

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start a meeting; a late start needs --reason, an early one is refused.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @OptionGroup var when: AtOption
    @Option(help: "Why the meeting starts late.") var reason: String?

    func run() async throws {
        let m = try await global.services().room.start(try Parse.meetingID(id), at: when.at, reason: reason)
        var line = "\(m.id) " + global.t("dimulai", "started") + " \(global.text.time(m.actualStart!, zone: m.zone))"
        if let d = m.startDelayMinutes, d > 0 { line += ", " + global.t("terlambat", "late") + " \(global.text.minutes(d))" }
        else { line += global.t(", tepat waktu", ", on time") }
        print(line)
    }
}

struct CheckInCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin", abstract: "Record a participant's attendance; lateness counts from the actual start.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @Argument(help: "NIP of the participant.") var nip: String
    @Option(name: .customLong("as"), help: "hadir, daring, diwakili, izin, sakit, dinas-luar or tanpa-keterangan.")
    var category = "hadir"
    @Option(help: "Representative, for diwakili.") var by: String?
    @Option(help: "Remark, e.g. the reason for izin.") var note: String?
    @OptionGroup var when: AtOption

    func run() async throws {
        let nip = try Parse.nip(nip)
        let category = try AttendanceCategory.parse(category)
        let (m, a) = try await global.services().room.checkIn(try Parse.meetingID(id), nip, as: category, at: when.at, representative: by, note: note)
        var line = "\(m.id) NIP \(nip): \(a.category.label(global.lang))"
        if let late = a.lateMinutes { line += late > 0 ? ", " + global.t("terlambat", "late") + " \(global.text.minutes(late))" : global.t(", tepat waktu", ", on time") }
        print(line)
    }
}

struct NextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next", abstract: "Close the running agenda item and open the next one.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @OptionGroup var when: AtOption

    func run() async throws {
        let (before, m) = try await global.services().room.next(try Parse.meetingID(id), at: when.at)
        if let closed = before.runningItem {
            let item = m.agenda[closed]
            var line = global.t("Selesai", "Closed") + " #\(closed + 1) \(item.title): \(global.text.minutes(item.actualMinutes ?? 0))"
            if let over = item.overrunMinutes, over > 0 { line += " — " + global.t("LEBIH", "OVERRUN") + " \(global.text.minutes(over))" }
            print(line)
        }
        if let running = m.runningItem {
            print(global.t("Mulai", "Now") + " #\(running + 1) \(m.agenda[running].title) (\(global.text.minutes(m.agenda[running].boxMinutes)))")
        } else {
            print(global.t("Semua acara selesai; tutup dengan 'rapat end \(m.id)'", "All items done; close with 'rapat end \(m.id)'"))
        }
    }
}

struct EndCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end", abstract: "End the meeting; whoever never checked in is recorded as tanpa keterangan.")
    @OptionGroup var global: GlobalOptions
    @Argument var id: String
    @OptionGroup var when: AtOption

    func run() async throws {
        let m = try await global.services().room.end(try Parse.meetingID(id), at: when.at)
        print("\(m.id) " + global.t("selesai", "ended") + " \(global.text.time(m.actualEnd!, zone: m.zone)); "
              + global.t("acara lebih waktu", "items overrun") + ": \(m.overrunItems.count) (\(global.text.minutes(m.totalOverrunMinutes)))")
    }
}
