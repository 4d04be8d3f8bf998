import ArgumentParser
import Foundation
import RapatCore
import RapatService

struct EndCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end", abstract: "End the meeting; whoever never checked in is recorded as tanpa keterangan.")
    @OptionGroup var global: GlobalOptions
    @Argument(transform: Typed.meetingID) var id: MeetingID
    @OptionGroup var when: AtOption

    func run() async throws {
        let m = try await global.services().room.end(id, at: when.at)
        print("\(m.id) " + global.t("selesai", "ended") + " \(global.text.time(m.actualEnd!, zone: m.zone)); "
              + global.t("acara lebih waktu", "items overrun") + ": \(m.overrunItems.count) (\(global.text.minutes(m.totalOverrunMinutes)))")
    }
}
