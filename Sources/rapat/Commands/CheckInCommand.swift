import ArgumentParser
import Foundation
import RapatCore
import RapatService

struct CheckInCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin", abstract: "Record a participant's attendance; lateness counts from the actual start.")
    @OptionGroup var global: GlobalOptions
    @Argument(transform: Typed.meetingID) var id: MeetingID
    @Argument(help: "NIP of the participant.", transform: Typed.nip) var nip: PersonID
    @Option(name: .customLong("as"), help: "hadir, daring, diwakili, izin, sakit, dinas-luar or tanpa-keterangan.")
    var category: AttendanceCategory = .hadir
    @Option(help: "Representative, for diwakili.") var by: String?
    @Option(help: "Remark, e.g. the reason for izin.") var note: String?
    @OptionGroup var when: AtOption

    func run() async throws {
        let nip = nip
        let (m, a) = try await global.services().room.checkIn(id, nip, as: category, at: when.at, representative: by, note: note)
        var line = "\(m.id) NIP \(nip): \(a.category.label(global.lang))"
        if let late = a.lateMinutes { line += late > 0 ? ", " + global.t("terlambat", "late") + " \(global.text.minutes(late))" : global.t(", tepat waktu", ", on time") }
        print(line)
    }
}
