import ArgumentParser
import Foundation
import RapatCore
import RapatService

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start a meeting; a late start needs --reason, an early one is refused.")
    @OptionGroup var global: GlobalOptions
    @Argument(transform: Typed.meetingID) var id: MeetingID
    @OptionGroup var when: AtOption
    @Option(help: "Why the meeting starts late.") var reason: String?

    func run() async throws {
        let m = try await global.services().room.start(id, at: when.at, reason: reason)
        var line = "\(m.id) " + global.t("dimulai", "started") + " \(global.text.time(m.actualStart!, zone: m.zone))"
        if let d = m.startDelayMinutes, d > 0 { line += ", " + global.t("terlambat", "late") + " \(global.text.minutes(d))" }
        else { line += global.t(", tepat waktu", ", on time") }
        print(line)
    }
}
