import ArgumentParser
import Foundation
import RapatCore
import RapatService

struct NextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next", abstract: "Close the running agenda item and open the next one.")
    @OptionGroup var global: GlobalOptions
    @Argument(transform: Typed.meetingID) var id: MeetingID
    @OptionGroup var when: AtOption

    func run() async throws {
        let (before, m) = try await global.services().room.next(id, at: when.at)
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
