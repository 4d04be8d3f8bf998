import Foundation
import Hummingbird
import RapatCore
import RapatPostgres
@testable import RapatServer
import RapatService
import RapatSQLite
import RapatStore
import Testing

/// The web face's handlers: sessions, CSRF, throttling, and the access policy as pages show it.
@Suite struct WebTests {
    static let governor = try! PersonID("197002051995021001"), kadinkes = try! PersonID("197108021999062011"), kabpkad = try! PersonID("196501101988111008")
    static let password = "kata-sandi-uji-123"

    /// An archive with a scheduled meeting of the Governor and Kepala Dinkes (Kepala BPKAD not invited), and users.
    static func archive(_ store: any MeetingStore) async throws {
        let s = Services(store: store, principal: .console, language: .id)
        for (nip, name, opd) in [(governor, "Gubernur Banten", "Setda"), (kadinkes, "dr. Ratna Dewi", "Dinkes"), (kabpkad, "Dr. Rudi Hartono", "BPKAD")] {
            try await s.planning.register(try Person(id: nip, name: name, jabatan: "Kepala", opd: opd))
        }
        _ = try await s.planning.plan(PlanRequest(title: "Rapat Pimpinan Desember 2020", chair: governor.key, participants: [kadinkes.key],
                                                  start: "2020-12-16 09:00", end: "11:00",
                                                  agenda: [.init(title: "Evaluasi penyerapan anggaran", minutes: 60)]))
        for (name, role, nip) in [("sekretariat", Role.secretariat, nil), ("kadinkes", .participant, kadinkes), ("kabpkad", .participant, kabpkad),
                                  ("arsiparis", .archivist, nil)] as [(String, Role, PersonID?)] {
            _ = try await s.accounts.add(username: name, role: role, person: nip, password: password)
        }
    }

    static func app(_ store: any MeetingStore) -> Application<RouterResponder<RapatContext>> {
        Application(router: RapatAPI(store: store).router())
    }

    static func sqlite() async throws -> any MeetingStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("rapat.db").path)
        try await archive(store)
        return store
    }

    /// A browser: keeps cookies between requests.
    final class Browser: @unchecked Sendable {  // used by one test task at a time
        var cookies: [String: String] = [:]

        func request(_ client: InProcessClient, _ method: HTTPRequest.Method, _ uri: String, form: [String: String]? = nil)
            async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
            var headers: HTTPFields = [:]
            if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            var body: ByteBuffer?
            if let form {
                headers[.contentType] = "application/x-www-form-urlencoded"
                body = ByteBuffer(string: form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&"))
            }
            let result = try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
                (response.status, String(buffer: response.body), response.headers)
            }
            for field in result.2[values: .setCookie] {
                let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                if field.contains("Expires=Thu, 01 Jan 1970") || field.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
            }
            return result
        }

        /// The hidden `_csrf` of the page's form.
        static func csrf(_ page: String) -> String {
            guard let r = page.range(of: "name=\"_csrf\" value=\"") else { return "" }
            return String(page[r.upperBound...].prefix { $0 != "\"" })
        }

        func signIn(_ client: InProcessClient, _ username: String, _ password: String = WebTests.password) async throws -> HTTPResponse.Status {
            let page = try await request(client, .get, "/masuk").body
            return try await request(client, .post, "/masuk", form: ["_csrf": Self.csrf(page), "username": username, "password": password]).status
        }
    }

    @Test func signedOutPagesSendToTheSignInFormAndBack() async throws {
        try await Self.app(try await Self.sqlite()).test(.router) { client in
            let b = Browser()
            let home = try await b.request(client, .get, "/rapat/RP-2020-0001")
            #expect(home.status == .seeOther && home.headers[.location] == "/masuk?kembali=%2Frapat%2FRP%2D2020%2D0001")
            let form = try await b.request(client, .get, home.headers[.location]!)
            #expect(form.status == .ok && form.body.contains("<label for=\"password\">Kata sandi</label>") && form.body.contains("lang=\"id\""))
            #expect(form.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(!form.body.contains("<script>") && form.body.contains("<script src=\"/static/rapat.js\""))
            let signed = try await b.request(client, .post, "/masuk?kembali=%2Frapat%2FRP-2020-0001",
                                             form: ["_csrf": Browser.csrf(form.body), "username": "kadinkes", "password": Self.password])
            #expect(signed.status == .seeOther && signed.headers[.location] == "/rapat/RP-2020-0001")
            let session = try #require(signed.headers[values: .setCookie].first { $0.hasPrefix("rapat_sesi=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax") && !session.contains("Secure"))
            let page = try await b.request(client, .get, "/rapat/RP-2020-0001")
            #expect(page.status == .ok && page.body.contains("Rapat Pimpinan Desember 2020") && page.body.contains("dr. Ratna Dewi"))
            let list = try await b.request(client, .get, "/rapat")
            #expect(list.body.contains("<td>Gubernur Banten</td>"), "a participant's list names the chair")
            // Only a local path is a place to go back to.
            #expect(WebPages.localPath("//evil.example/x") == nil && WebPages.localPath("https://evil.example") == nil && WebPages.localPath("/rapat") == "/rapat")
        }
    }

    @Test func theAccessPolicyDecidesWhatEachRoleSees() async throws {
        try await Self.app(try await Self.sqlite()).test(.router) { client in
            let stranger = Browser()
            #expect(try await stranger.signIn(client, "kabpkad") == .seeOther)
            let refused = try await stranger.request(client, .get, "/rapat/RP-2020-0001")
            #expect(refused.status == .forbidden && refused.body.contains("Tidak diizinkan") && refused.headers[.contentType]?.hasPrefix("text/html") == true)
            let list = try await stranger.request(client, .get, "/rapat")
            #expect(list.status == .ok && !list.body.contains("Rapat Pimpinan Desember 2020"))
            #expect(try await stranger.request(client, .get, "/arsip?q=anggaran").status == .forbidden)
            let archivist = Browser()
            #expect(try await archivist.signIn(client, "arsiparis") == .seeOther)
            // Not approved: the archivist sees neither the meeting nor a search hit of it.
            #expect(try await archivist.request(client, .get, "/rapat/RP-2020-0001").status == .forbidden)
            let search = try await archivist.request(client, .get, "/arsip?q=penyerapan+anggaran")
            #expect(search.status == .ok && !search.body.contains("RP-2020-0001") && search.body.contains("Tidak ada notula yang cocok."))
            let secretariat = Browser()
            #expect(try await secretariat.signIn(client, "sekretariat") == .seeOther)
            let found = try await secretariat.request(client, .get, "/arsip?q=penyerapan+anggaran")
            #expect(found.status == .ok && found.body.contains("/rapat/RP-2020-0001") && found.body.contains("<mark>"))
            let ics = try await secretariat.request(client, .get, "/rapat/RP-2020-0001/undangan.ics")
            #expect(ics.status == .ok && ics.body.hasPrefix("BEGIN:VCALENDAR") && ics.headers[.contentDisposition]?.contains("undangan-RP-2020-0001.ics") == true)
            let filtered = try await secretariat.request(client, .get, "/rapat?dari=2020-12-01&sampai=2020-12-31&status=scheduled")
            #expect(filtered.status == .ok && filtered.body.contains("Rapat Pimpinan Desember 2020"))
            // The participant filter takes part of a name or a NIP, and says when it names nobody or several people.
            let byName = try await secretariat.request(client, .get, "/rapat?peserta=ratna")
            #expect(byName.status == .ok && byName.body.contains("Rapat Pimpinan Desember 2020"))
            let byNIP = try await secretariat.request(client, .get, "/rapat?peserta=\(Self.kabpkad.key)")
            #expect(byNIP.status == .ok && !byNIP.body.contains("Rapat Pimpinan Desember 2020"))
            let several = try await secretariat.request(client, .get, "/rapat?peserta=r")
            #expect(several.status == .badRequest && several.body.contains("cocok dengan 3 orang") && several.body.contains("aria-invalid=\"true\""))
            let nobody = try await secretariat.request(client, .get, "/rapat?peserta=Budi")
            #expect(nobody.status == .badRequest && nobody.body.contains("Tidak ada orang terdaftar bernama “Budi”"))
            let bad = try await secretariat.request(client, .get, "/rapat?dari=kemarin")
            #expect(bad.status == .badRequest && bad.body.contains("kemarin"))
        }
    }

    @Test func formsWithoutTheirTokenAreRefusedAndSignOutEndsTheSession() async throws {
        try await Self.app(try await Self.sqlite()).test(.router) { client in
            let b = Browser()
            _ = try await b.request(client, .get, "/masuk")
            let forged = try await b.request(client, .post, "/masuk", form: ["username": "sekretariat", "password": Self.password])
            #expect(forged.status == .forbidden && forged.body.contains("token"))
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            let oldSession = try #require(b.cookies["rapat_sesi"])
            // A new session id at every sign-in.
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            #expect(b.cookies["rapat_sesi"] != oldSession)
            let home = try await b.request(client, .get, "/")
            #expect(home.status == .ok && home.body.contains("Beranda"))
            #expect(try await b.request(client, .post, "/keluar", form: ["_csrf": "salah"]).status == .forbidden)
            let current = try #require(b.cookies["rapat_sesi"])
            #expect(try await b.request(client, .post, "/keluar", form: ["_csrf": Browser.csrf(home.body)]).status == .seeOther)
            // The session is gone from the archive: the old cookie opens nothing.
            b.cookies["rapat_sesi"] = current
            #expect(try await b.request(client, .get, "/").status == .seeOther)
            b.cookies["rapat_sesi"] = oldSession
            #expect(try await b.request(client, .get, "/").status == .seeOther)
        }
    }

    @Test func repeatedFailuresThrottleSignIn() async throws {
        try await Self.app(try await Self.sqlite()).test(.router) { client in
            let b = Browser()
            for _ in 0..<Accounts.maxFailures { #expect(try await b.signIn(client, "sekretariat", "salah-sekali-123") == .unauthorized) }
            let page = try await b.request(client, .get, "/masuk").body
            let throttled = try await b.request(client, .post, "/masuk", form: ["_csrf": Browser.csrf(page), "username": "sekretariat", "password": Self.password])
            #expect(throttled.status == .tooManyRequests && throttled.headers[.retryAfter] != nil && throttled.body.contains("terlalu banyak"))
            // Another user is not affected.
            #expect(try await Browser().signIn(client, "arsiparis") == .seeOther)
        }
    }

    /// Kalender saya: a participant makes a link to their own feed; it serves their meetings, opens nothing else,
    /// and making a new one stops the old.
    @Test func aParticipantMakesAndReplacesTheirCalendarLink() async throws {
        try await Self.app(try await Self.sqlite()).test(.router) { client in
            let b = Browser()
            #expect(try await b.signIn(client, "kadinkes") == .seeOther)
            let page = try await b.request(client, .get, "/kalender")
            #expect(page.status == .ok && page.body.contains("Outlook") && !page.body.contains("webcal://"))
            func link(_ body: String) throws -> String {
                let r = try #require(body.range(of: "id=\"https\" readonly value=\""))
                let url = String(body[r.upperBound...].prefix { $0 != "\"" })
                return String(url[try #require(url.range(of: "/feeds/"))!.lowerBound...])
            }
            let made = try await b.request(client, .post, "/kalender", form: ["_csrf": Browser.csrf(page.body)])
            #expect(made.status == .ok && made.body.contains("webcal://"))
            let first = try link(made.body).replacingOccurrences(of: "&amp;", with: "&")
            let feed = try await Browser().request(client, .get, first)
            #expect(feed.status == .ok && feed.body.contains("Rapat Pimpinan Desember 2020"), "\(first) \(feed.status)")
            let again = try await b.request(client, .post, "/kalender", form: ["_csrf": Browser.csrf(made.body)])
            let second = try link(again.body)
            #expect(second != first)
            #expect(try await Browser().request(client, .get, first).status == .unauthorized)
            #expect(try await Browser().request(client, .get, second).status == .ok)
        }
    }

    /// Rapat baru: a plan that double-books the Governor is refused beside the chair field, naming the other
    /// meeting; an agenda that does not fit is flagged beside the agenda; the rules also answer the form's
    /// script without saving; a plan that works is saved. Cancelling asks first and offers the cancellation.
    @Test func planningAndCancellingInTheBrowser() async throws {
        try await Self.app(try await Self.sqlite()).test(.router) { client in
            let participant = Browser()
            #expect(try await participant.signIn(client, "kadinkes") == .seeOther)
            #expect(try await participant.request(client, .get, "/rapat/baru").status == .forbidden)
            let b = Browser()
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            let form = try await b.request(client, .get, "/rapat/baru")
            #expect(form.status == .ok && form.body.contains("name=\"peserta\" value=\"\(Self.kadinkes.key)\"") && form.body.contains("<summary>Dinkes")
                    && form.body.contains("<option value=\"Gubernur Banten · \(Self.governor.key)\">"))
            let token = Browser.csrf(form.body)
            // The chair is typed by name (or picked as "name · NIP", or a NIP); a name that fits several people is refused beside the field.
            var fields = ["_csrf": token, "judul": "Rapat Koordinasi Anggaran", "pimpinan": "r", "tanggal": "2020-12-16",
                          "mulai": "10:00", "selesai": "11:00", "acara-0": "Pembahasan", "menit-0": "30"]
            let vague = try await b.request(client, .post, "/rapat/baru", form: fields)
            #expect(vague.status == .badRequest && vague.body.contains("href=\"#pimpinan\"") && vague.body.contains("cocok dengan 3 orang"))
            fields["pimpinan"] = "gubernur banten"
            let clash = try await b.request(client, .post, "/rapat/baru", form: fields)
            #expect(clash.status == .conflict && clash.body.contains("href=\"#pimpinan\"") && clash.body.contains("RP-2020-0001"), "\(clash.body)")
            #expect(clash.body.contains("value=\"Rapat Koordinasi Anggaran\""))  // what was typed is kept
            fields["tanggal"] = "2020-12-17"
            fields["menit-0"] = "90"
            let long = try await b.request(client, .post, "/rapat/baru", form: fields)
            #expect(long.status == .unprocessableContent && long.body.contains("href=\"#acara\"") && long.body.contains("90"))
            let check = try await b.request(client, .post, "/rapat/periksa", form: fields)
            #expect(check.status == .ok && check.body.contains("\"acara\""))
            fields["menit-0"] = "45"
            fields["peserta"] = Self.kadinkes.key
            #expect(try await b.request(client, .post, "/rapat/periksa", form: fields).body == "{\"errors\":{}}")
            let saved = try await b.request(client, .post, "/rapat/baru", form: fields)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/rapat/RP-2020-0002")
            #expect(try await b.request(client, .post, "/rapat/baru", form: fields.merging(["_csrf": "salah"]) { $1 }).status == .forbidden)
            // Changing: the form comes filled; a move onto the Governor's other meeting is refused beside the chair.
            let edit = try await b.request(client, .get, "/rapat/RP-2020-0002/ubah")
            #expect(edit.status == .ok && edit.body.contains("value=\"Rapat Koordinasi Anggaran\"") && edit.body.contains("value=\"2020-12-17\"")
                    && edit.body.contains("value=\"Gubernur Banten · \(Self.governor.key)\""))
            var change = ["_csrf": Browser.csrf(edit.body), "judul": "Rapat Koordinasi Anggaran (diubah)", "pimpinan": Self.governor.key,
                          "tanggal": "2020-12-16", "mulai": "10:00", "selesai": "11:00", "peserta": Self.kadinkes.key, "zona": "Asia/Jakarta"]
            let moved = try await b.request(client, .post, "/rapat/RP-2020-0002/ubah", form: change)
            #expect(moved.status == .conflict && moved.body.contains("RP-2020-0001"))
            change["tanggal"] = "2020-12-17"
            #expect(try await b.request(client, .post, "/rapat/RP-2020-0002/ubah", form: change).status == .seeOther)
            #expect(try await b.request(client, .get, "/rapat/RP-2020-0002").body.contains("Rapat Koordinasi Anggaran (diubah)"))
            // Cancelling: a confirmation page first, then the cancellation to send.
            let confirm = try await b.request(client, .get, "/rapat/RP-2020-0002/batal")
            #expect(confirm.status == .ok && confirm.body.contains("Rapat Koordinasi Anggaran"))
            let cancelled = try await b.request(client, .post, "/rapat/RP-2020-0002/batal", form: ["_csrf": Browser.csrf(confirm.body), "alasan": "Gubernur dinas luar"])
            #expect(cancelled.status == .seeOther)
            let detail = try await b.request(client, .get, cancelled.headers[.location]!)
            #expect(detail.body.contains("Unduh pembatalan (.ics)") && detail.body.contains("dibatalkan"))
            let ics = try await b.request(client, .get, "/rapat/RP-2020-0002/undangan.ics")
            #expect(ics.body.contains("METHOD:CANCEL"))
        }
    }

    /// Laporan: the secretariat's reports with charts drawn on the server (each with its table); others get 403.
    @Test func reportsAreForTheSecretariat() async throws {
        try await Self.app(try await Self.sqlite()).test(.router) { client in
            let b = Browser()
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            let page = try await b.request(client, .get, "/laporan?dari=2020-01-01&sampai=2020-12-31")
            #expect(page.status == .ok && page.body.contains("Ketepatan waktu"))
            let bad = try await b.request(client, .get, "/laporan?dari=2020-12-31&sampai=2020-01-01")
            #expect(bad.status == .ok && bad.body.contains("class=\"error\""))
            let participant = Browser()
            #expect(try await participant.signIn(client, "kadinkes") == .seeOther)
            #expect(try await participant.request(client, .get, "/laporan").status == .forbidden)
        }
        // The chart says what it shows, and escapes what it is given.
        let svg = SVGChart.bars(id: "x", title: "Judul <b>", description: "d", bars: [.init(label: "OPD & \"Dinas\"", value: 7, flagged: true)], unit: " mnt",
                                reference: (5, "toleransi"))
        #expect(svg.contains("role=\"img\"") && svg.contains("Judul &lt;b&gt;") && svg.contains("OPD &amp; &quot;Dinas&quot;") && svg.contains("bar-flag"))
    }

    /// Orang: the secretariat adds and edits people (NIP checked, pangkat/golongan kept) and imports a spreadsheet's
    /// CSV all or nothing, a bad line named by its number.
    @Test func peopleAreAddedEditedAndImported() async throws {
        let store = try await Self.sqlite()
        try await Self.app(store).test(.router) { client in
            let b = Browser()
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            let list = try await b.request(client, .get, "/orang")
            #expect(list.status == .ok && list.body.contains("dr. Ratna Dewi") && list.body.contains(">Dinkes <"))
            let form = try await b.request(client, .get, "/orang/baru")
            var fields = ["_csrf": Browser.csrf(form.body), "nip": "1975 1205 2003 02 1099", "nama": "Siti Aminah", "jabatan": "Kepala Bapenda",
                          "pangkat": "Pembina (IV/a)", "opd": "Bapenda", "email": "siti@bantenprov.go.id"]
            let saved = try await b.request(client, .post, "/orang/baru", form: fields)
            #expect(saved.status == .seeOther, "\(saved.body)")
            #expect(try await store.person(try PersonID("197512052003021099")).pangkat == "Pembina (IV/a)")
            let again = try await b.request(client, .post, "/orang/baru", form: fields)
            #expect(again.status == .conflict && again.body.contains("aria-invalid=\"true\""))
            fields["nip"] = "123"
            #expect(try await b.request(client, .post, "/orang/baru", form: fields).status == .badRequest)
            let edit = try await b.request(client, .get, "/orang/197512052003021099/ubah")
            fields["_csrf"] = Browser.csrf(edit.body)
            fields["jabatan"] = "Plt. Kepala Bapenda"
            #expect(try await b.request(client, .post, "/orang/197512052003021099/ubah", form: fields).status == .seeOther)
            #expect(try await store.person(try PersonID("197512052003021099")).jabatan == "Plt. Kepala Bapenda")
            // A CSV export with one bad line imports nothing and names the line.
            let csv = "NIP;Nama;Jabatan;Pangkat/Golongan;OPD;Email\n198001012005011001;Budi;Kepala Dishub;Pembina (IV/a);Dishub;\n123;Salah;;;Dishub;\n"
            let refused = try await b.request(client, .post, "/orang/impor", form: ["_csrf": fields["_csrf"]!, "csv": csv])
            #expect(refused.status == .unprocessableContent && refused.body.contains("3"), "\(refused.body)")
            #expect(try await store.people(opd: "Dishub").isEmpty)
            let good = csv.replacingOccurrences(of: "123;Salah", with: "198002022006041002;\"Dewi, S.E.\"")
            let imported = try await b.request(client, .post, "/orang/impor", form: ["_csrf": fields["_csrf"]!, "csv": good])
            #expect(imported.status == .ok && imported.body.contains("2 orang diimpor"))
            #expect(try await store.people(opd: "Dishub").map(\.name).sorted() == ["Budi", "Dewi, S.E."])
            let participant = Browser()
            #expect(try await participant.signIn(client, "kadinkes") == .seeOther)
            #expect(try await participant.request(client, .get, "/orang").status == .forbidden)
        }
    }

    /// A guest (imported, no NIP) is listed as a guest, edited without a NIP, and linked on their page to the registered
    /// person they are; a link to nobody known is refused beside its field.
    @Test func aGuestIsListedAndLinkedToARegisteredPerson() async throws {
        let store = try await Self.sqlite()
        let email = "ahmad.fauzi@dprd.example.go.id", guest = PersonID.guest(email: email)
        try await store.addPerson(try Person(id: guest, name: "H. Ahmad Fauzi", jabatan: "", opd: Person.guestOPD, email: email))
        let start = try TimeInput.parse("2020-12-21 13:00", zone: Zone.jakarta)
        let planned = try await store.createMeeting(try Meeting(id: MeetingID(year: 0, serial: 0), title: "Audiensi DPRD", chair: Self.governor,
                                                                participants: [guest], start: start, end: start.addingTimeInterval(3600)))
        try await Self.app(store).test(.router) { client in
            let b = Browser()
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            let list = try await b.request(client, .get, "/orang")
            #expect(list.body.contains("H. Ahmad Fauzi") && list.body.contains("Tamu (tanpa NIP)") && list.body.contains("/orang/\(guest.key)/ubah"))
            let page = try await b.request(client, .get, "/orang/\(guest.key)/ubah")
            #expect(page.status == .ok && page.body.contains("Kunci tamu") && page.body.contains("Tautkan ke orang terdaftar"))
            let csrf = Browser.csrf(page.body)
            let refused = try await b.request(client, .post, "/orang/\(guest.key)/tautkan", form: ["_csrf": csrf, "tautan": "Budi"])
            #expect(refused.status == .unprocessableContent && refused.body.contains("id=\"tautan-galat\"") && refused.body.contains("aria-invalid=\"true\""))
            let linked = try await b.request(client, .post, "/orang/\(guest.key)/tautkan", form: ["_csrf": csrf, "tautan": "dr. Ratna Dewi · \(Self.kadinkes.key)"])
            #expect(linked.status == .ok && linked.body.contains("ditautkan ke dr. Ratna Dewi") && linked.body.contains("1 rapat"), "\(linked.body)")
            #expect(try await store.meeting(planned.id).participants == [Self.kadinkes])
            #expect(try await store.person(guest).linkedTo == Self.kadinkes)
            #expect(try await b.request(client, .get, "/orang/\(guest.key)/ubah").body.contains("Sudah ditautkan ke"))
        }
    }

    /// Impor kalender: the secretariat pastes an .ics (or picks the file), tries it first, imports it, and reads the
    /// report event by event; guests come in; what is not a calendar is refused in Indonesian; a participant may not.
    @Test func aCalendarIsImportedInTheBrowserWithItsReport() async throws {
        let store = try await Self.sqlite()
        let ics = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:audiensi-1\r
            DTSTART;TZID=Asia/Jakarta:20201221T130000\r
            DTEND;TZID=Asia/Jakarta:20201221T140000\r
            SUMMARY:Audiensi Komisi V\r
            ORGANIZER;CN="H. Ahmad Fauzi":mailto:ahmad.fauzi@dprd.example.go.id\r
            ATTENDEE:mailto:kadis@dinkes.bantenprov.go.id\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:rusak\r
            DTSTART:20201232T090000\r
            SUMMARY:Rusak\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        try await Self.app(store).test(.router) { client in
            let b = Browser()
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            let form = try await b.request(client, .get, "/kalender/impor")
            #expect(form.status == .ok && form.body.contains("Impor kalender (.ics)"))
            let csrf = Browser.csrf(form.body)
            let dry = try await b.request(client, .post, "/kalender/impor", form: ["_csrf": csrf, "ics": ics, "uji": "1"])
            #expect(dry.status == .ok && dry.body.contains("Uji coba: tidak ada yang disimpan"))
            #expect(dry.body.contains("tanggal &#39;20201232T090000&#39; pada DTSTART tidak sah") || dry.body.contains("tanggal '20201232T090000' pada DTSTART tidak sah"),
                    "\(dry.body)")
            #expect(try await store.meetings(MeetingFilter()).filter { $0.title == "Audiensi Komisi V" }.isEmpty)
            let done = try await b.request(client, .post, "/kalender/impor", form: ["_csrf": csrf, "ics": ics])
            #expect(done.status == .ok && done.body.contains("Hasil impor"), "\(done.body)")
            let imported = try await store.meetings(MeetingFilter()).filter { $0.title == "Audiensi Komisi V" }
            #expect(imported.count == 1 && imported[0].chair == PersonID.guest(email: "ahmad.fauzi@dprd.example.go.id"))
            #expect(done.body.contains("/rapat/\(imported[0].id)"))
            let broken = try await b.request(client, .post, "/kalender/impor", form: ["_csrf": csrf, "ics": "bukan kalender"])
            #expect(broken.status == .unprocessableContent && broken.body.contains("kalender:1: BUKAN tidak punya") && !broken.body.contains("/tmp/")
                    && broken.body.contains("aria-invalid=\"true\""),
                    "\(broken.status) \(broken.body.components(separatedBy: "impor-galat").dropFirst().first?.prefix(300) ?? "")")
            let participant = Browser()
            #expect(try await participant.signIn(client, "kadinkes") == .seeOther)
            #expect(try await participant.request(client, .get, "/kalender/impor").status == .forbidden)
        }
    }

    @Test func englishOnRequest() async throws {
        try await Self.app(try await Self.sqlite()).test(.router) { client in
            let b = Browser()
            let switched = try await b.request(client, .get, "/bahasa/en?kembali=%2Fmasuk")
            #expect(switched.status == .seeOther && switched.headers[.location] == "/masuk")
            let form = try await b.request(client, .get, "/masuk")
            #expect(form.body.contains("lang=\"en\"") && form.body.contains("Password"))
        }
    }

    /// Two `rapat serve` instances on one PostgreSQL: a session made on one is honoured by the other, and
    /// signing out on the other ends it for both.
    @Test func sessionsAreSharedByInstancesOnPostgreSQL() async throws {
        guard let url = try TestPostgres.newDatabase("rapat_web") else { return }
        let a = try await PostgresStore(url: url), b = try await PostgresStore(url: url)
        try await Self.archive(a)
        let browser = Browser()
        try await Self.app(a).test(.router) { client in
            let status = try await browser.signIn(client, "sekretariat")
            #expect(status == .seeOther)
        }
        try await Self.app(b).test(.router) { client in
            let home = try await browser.request(client, .get, "/")
            #expect(home.status == .ok && home.body.contains("Beranda"))
            #expect(try await browser.request(client, .post, "/keluar", form: ["_csrf": Browser.csrf(home.body)]).status == .seeOther)
        }
        try await Self.app(a).test(.router) { client in
            let status = try await browser.request(client, .get, "/").status
            #expect(status == .seeOther)
        }
    }

    @Test func searchResultsComeTwentyToAPage() async throws {
        let store = try await Self.sqlite()
        let s = Services(store: store, principal: .console, language: .id)
        // 25 agenda items, each a section that matches.
        _ = try await s.planning.plan(PlanRequest(title: "Rapat Koordinasi Anggaran", chair: Self.governor.key, participants: [Self.kabpkad.key],
                                                  start: "2020-12-17 08:00", end: "10:30",
                                                  agenda: (1...25).map { .init(title: "Pos belanja \($0): realisasi anggaran", minutes: 5) }))
        try await Self.app(store).test(.router) { client in
            let b = Browser()
            #expect(try await b.signIn(client, "sekretariat") == .seeOther)
            let first = try await b.request(client, .get, "/arsip?q=anggaran")
            #expect(first.status == .ok && first.body.contains("Hasil 1–20") && first.body.contains("halaman=2") && !first.body.contains("rel=\"prev\""))
            let second = try await b.request(client, .get, "/arsip?q=anggaran&halaman=2")
            #expect(second.status == .ok && second.body.contains("Hasil 21–") && second.body.contains("rel=\"prev\"")
                    && second.body.contains("start=\"21\"") && !second.body.contains("halaman=3"))
            let items = { (body: String) in Set(body.components(separatedBy: "Pos belanja ").dropFirst().map { $0.prefix { $0.isNumber } }) }
            #expect(items(first.body).isDisjoint(with: items(second.body)) && items(first.body).union(items(second.body)).count == 25)
            for bad in ["0", "-1", "dua", "999"] {
                let refused = try await b.request(client, .get, "/arsip?q=anggaran&halaman=\(bad)")
                #expect(refused.status == .badRequest && refused.body.contains("halaman"))
            }
        }
    }

    @Test func linksKeepTheOtherFieldsAndReplaceOne() {
        let q = FormData.parse("q=penyerapan+anggaran&opd=Dinkes&halaman=2")
        #expect(q.link("/arsip", setting: "halaman", to: "3") == "/arsip?opd=Dinkes&q=penyerapan%20anggaran&halaman=3")
        let next = q.link("/rapat", setting: "setelah", to: "1608084000_RP-2020-0001")
        #expect(FormData.parse(String(next.dropFirst("/rapat?".count)))["setelah"] == "1608084000_RP-2020-0001")
        #expect(FormData.parse("a%26b=x").link("/p", setting: "opd", to: "A&B") == "/p?a%26b=x&opd=A%26B")
    }

    @Test func snippetsAreEscapedAndOnlyTheirMatchesMarked() {
        #expect(WebPages.snippetHTML("a <script>\"x\" & [anggaran]'s") == "a &lt;script&gt;&quot;x&quot; &amp; <mark>anggaran</mark>&#39;s")
        #expect(WebPages.snippetHTML("[<b>] tail [") == "<mark>&lt;b&gt;</mark> tail [")
    }

    @Test func absentValuesAreDroppedAndPresentOnesUnwrapped() {
        let some: String? = "ada", none: String? = nil, nested: [String: Any]? = ["a": Optional<Int>.some(1), "b": Optional<Int>.none]
        let cleaned = WebView.clean(["some": some as Any, "none": none as Any, "nested": nested as Any, "list": [some as Any, none as Any]]) as? [String: Any]
        #expect(cleaned?["some"] as? String == "ada" && cleaned?["none"] == nil)
        #expect(String(describing: cleaned?["some"] ?? "") == "ada")
        let inner = cleaned?["nested"] as? [String: Any]
        #expect(inner?["a"] as? Int == 1 && inner?["b"] == nil && String(describing: inner?["a"] ?? "") == "1")
        #expect((cleaned?["list"] as? [Any])?.count == 1)
    }
}

@Suite struct RecentLookupsTests {
    /// A lookup is repeated from memory for its lifetime, then read again; a change of access in this process
    /// (a new generation) makes the next lookup read again at once.
    @Test func rememberedForTheirLifetimeOrUntilAccessChanges() async throws {
        let changes = Counter(), reads = Counter()
        let lookups = RecentLookups<Int>(lifetime: .milliseconds(200), generation: { changes.n })
        func read() async throws -> Int { try await lookups.value("k") { reads.next() } }
        #expect(try await read() == 1)
        #expect(try await read() == 1)
        _ = changes.next()
        #expect(try await read() == 2)
        try await Task.sleep(for: .milliseconds(250))
        #expect(try await read() == 3)
    }

    final class Counter: @unchecked Sendable {  // used by one test task
        var n = 0
        func next() -> Int { n += 1; return n }
    }
}
