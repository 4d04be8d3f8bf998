import Foundation
import Hummingbird
import RapatCore
@testable import RapatServer
import RapatService
import RapatStore
import Testing

/// Ruang rapat on the web: the secretariat runs the meeting, an invited participant checks in once, everybody
/// else is refused; refusals come back on the room with their reason.
@Suite struct RoomWebTests {
    typealias Browser = WebTests.Browser
    static let room = "/rapat/RP-2020-0001/ruang"

    @Test func theSecretariatStartsLateWithAReasonMovesOnAndEnds() async throws {
        let store = try await WebTests.sqlite()
        try await WebTests.app(store).test(.router) { client in
            let b = Browser()
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            let page = try await b.request(client, .get, Self.room)
            #expect(page.status == .ok && page.body.contains("id=\"dialog-alasan\"") && page.body.contains("Mulai rapat"))
            #expect(page.body.contains("id=\"langsung\"") && page.body.contains("data-events=\"/rapat/RP-2020-0001/ruang/langsung\""))
            let token = Browser.csrf(page.body)
            // Years after its time: without a reason the start is refused, on the room, with the question open.
            let refused = try await b.request(client, .post, Self.room + "/mulai", form: ["_csrf": token, "alasan": "  "])
            #expect(refused.status == .conflict && refused.body.contains("id=\"galat-ruang\"") && refused.body.contains("alasan"))
            #expect(refused.body.contains("<dialog id=\"dialog-alasan\" aria-labelledby=\"h-alasan\" open>") && refused.body.contains(" required>"))
            #expect(try await store.meeting(MeetingID("RP-2020-0001")).status == .scheduled)
            let started = try await b.request(client, .post, Self.room + "/mulai", form: ["_csrf": token, "alasan": "Menunggu sambungan video"])
            #expect(started.status == .seeOther && started.headers[.location] == Self.room)
            var m = try await store.meeting(MeetingID("RP-2020-0001"))
            #expect(m.status == .started && m.lateStartReason == "Menunggu sambungan video")
            #expect(try await b.request(client, .post, Self.room + "/berikutnya", form: ["_csrf": token]).status == .seeOther)
            let running = try await b.request(client, .get, Self.room)
            #expect(running.body.contains("id=\"hitung-mundur\"") && running.body.contains("1. Evaluasi penyerapan anggaran"))
            #expect(running.body.contains("Menunggu sambungan video"))
            // Attendance recorded by the secretariat: izin with its reason.
            let izin = try await b.request(client, .post, Self.room + "/kehadiran",
                                           form: ["_csrf": token, "nip": WebTests.kadinkes.key, "kategori": "izin", "catatan": "Cuti"])
            #expect(izin.status == .seeOther)
            #expect(try await b.request(client, .get, Self.room).body.contains("izin: Cuti"))
            #expect(try await b.request(client, .post, Self.room + "/selesai", form: ["_csrf": token]).status == .seeOther)
            m = try await store.meeting(MeetingID("RP-2020-0001"))
            #expect(m.status == .ended && m.agenda[0].actualEnd != nil)
            // An ended meeting offers no controls; a second end is refused with its reason.
            let ended = try await b.request(client, .get, Self.room)
            #expect(!ended.body.contains("id=\"form-mulai\"") && !ended.body.contains("id=\"form-selesai\""))
            #expect(try await b.request(client, .post, Self.room + "/selesai", form: ["_csrf": token]).status == .conflict)
        }
    }

    /// A meeting of the Governor and Kepala Dinkes due five minutes ago, written as a record (the planning rules
    /// would refuse a test run at night), and started.
    static func meetingNow(_ store: any MeetingStore) async throws -> MeetingID {
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 300)
        let id = MeetingID(year: CivilDate(start, in: Zone.jakarta).year, serial: 9001)
        let m = try Meeting(id: id, title: "Rapat Pimpinan Virtual", chair: WebTests.governor, participants: [WebTests.kadinkes], start: start,
                            end: start.addingTimeInterval(3600), agenda: [try AgendaItem(key: 1, title: "Evaluasi", boxMinutes: 30)])
        try await store.importBundle(ArchiveBundle(people: [], series: [], meetings: [.init(meeting: m, versions: [])]))
        _ = try await Services(store: store, principal: .console).room.start(id, at: nil, reason: "uji")
        return id
    }

    @Test func anInvitedParticipantChecksInOnceAndOthersAreRefused() async throws {
        let store = try await WebTests.sqlite()
        let id = try await Self.meetingNow(store)
        let room = "/rapat/\(id)/ruang"
        try await WebTests.app(store).test(.router) { client in
            let p = Browser()
            #expect(try await p.signIn(client, "kadinkes") == .seeOther)
            let page = try await p.request(client, .get, room)
            #expect(page.status == .ok && page.body.contains("id=\"hadir-daring\"") && !page.body.contains("id=\"form-mulai\""))
            let token = Browser.csrf(page.body)
            // A participant neither starts nor ends, nor records anyone else.
            #expect(try await p.request(client, .post, room + "/selesai", form: ["_csrf": token]).status == .forbidden)
            #expect(try await p.request(client, .post, room + "/kehadiran",
                                        form: ["_csrf": token, "nip": WebTests.governor.key, "kategori": "hadir"]).status == .forbidden)
            // Only hadir or daring, for themselves.
            #expect(try await p.request(client, .post, room + "/hadir", form: ["_csrf": token, "kategori": "sakit"]).status == .badRequest)
            #expect(try await p.request(client, .post, room + "/hadir", form: ["_csrf": token, "kategori": "daring"]).status == .seeOther)
            let after = try await p.request(client, .get, room)
            #expect(after.body.contains("id=\"kehadiran-saya\"") && !after.body.contains("id=\"hadir-daring\""))
            // Once: a recorded attendance is not rewritten by the participant.
            let again = try await p.request(client, .post, room + "/hadir", form: ["_csrf": token, "kategori": "hadir"])
            #expect(again.status == .conflict && again.body.contains("id=\"galat-ruang\""))
            #expect(try await store.meeting(id).attendance.first { $0.nip == WebTests.kadinkes }?.category == .daring)
            // Without the form's token, nothing is recorded.
            #expect(try await p.request(client, .post, room + "/hadir", form: ["kategori": "hadir"]).status == .forbidden)

            // Someone not invited, an archivist (unapproved minutes) and nobody signed in see nothing of it.
            let stranger = Browser()
            #expect(try await stranger.signIn(client, "kabpkad") == .seeOther)
            #expect(try await stranger.request(client, .get, room).status == .forbidden)
            #expect(try await stranger.request(client, .get, room + "/langsung").status == .forbidden)
            let strangerToken = Browser.csrf(try await stranger.request(client, .get, "/rapat").body)
            #expect(try await stranger.request(client, .post, room + "/hadir", form: ["_csrf": strangerToken, "kategori": "hadir"]).status == .forbidden)
            let archivist = Browser()
            #expect(try await archivist.signIn(client, "arsiparis") == .seeOther)
            #expect(try await archivist.request(client, .get, room).status == .forbidden)
            #expect(try await Browser().request(client, .get, room + "/langsung").status == .unauthorized)
            #expect(try await Browser().request(client, .get, "/rapat/RP-2020-9999/ruang").status == .seeOther)
            #expect(try await p.request(client, .get, "/rapat/RP-2020-9999/ruang").status == .notFound)
        }
    }
}
