import Foundation
import Hummingbird
import RapatCore
@testable import RapatServer
import RapatService
import RapatStore
import Testing

/// The notula editor on the web: who writes, who approves, read-only after approval, corrections as versions.
@Suite struct MinutesWebTests {
    typealias Browser = WebTests.Browser
    static let page = "/rapat/RP-2020-0001/notula"

    /// The test archive's meeting held on 16 December 2020, 09:07–10:50, and an app that seals with a registered key.
    static func held() async throws -> (any MeetingStore, Application<RouterResponder<RapatContext>>) {
        let store = try await WebTests.sqlite()
        let signer = SealSigner()
        try await store.registerSigningKey(try SigningKey(publicKeyPEM: signer.publicKeyPEM, office: "Setda Banten", registeredAt: Date()))
        let room = Services(store: store, principal: .console).room
        let id = try MeetingID("RP-2020-0001")
        _ = try await room.start(id, at: "2020-12-16 09:07", reason: "Gubernur dari bandara")
        _ = try await room.next(id, at: "09:07")
        _ = try await room.end(id, at: "10:50")
        return (store, Application(router: RapatAPI(store: store, signer: signer).router()))
    }

    @Test func theSecretariatWritesTheChairApprovesThenOnlyCorrectionsAsVersions() async throws {
        let (store, app) = try await Self.held()
        try await app.test(.router) { client in
            let b = Browser()
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            let editor = try await b.request(client, .get, Self.page)
            #expect(editor.status == .ok && editor.body.contains("id=\"form-catatan-1\"") && editor.body.contains("data-draft"))
            let token = Browser.csrf(editor.body)
            let note = try await b.request(client, .post, Self.page + "/catatan",
                                           form: ["_csrf": token, "acara": "1", "pembicara": "Kepala BPKAD", "isi": "Realisasi 71 % dari target 88 %."])
            #expect(note.status == .seeOther && note.headers[.location] == Self.page + "#acara-1")
            #expect(try await b.request(client, .post, Self.page + "/keputusan", form: ["_csrf": token, "acara": "1", "isi": "Percepat belanja modal."]).status == .seeOther)
            #expect(try await b.request(client, .post, Self.page + "/tugas",
                                        form: ["_csrf": token, "acara": "0", "pemilik": "Dinkes", "tenggat": "2020-12-31", "isi": "Laporan mingguan"]).status == .seeOther)
            // Refused with the reason on the page, the text typed kept: an empty note, an unknown item, a bad date.
            let empty = try await b.request(client, .post, Self.page + "/catatan", form: ["_csrf": token, "acara": "1", "isi": "  "])
            #expect(empty.status == .conflict && empty.body.contains("id=\"galat-notula\""))
            #expect(try await b.request(client, .post, Self.page + "/catatan", form: ["_csrf": token, "acara": "9", "isi": "x"]).status == .conflict)
            #expect(try await b.request(client, .post, Self.page + "/tugas",
                                        form: ["_csrf": token, "pemilik": "Dinkes", "tenggat": "31-12-2020", "isi": "x"]).status == .badRequest)
            // Control characters never reach the archive.
            let hostile = try await b.request(client, .post, Self.page + "/catatan", form: ["_csrf": token, "acara": "1", "isi": "rapat\u{0}\u{1B}[31m"])
            #expect(hostile.status == .badRequest && hostile.body.contains("id=\"galat-notula\""))
            let written = try await b.request(client, .get, Self.page)
            #expect(written.body.contains("<strong>Kepala BPKAD:</strong> Realisasi 71 % dari target 88 %.") && written.body.contains("Percepat belanja modal."))
            #expect(written.body.contains("Laporan mingguan") && written.body.contains("id=\"setujui\""))
            // An entry written by mistake is removed before approval; decisions are numbered again; a removal of
            // what the page no longer shows (changed meanwhile) removes nothing.
            #expect(try await b.request(client, .post, Self.page + "/keputusan", form: ["_csrf": token, "acara": "1", "isi": "Salah ketik"]).status == .seeOther)
            #expect(try await b.request(client, .post, Self.page + "/keputusan", form: ["_csrf": token, "acara": "1", "isi": "Rapat berikutnya 20 Januari."]).status == .seeOther)
            #expect(try await b.request(client, .post, Self.page + "/hapus",
                                        form: ["_csrf": token, "jenis": "keputusan", "nomor": "2", "isi": "Bukan ini"]).status == .conflict)
            #expect(try await b.request(client, .post, Self.page + "/hapus",
                                        form: ["_csrf": token, "jenis": "keputusan", "nomor": "2", "isi": "Salah ketik", "acara": "1"]).status == .seeOther)
            var draft = try await store.meeting(MeetingID("RP-2020-0001")).minutes
            #expect(draft.decisions.map(\.number) == [1, 2] && draft.decisions.map(\.text) == ["Percepat belanja modal.", "Rapat berikutnya 20 Januari."])
            #expect(try await b.request(client, .post, Self.page + "/hapus",
                                        form: ["_csrf": token, "jenis": "keputusan", "nomor": "2", "isi": "Rapat berikutnya 20 Januari."]).status == .seeOther)
            #expect(try await b.request(client, .post, Self.page + "/catatan", form: ["_csrf": token, "acara": "1", "isi": "Catatan keliru"]).status == .seeOther)
            #expect(try await b.request(client, .post, Self.page + "/hapus",
                                        form: ["_csrf": token, "jenis": "catatan", "nomor": "1", "isi": "Catatan keliru"]).status == .seeOther)
            draft = try await store.meeting(MeetingID("RP-2020-0001")).minutes
            #expect(draft.notes.map(\.text) == ["Realisasi 71 % dari target 88 %."] && draft.decisions.count == 1)
            // The secretariat records the chair's approval; the notula is sealed and read-only.
            #expect(try await b.request(client, .post, Self.page + "/setujui", form: ["_csrf": token]).status == .seeOther)
            let m = try await store.meeting(MeetingID("RP-2020-0001"))
            #expect(m.minutes.approval?.by == WebTests.governor && m.minutes.decisions.map(\.text) == ["Percepat belanja modal."])
            let sealed = try await b.request(client, .get, Self.page)
            #expect(sealed.body.contains("id=\"disetujui\"") && !sealed.body.contains("id=\"form-catatan-1\"") && !sealed.body.contains("id=\"setujui\""))
            #expect(try await b.request(client, .post, Self.page + "/catatan", form: ["_csrf": token, "acara": "1", "isi": "terlambat"]).status == .conflict)
            #expect(try await b.request(client, .post, Self.page + "/hapus",
                                        form: ["_csrf": token, "jenis": "catatan", "nomor": "0", "isi": "Realisasi 71 % dari target 88 %."]).status == .conflict)
            // A correction needs its reason, then makes version 2; the comparison shows the replaced decision.
            #expect(try await b.request(client, .post, Self.page + "/koreksi",
                                        form: ["_csrf": token, "alasan": "", "nomor-keputusan": "1", "keputusan-ganti": "Percepat belanja modal dan barang."]).status == .conflict)
            #expect(try await b.request(client, .post, Self.page + "/koreksi",
                                        form: ["_csrf": token, "alasan": "Salah ketik", "nomor-keputusan": "1", "keputusan-ganti": "Percepat belanja modal dan barang."]).status == .seeOther)
            #expect(try await store.minutesVersions(MeetingID("RP-2020-0001")).count == 2)
            let diff = try await b.request(client, .get, Self.page + "/versi?dari=1&ke=2")
            #expect(diff.status == .ok && diff.body.contains("<del><span class=\"visually-hidden\">dihapus: </span>Keputusan 1: Percepat belanja modal.</del>"))
            #expect(diff.body.contains("<ins><span class=\"visually-hidden\">ditambahkan: </span>Keputusan 1: Percepat belanja modal dan barang.</ins>"))
            #expect(try await b.request(client, .get, Self.page + "/versi?dari=1&ke=7").status == .badRequest)
            #expect(try await b.request(client, .get, Self.page + "/versi?dari=satu&ke=2").status == .badRequest)
        }
    }

    @Test func officialDocumentsPrintFromThePageWithTheirNumberGivenOnce() async throws {
        let (store, app) = try await Self.held()
        try await app.test(.router) { client in
            let b = Browser()
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            let first = try await b.request(client, .get, "/rapat/RP-2020-0001/dokumen/undangan")
            #expect(first.status == .ok && first.body.contains("href=\"/static/dokumen.css\"") && first.body.contains("NIP 197002051995021001"))
            let year = CivilDate(Date(), in: Zone.jakarta).year
            #expect(first.body.contains("005/0001-Biro Umum/\(year)"))
            // Printed again: the same number; the register holds it once.
            #expect(try await b.request(client, .get, "/rapat/RP-2020-0001/dokumen/undangan").body.contains("005/0001-Biro Umum/\(year)"))
            #expect(try await store.letterNumbers(year: year).count == 1)
            let css = try await b.request(client, .get, "/static/dokumen.css")
            #expect(css.status == .ok && css.body.contains("size: A4"))
            #expect(try await b.request(client, .get, "/rapat/RP-2020-0001/dokumen/daftar-hadir").body.contains("Daftar Hadir"))
            #expect(try await b.request(client, .get, "/rapat/RP-2020-0001/dokumen/notula").body.contains("Rapat ditutup pukul 10.50 WIB"))
            #expect(try await b.request(client, .get, "/rapat/RP-2020-0001/dokumen/surat-lain").status == .notFound)
            let stranger = Browser()
            #expect(try await stranger.signIn(client, "kabpkad") == .seeOther)
            #expect(try await stranger.request(client, .get, "/rapat/RP-2020-0001/dokumen/undangan").status == .forbidden)
        }
    }

    @Test func participantsReadButDoNotWriteAndStrangersSeeNothing() async throws {
        let (_, app) = try await Self.held()
        try await app.test(.router) { client in
            let p = Browser()
            #expect(try await p.signIn(client, "kadinkes") == .seeOther)
            let page = try await p.request(client, .get, Self.page)
            #expect(page.status == .ok && !page.body.contains("id=\"form-catatan-1\"") && !page.body.contains("id=\"setujui\""))
            let token = Browser.csrf(try await p.request(client, .get, "/rapat").body)
            #expect(try await p.request(client, .post, Self.page + "/catatan", form: ["_csrf": token, "acara": "1", "isi": "x"]).status == .forbidden)
            #expect(try await p.request(client, .post, Self.page + "/setujui", form: ["_csrf": token]).status == .forbidden)
            let stranger = Browser()
            #expect(try await stranger.signIn(client, "kabpkad") == .seeOther)
            #expect(try await stranger.request(client, .get, Self.page).status == .forbidden)
            #expect(try await Browser().request(client, .post, Self.page + "/catatan", form: ["acara": "1", "isi": "x"]).status == .forbidden)
        }
    }
}
