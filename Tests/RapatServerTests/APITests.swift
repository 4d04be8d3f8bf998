import Foundation
import GRDB
import Hummingbird
import RapatCore
@testable import RapatServer
import RapatStore
import RapatSQLite
import Testing

/// Every route, role and error code, against a real SQLite archive.
@Suite struct APITests {
    static let governor = "197002051995021001", kadinkes = "197108021999062011", kabpkad = "196501101988111008"

    struct Fixture {
        var store: any MeetingStore
        var secretariat: String, participant: String, other: String, archivist: String
        var app: Application<RouterResponder<RapatContext>>
        var path: String = ""
    }

    static func fixture() async throws -> Fixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("rapat.db").path)
        for (nip, name, opd) in [(governor, "Gubernur", "Setda"), (kadinkes, "dr. Ratna Dewi", "Dinkes"), (kabpkad, "Dr. Rudi Hartono", "BPKAD")] {
            try await store.addPerson(try Person(id: PersonID(nip), name: name, jabatan: "Kepala", opd: opd, email: "\(opd.lowercased())@banten.go.id"))
        }
        let signer = SealSigner()
        try await store.registerSigningKey(try SigningKey(publicKeyPEM: signer.publicKeyPEM, office: "Setda Banten", registeredAt: Date()))
        return Fixture(store: store, secretariat: try await store.createToken(role: .secretariat, person: nil),
                       participant: try await store.createToken(role: .participant, person: try PersonID(kadinkes)),
                       other: try await store.createToken(role: .participant, person: try PersonID(kabpkad)),
                       archivist: try await store.createToken(role: .archivist, person: nil),
                       app: Application(router: RapatAPI(store: store, signer: signer).router()),
                       path: dir.appendingPathComponent("rapat.db").path)
    }

    static let meeting = """
        {"title":"Rapat Pimpinan Desember 2020","chair":"\(governor)","participants":["\(kadinkes)"],
         "start":"2020-12-16 09:00","end":"2020-12-16 11:00","link":"https://vicon.banten.go.id/rapim",
         "agenda":[{"title":"Evaluasi penyerapan anggaran","presenterNip":"\(kadinkes)","minutes":60}]}
        """

    func call(_ client: InProcessClient, _ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil,
              headers extra: HTTPFields = [:]) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        var headers = extra
        // The assertions read English messages; Indonesian (the default) has a test of its own.
        if headers[.acceptLanguage] == nil { headers[.acceptLanguage] = "en" }
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            (response.status, String(buffer: response.body), response.headers)
        }
    }

    @Test func planningReturns201WithLocationAnd409And422() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            var (status, body, headers) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            #expect(status == .created && headers[.location] == "/api/meetings/RP-2020-0001", "\(body)")
            (status, body, _) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            #expect(status == .conflict && body.contains("\"meeting\":\"RP-2020-0001\"") && body.contains("already in RP-2020-0001"))
            let weekend = Self.meeting.replacingOccurrences(of: "2020-12-16", with: "2020-12-19")
            (status, body, _) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: weekend)
            #expect(status == .unprocessableContent && body.contains("not a working day"))
            (status, body, _) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: "{\"title\": 1}")
            #expect(status == .badRequest)
            (status, _, _) = try await call(client, .post, "/api/meetings", token: f.participant, body: Self.meeting)
            #expect(status == .forbidden)
            (status, _, _) = try await call(client, .post, "/api/meetings", token: nil, body: Self.meeting)
            #expect(status == .unauthorized)
            (status, _, _) = try await call(client, .get, "/api/meetings", token: "not-a-token")
            #expect(status == .unauthorized)
        }
    }

    @Test func readingRespectsRoles() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            _ = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            var (status, body, _) = try await call(client, .get, "/api/meetings/RP-2020-0001", token: f.participant)
            #expect(status == .ok && body.contains("Rapat Pimpinan Desember 2020"))
            (status, _, _) = try await call(client, .get, "/api/meetings/RP-2020-0001", token: f.other)
            #expect(status == .forbidden)
            (status, body, _) = try await call(client, .get, "/api/meetings", token: f.other)
            #expect(status == .ok && body == "[]")
            (status, _, _) = try await call(client, .get, "/api/meetings/RP-2020-0001", token: f.archivist)
            #expect(status == .forbidden)
            (status, body, _) = try await call(client, .get, "/api/meetings/RP-2020-0099", token: f.secretariat)
            #expect(status == .notFound && body.contains("no meeting RP-2020-0099"))
            (status, _, _) = try await call(client, .get, "/api/meetings/xyz", token: f.secretariat)
            #expect(status == .badRequest)
            (status, _, _) = try await call(client, .get, "/api/people", token: f.participant)
            #expect(status == .forbidden)
            (status, _, _) = try await call(client, .get, "/api/people", token: f.secretariat)
            #expect(status == .ok)
        }
    }

    @Test func runningAMeetingAndApprovingItsMinutes() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            _ = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            var (status, body, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/agenda", token: f.secretariat,
                                                   body: "{\"title\":\"Lain-lain\",\"minutes\":90}")
            #expect(status == .unprocessableContent && body.contains("agenda is 150 min but the meeting is 120 min"))
            (status, body, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/agenda", token: f.secretariat,
                                               body: "{\"title\":\"Lain-lain\",\"minutes\":15}")
            #expect(status == .created && body.contains("Lain-lain"))
            (status, body, _) = try await call(client, .get, "/api/meetings/RP-2020-0001/agenda", token: f.participant)
            #expect(status == .ok && body.contains("\"boxMinutes\":15"))
            (status, body, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/start", token: f.secretariat, body: "{\"at\":\"2020-12-16 09:07\"}")
            #expect(status == .unprocessableContent && body.contains("give the reason"))
            (status, _, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/start", token: f.secretariat,
                                            body: "{\"at\":\"2020-12-16 09:07\",\"reason\":\"macet\"}")
            #expect(status == .ok)
            // A participant checks in at the server's clock only; the secretariat records a time afterwards.
            (status, body, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/checkins", token: f.participant,
                                               body: "{\"nip\":\"\(Self.kadinkes)\",\"category\":\"daring\",\"at\":\"2020-12-16 09:12\"}")
            #expect(status == .badRequest && body.contains("server's clock"), "\(body)")
            (status, body, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/checkins", token: f.secretariat,
                                               body: "{\"nip\":\"\(Self.kadinkes)\",\"category\":\"daring\",\"at\":\"2020-12-16 09:12\"}")
            #expect(status == .created && body.contains("\"lateMinutes\":5"))
            (status, _, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/checkins", token: f.participant, body: "{\"nip\":\"\(Self.governor)\"}")
            #expect(status == .forbidden)
            (status, _, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/next", token: f.secretariat, body: "{\"at\":\"2020-12-16 09:08\"}")
            #expect(status == .ok)
            (status, _, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/minutes/decisions", token: f.secretariat,
                                            body: "{\"text\":\"OPD di bawah target menyusun rencana percepatan penyerapan anggaran\",\"item\":1}")
            #expect(status == .created)
            (status, _, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/end", token: f.secretariat, body: "{\"at\":\"2020-12-16 10:20\"}")
            #expect(status == .ok)
            (status, body, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/minutes/approve", token: f.secretariat, body: "{\"by\":\"\(Self.kadinkes)\"}")
            #expect(status == .unprocessableContent && body.contains("only the chair"))
            (status, _, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/minutes/approve", token: f.secretariat, body: "{\"by\":\"\(Self.governor)\"}")
            #expect(status == .ok)
            (status, _, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/minutes/decisions", token: f.secretariat, body: "{\"text\":\"x\"}")
            #expect(status == .unprocessableContent)
            // Now the archivist may read and search it.
            (status, _, _) = try await call(client, .get, "/api/meetings/RP-2020-0001/minutes", token: f.archivist)
            #expect(status == .ok)
            (status, body, _) = try await call(client, .get, "/api/search?q=serapan", token: f.archivist)
            #expect(status == .ok && body.contains("RP-2020-0001"))
            (status, _, _) = try await call(client, .get, "/api/search?q=serapan", token: f.participant)
            #expect(status == .forbidden)
            (status, body, _) = try await call(client, .get, "/api/search?q=%22", token: f.secretariat)
            #expect(status == .badRequest && body.contains("quote"))
            (status, body, _) = try await call(client, .get, "/api/reports/punctuality?from=2020-12-01&to=2020-12-31", token: f.secretariat)
            #expect(status == .ok && body.contains("\"startDelayMinutes\":7"))
        }
    }

    /// A failure nobody planned for (here: a table dropped behind Rapat's back) answers 500 with a request id only;
    /// the SQL and the detail go to the log under that id.
    @Test func a500SaysOnlyItsRequestID() async throws {
        let f = try await Self.fixture()
        try await DatabaseQueue(path: f.path).write { db in try db.execute(sql: "DROP TABLE holiday") }
        try await f.app.test(.router) { client in
            let (status, body, headers) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            #expect(status == .internalServerError, "\(body)")
            let id = try #require(headers[.init("X-Request-Id")!])
            #expect(body.contains(id) && !body.lowercased().contains("holiday") && !body.contains("SQL") && !body.contains(".swift"), "\(body)")
        }
    }

    /// The chair (a participant by role) writes and approves the minutes of their own meeting; a participant who is
    /// neither chair nor minute-taker may not.
    @Test func theChairApprovesTheirOwnMeetingWhateverTheirRole() async throws {
        let f = try await Self.fixture()
        let chair = try await f.store.createToken(role: .participant, person: try PersonID(Self.governor), expiresAt: nil)
        try await f.app.test(.router) { client in
            _ = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            _ = try await call(client, .post, "/api/meetings/RP-2020-0001/start", token: f.secretariat, body: "{\"at\":\"2020-12-16 09:00\"}")
            _ = try await call(client, .post, "/api/meetings/RP-2020-0001/end", token: f.secretariat, body: "{\"at\":\"2020-12-16 10:00\"}")
            let decision = "{\"text\":\"OPD menyusun rencana percepatan\"}"
            #expect(try await call(client, .post, "/api/meetings/RP-2020-0001/minutes/decisions", token: f.participant, body: decision).0 == .forbidden)
            #expect(try await call(client, .post, "/api/meetings/RP-2020-0001/minutes/decisions", token: chair, body: decision).0 == .created)
            let approve = "{\"by\":\"\(Self.governor)\"}"
            #expect(try await call(client, .post, "/api/meetings/RP-2020-0001/minutes/approve", token: f.participant, body: approve).0 == .forbidden)
            let (status, body, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/minutes/approve", token: chair, body: approve)
            #expect(status == .ok, "\(body)")
        }
    }

    /// A server started without the approving office's key cannot seal: approval answers 409 saying what to give.
    @Test func approvingWithoutASigningKeyIs409() async throws {
        let f = try await Self.fixture()
        let keyless = Application(router: RapatAPI(store: f.store).router())
        try await keyless.test(.router) { client in
            _ = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            _ = try await call(client, .post, "/api/meetings/RP-2020-0001/start", token: f.secretariat, body: "{\"at\":\"2020-12-16 09:00\"}")
            _ = try await call(client, .post, "/api/meetings/RP-2020-0001/end", token: f.secretariat, body: "{\"at\":\"2020-12-16 10:00\"}")
            let (status, body, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/minutes/approve", token: f.secretariat,
                                                   body: "{\"by\":\"\(Self.governor)\"}")
            #expect(status == .conflict && body.contains("key"), "\(body)")
        }
        #expect(try await f.store.meeting(try MeetingID("RP-2020-0001")).minutes.approval == nil)
    }

    @Test func aLinkOrEmailWithALineBreakIsRefused() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            let link = Self.meeting.replacingOccurrences(of: "https://vicon.banten.go.id/rapim", with: "https://vicon.banten.go.id/rapim\\r\\nATTENDEE;ROLE=CHAIR:mailto:palsu@evil.example")
            var (status, body, _) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: link)
            #expect(status == .badRequest && body.contains("invalid link"), "\(body)")
            let person = "{\"nip\":\"197512052003021012\",\"name\":\"Joko\",\"opd\":\"BPBD\",\"email\":\"joko@bpbd.go.id\\r\\nX-INJECTED:1\"}"
            (status, body, _) = try await call(client, .post, "/api/people", token: f.secretariat, body: person)
            #expect(status == .badRequest && body.contains("invalid email"), "\(body)")
            (status, _, _) = try await call(client, .get, "/api/meetings", token: f.secretariat)
            #expect(status == .ok)
        }
    }

    @Test func aNulInATitleIsRefusedAndTheArchiveStaysReadable() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            let poisoned = Self.meeting.replacingOccurrences(of: "Rapat Pimpinan Desember 2020", with: "Rapat\\u0000Pimpinan")
            var (status, body, _) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: poisoned)
            #expect(status == .badRequest && body.contains("invalid title") && body.contains("U+0000"), "\(body)")
            (status, body, _) = try await call(client, .get, "/api/meetings", token: f.secretariat)
            #expect(status == .ok && body == "[]", "\(body)")
            (status, body, _) = try await call(client, .get, "/feeds/opd/Dinkes.ics", token: f.secretariat)
            #expect(status == .ok)
        }
    }

    @Test func hugeBodiesAnswer413AndHugeQueries400WithoutInternals() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            _ = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            let huge = "{\"at\":\"" + String(repeating: "x", count: 2 << 20) + "\"}"
            var (status, body, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/start", token: f.secretariat, body: huge)
            #expect(status == .contentTooLarge && body.contains("1024 KiB"), "\(status)")
            (status, body, _) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: huge)
            #expect(status == .contentTooLarge, "\(status)")
            let words = (1...200).map { "kata\($0)" }.joined(separator: "%20")
            (status, body, _) = try await call(client, .get, "/api/search?q=\(words)", token: f.secretariat)
            #expect(status == .badRequest && body.contains("too long") && !body.contains("SELECT"), "\(body)")
            let nested = String(repeating: "(", count: 120) + "anggaran" + String(repeating: ")", count: 120)
            (status, body, _) = try await call(client, .get, "/api/search?q=\(nested.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: f.secretariat)
            #expect(status == .badRequest && !body.contains("SELECT"), "\(body)")
        }
    }

    @Test func anExpiredOrRevokedTokenOpensNothing() async throws {
        let f = try await Self.fixture()
        let expired = try await f.store.createToken(role: .secretariat, person: nil, expiresAt: Date().addingTimeInterval(-1))
        try await f.app.test(.router) { client in
            #expect(try await call(client, .get, "/api/people", token: expired).0 == .unauthorized)
            #expect(try await call(client, .get, "/api/people", token: f.secretariat).0 == .ok)
            let id = APIToken.id(ofHash: APIToken.hash(f.secretariat))
            try await f.store.revokeTokens(prefix: id)
            #expect(try await call(client, .get, "/api/people", token: f.secretariat).0 == .unauthorized)
        }
    }

    @Test func secretsInURLsAreNotLogged() {
        #expect(RequestLogMiddleware.redacted(path: "/feeds/person/197108021999062011.ics", query: "token=abc123&x=1")
                == "/feeds/person/197108021999062011.ics?token=***&x=1")
        #expect(RequestLogMiddleware.redacted(path: "/api/search", query: "q=anggaran&TOKEN=x") == "/api/search?q=anggaran&TOKEN=***")
    }

    @Test func registeringPeople() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            let person = "{\"nip\":\"197512052003021012\",\"name\":\"Joko Prasetyo\",\"jabatan\":\"Kalak BPBD\",\"opd\":\"BPBD\"}"
            var (status, _, headers) = try await call(client, .post, "/api/people", token: f.secretariat, body: person)
            #expect(status == .created && headers[.location] == "/api/people/197512052003021012")
            (status, _, _) = try await call(client, .post, "/api/people", token: f.secretariat, body: person)
            #expect(status == .conflict)
            (status, _, _) = try await call(client, .post, "/api/people", token: f.secretariat, body: person.replacingOccurrences(of: "197512052003021012", with: "12345"))
            #expect(status == .badRequest)
            (status, _, _) = try await call(client, .post, "/api/people", token: f.archivist, body: person)
            #expect(status == .forbidden)
            (status, _, _) = try await call(client, .get, "/api/reports/punctuality?from=2020-12-01&to=2020-12-31", token: f.archivist)
            #expect(status == .forbidden)
            (status, _, _) = try await call(client, .get, "/api/reports/punctuality", token: f.secretariat)
            #expect(status == .badRequest)
            (status, _, _) = try await call(client, .post, "/api/meetings/RP-2020-0001/start", token: f.secretariat)
            #expect(status == .notFound)
        }
    }

    /// A calendar posted to the API: guests come in, a dry run keeps nothing, what is not a calendar is 422 naming
    /// the line, and only the secretariat may.
    @Test func aCalendarIsImportedThroughTheAPI() async throws {
        let f = try await Self.fixture()
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a1\r\nDTSTART;TZID=Asia/Jakarta:20201221T130000\r\n"
            + "DTEND;TZID=Asia/Jakarta:20201221T140000\r\nSUMMARY:Audiensi\r\nORGANIZER;CN=Tamu DPRD:mailto:tamu@dprd.example.go.id\r\n"
            + "ATTENDEE:mailto:dinkes@banten.go.id\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        try await f.app.test(.router) { client in
            var (status, body, _) = try await call(client, .post, "/api/calendars/import?dryRun=true", token: f.secretariat, body: ics)
            #expect(status == .ok && (body.contains("\"dryRun\" : true") || body.contains("\"dryRun\":true")), "\(body)")
            #expect(try await f.store.meetings(MeetingFilter()).isEmpty)
            (status, body, _) = try await call(client, .post, "/api/calendars/import", token: f.secretariat, body: ics)
            #expect(status == .ok, "\(body)")
            let m = try #require(try await f.store.meetings(MeetingFilter()).first)
            let kadinkes = try PersonID(Self.kadinkes)
            #expect(m.chair == PersonID.guest(email: "tamu@dprd.example.go.id") && m.participants == [kadinkes])
            (status, body, _) = try await call(client, .post, "/api/calendars/import", token: f.secretariat, body: "not a calendar")
            #expect(status == .unprocessableContent && body.contains("body:1") && !body.contains("/tmp/"), "\(body)")
            (status, _, _) = try await call(client, .post, "/api/calendars/import", token: f.participant, body: ics)
            #expect(status == .forbidden)
        }
    }

    /// A feed token from the API's own JSON.
    func feedURL(_ client: InProcessClient, token: String, _ body: String) async throws -> String {
        let (status, json, _) = try await call(client, .post, "/api/feeds/tokens", token: token, body: body)
        #expect(status == .created, "\(json)")
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        return try #require(object?["url"])
    }

    @Test func feedsHaveETagsAndAnswer304() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            _ = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            let url = try await feedURL(client, token: f.participant, "{\"person\":\"\(Self.kadinkes)\"}")
            #expect(url.hasPrefix("/feeds/person/\(Self.kadinkes).ics?token="))
            let (status, body, headers) = try await call(client, .get, url, token: nil)
            #expect(status == .ok && body.hasPrefix("BEGIN:VCALENDAR\r\n") && headers[.contentType]?.hasPrefix("text/calendar") == true, "\(status) \(body)")
            let etag = try #require(headers[.eTag])
            let again = try await call(client, .get, url, token: nil, headers: [.ifNoneMatch: etag])
            #expect(again.0 == .notModified)
            // Another person's feed: no token for it, and the API token refused in the URL.
            #expect(try await call(client, .post, "/api/feeds/tokens", token: f.other, body: "{\"person\":\"\(Self.kadinkes)\"}").0 == .forbidden)
            let opd = try await call(client, .get, "/feeds/opd/Dinkes.ics", token: f.secretariat)
            #expect(opd.0 == .ok && opd.1.contains("SUMMARY:Rapat Pimpinan Desember 2020"))
            let none = try await call(client, .get, "/feeds/opd/Dinkes.ics", token: nil)
            #expect(none.0 == .unauthorized)
        }
    }

    /// A calendar URL leaks: its feed token reads that one feed and opens nothing else; the owner rotates it,
    /// and revoking the API token that made it ends it.
    @Test func aFeedTokenReadsOneFeedAndIsRotatable() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            _ = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            let url = try await feedURL(client, token: f.participant, "{\"person\":\"\(Self.kadinkes)\"}")
            let secret = String(url[url.range(of: "token=")!.upperBound...])
            // Not an API token: no meeting, no other feed, not even the same feed's OPD.
            #expect(try await call(client, .get, "/api/meetings/RP-2020-0001", token: secret).0 == .unauthorized)
            #expect(try await call(client, .get, "/api/meetings/RP-2020-0001?token=\(secret)", token: nil).0 == .unauthorized)
            #expect(try await call(client, .get, "/feeds/opd/Dinkes.ics?token=\(secret)", token: nil).0 == .forbidden)
            // And an API token is no feed token: a leaked URL must not carry one.
            #expect(try await call(client, .get, "/feeds/person/\(Self.kadinkes).ics?token=\(f.participant)", token: nil).0 == .unauthorized)
            // Rotation: a new token for the same feed ends the old one.
            let rotated = try await feedURL(client, token: f.participant, "{\"person\":\"\(Self.kadinkes)\"}")
            #expect(rotated != url)
            #expect(try await call(client, .get, url, token: nil).0 == .unauthorized)
            #expect(try await call(client, .get, rotated, token: nil).0 == .ok)
            // Revoking the participant's API token ends its feed tokens.
            let id = try #require(try await f.store.tokens().first { $0.person?.key == Self.kadinkes }?.id)
            try await f.store.revokeTokens(prefix: id)
            #expect(try await call(client, .get, rotated, token: nil).0 == .unauthorized)
        }
    }

    @Test func feedsShowOnlyWhatTheReaderMayReadElsewhere() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            _ = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
            // Not invited: 403 on the meeting, and not a line of it in the OPD feed either.
            #expect(try await call(client, .get, "/api/meetings/RP-2020-0001", token: f.other).0 == .forbidden)
            let stranger = try await call(client, .get, "/feeds/opd/Dinkes.ics", token: f.other)
            #expect(stranger.0 == .ok && !stranger.1.contains("Rapat Pimpinan Desember 2020") && !stranger.1.contains(Self.kadinkes))
            // An archivist reads approved minutes only: a scheduled meeting is in no feed of theirs.
            let archivist = try await call(client, .get, "/feeds/opd/Dinkes.ics", token: f.archivist)
            #expect(archivist.0 == .ok && !archivist.1.contains("Rapat Pimpinan Desember 2020"))
            let person = try await call(client, .get, "/feeds/person/\(Self.kadinkes).ics", token: f.archivist)
            #expect(person.0 == .ok && !person.1.contains("Rapat Pimpinan Desember 2020"))
            // The invited participant sees it.
            let invited = try await call(client, .get, "/feeds/opd/Dinkes.ics", token: f.participant)
            #expect(invited.0 == .ok && invited.1.contains("Rapat Pimpinan Desember 2020"))
        }
    }

    /// Who asks, for the role × route table: the secretariat, the invited participant (owner of their own NIP and
    /// feed), a participant not invited (stranger), an archivist (the meeting is not approved yet).
    enum Reader: String, CaseIterable {
        case owner, stranger, archivist, secretariat
    }

    /// What each route answers each reader: true when allowed (anything but 401/403), false when 403. Every route
    /// of the table must be here: a new route without its row fails the test.
    static let expectedAccess: [String: [Reader: Bool]] = {
        let secretariatOnly: [Reader: Bool] = [.owner: false, .stranger: false, .archivist: false, .secretariat: true]
        let invitedOrSecretariat: [Reader: Bool] = [.owner: true, .stranger: false, .archivist: false, .secretariat: true]
        let everyone: [Reader: Bool] = [.owner: true, .stranger: true, .archivist: true, .secretariat: true]
        let notParticipants: [Reader: Bool] = [.owner: false, .stranger: false, .archivist: true, .secretariat: true]
        let ownFeed: [Reader: Bool] = [.owner: true, .stranger: false, .archivist: true, .secretariat: true]
        return [
            "GET /api/people": secretariatOnly, "POST /api/people": secretariatOnly, "POST /api/calendars/import": secretariatOnly,
            "GET /api/meetings": everyone, "POST /api/meetings": secretariatOnly,
            "GET /api/meetings/{id}": invitedOrSecretariat, "GET /api/meetings/{id}/agenda": invitedOrSecretariat,
            "POST /api/meetings/{id}/agenda": secretariatOnly,
            "POST /api/meetings/{id}/start": secretariatOnly, "POST /api/meetings/{id}/next": secretariatOnly, "POST /api/meetings/{id}/end": secretariatOnly,
            "POST /api/meetings/{id}/checkins": [.owner: true, .stranger: false, .archivist: false, .secretariat: true],
            "GET /api/meetings/{id}/minutes": invitedOrSecretariat,
            "POST /api/meetings/{id}/minutes/decisions": secretariatOnly, "POST /api/meetings/{id}/minutes/approve": secretariatOnly,
            "GET /api/search": notParticipants, "GET /api/reports/punctuality": secretariatOnly,
            "POST /api/feeds/tokens": ownFeed, "GET /feeds/person/{nip}": ownFeed, "GET /feeds/opd/{name}": everyone,
        ]
    }()

    /// Generated from the route table: each route, asked by each reader with their API token, answers as the table
    /// above says — and never 500.
    @Test func everyRouteAnswersEachRoleAsOwnerAndAsStranger() async throws {
        for route in RapatAPI.table where route.requiresToken {
            let key = "\(route.method.rawValue) \(route.path)"
            let expected = try #require(Self.expectedAccess[key], "no expected access for \(key)")
            let f = try await Self.fixture()
            try await f.app.test(.router) { client in
                _ = try await call(client, .post, "/api/meetings", token: f.secretariat, body: Self.meeting)
                let uri = route.path.replacingOccurrences(of: "{id}", with: "RP-2020-0001").replacingOccurrences(of: "{nip}", with: "\(Self.kadinkes).ics")
                    .replacingOccurrences(of: "{name}", with: "Dinkes.ics") + (route.path == "/api/search" ? "?q=anggaran" : "")
                let body: String? = switch route.path {
                case "/api/meetings/{id}/checkins": "{\"nip\":\"\(Self.kadinkes)\",\"category\":\"daring\"}"
                case "/api/feeds/tokens": "{\"person\":\"\(Self.kadinkes)\"}"
                case "/api/calendars/import": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
                default: route.body == nil ? nil : "{}"
                }
                let tokens: [Reader: String] = [.owner: f.participant, .stranger: f.other, .archivist: f.archivist, .secretariat: f.secretariat]
                for reader in Reader.allCases {
                    let (status, answer, _) = try await call(client, route.method, uri, token: tokens[reader], body: body)
                    #expect(status.code < 500, "\(key) as \(reader): \(status) \(answer)")
                    if expected[reader] == true {
                        #expect(status != .forbidden && status != .unauthorized, "\(key) as \(reader): \(status) \(answer)")
                    } else {
                        #expect(status == .forbidden, "\(key) as \(reader): \(status) \(answer)")
                    }
                }
            }
        }
    }

    /// Generated from the route table: every route but the OpenAPI document refuses a request without a token
    /// or with a wrong one, before anything else is read.
    @Test func everyRouteRefusesAMissingOrWrongToken() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            for route in RapatAPI.table {
                let uri = route.path.replacingOccurrences(of: "{id}", with: "RP-2020-0001").replacingOccurrences(of: "{nip}", with: "\(Self.kadinkes).ics")
                    .replacingOccurrences(of: "{name}", with: "Dinkes.ics")
                let body = route.body == nil ? nil : "{}"
                let none = try await call(client, route.method, uri, token: nil, body: body)
                let wrong = try await call(client, route.method, uri + (route.tokenInQuery ? "?token=salah" : ""), token: route.tokenInQuery ? nil : "salah", body: body)
                if route.requiresToken {
                    #expect(none.0 == .unauthorized && wrong.0 == .unauthorized, "\(route.method) \(route.path): \(none.0) \(wrong.0)")
                } else {
                    #expect(none.0 == .ok, "\(route.path)")
                }
            }
        }
    }

    @Test func theOpenAPIDocumentListsEveryRoute() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            let (status, body, _) = try await call(client, .get, "/api/openapi.json", token: nil)
            #expect(status == .ok)
            let doc = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
            let paths = doc["paths"] as! [String: [String: Any]]
            for (method, path) in RapatAPI.routes { #expect(paths[path]?[method.lowercased()] != nil, "\(method) \(path)") }
            // Every operation lists the codes it can answer, its path parameters and, for writes, its body.
            for route in RapatAPI.table {
                let op = try #require(paths[route.path]?[route.method.rawValue.lowercased()] as? [String: Any])
                let codes = Set((op["responses"] as! [String: Any]).keys)
                #expect(codes.contains("500") && (!route.requiresToken || codes.contains("401")), "\(route.path)")
                #expect(codes.contains { $0.hasPrefix("2") }, "\(route.path)")
                let names = Set(((op["parameters"] as? [[String: Any]]) ?? []).map { $0["name"] as! String })
                #expect(route.pathParameters.allSatisfy { names.contains($0.name) }, "\(route.path)")
                if route.method == .post && !["/start", "/next", "/end"].contains(where: route.path.hasSuffix) { #expect(op["requestBody"] != nil, "\(route.path)") }
            }
            #expect(Set(RapatAPI.table.map(OpenAPI.operationID)).count == RapatAPI.table.count)
        }
    }

    @Test func errorsAreIndonesianByDefaultAndEnglishOnRequest() async throws {
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            var (status, body, _) = try await call(client, .get, "/api/meetings/RP-2020-0099", token: f.secretariat, headers: [.acceptLanguage: "id-ID,id;q=0.9"])
            #expect(status == .notFound && body.contains("tidak ada rapat RP-2020-0099"), "\(body)")
            (status, body, _) = try await call(client, .get, "/api/meetings/RP-2020-0099", token: f.secretariat, headers: [.acceptLanguage: "en-US,en;q=0.8"])
            #expect(status == .notFound && body.contains("no meeting RP-2020-0099"), "\(body)")
            (status, body, _) = try await call(client, .post, "/api/people", token: f.archivist, body: "{}", headers: [.acceptLanguage: "id"])
            #expect(status == .forbidden && body.contains("tidak berwenang"), "\(body)")
            (status, body, _) = try await call(client, .get, "/api/meetings", token: nil, headers: [.acceptLanguage: "id"])
            #expect(status == .unauthorized && body.contains("sertakan token API"), "\(body)")
        }
    }

    @Test func thePlanBuilderIsTheCLIsOne() async throws {
        // The end as HH:MM on the start day, a length in minutes, and a recurrence, as `rapat meeting create` takes them.
        let f = try await Self.fixture()
        try await f.app.test(.router) { client in
            let hhmm = Self.meeting.replacingOccurrences(of: "\"end\":\"2020-12-16 11:00\"", with: "\"end\":\"11:00\"")
            var (status, body, _) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: hhmm)
            #expect(status == .created && body.contains("\"end\":\"2020-12-16T04:00:00Z\""), "\(body)")
            let minutes = Self.meeting.replacingOccurrences(of: "2020-12-16", with: "2020-12-17")
                .replacingOccurrences(of: "\"end\":\"2020-12-17 11:00\"", with: "\"minutes\":90")
            (status, body, _) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: minutes)
            #expect(status == .created && body.contains("\"end\":\"2020-12-17T03:30:00Z\""), "\(body)")
            let series = Self.meeting.replacingOccurrences(of: "2020-12-16", with: "2021-01-20")
                .replacingOccurrences(of: "\"link\"", with: "\"repeat\":\"FREQ=MONTHLY;BYDAY=3WE;COUNT=3\",\"link\"")
            (status, body, _) = try await call(client, .post, "/api/meetings", token: f.secretariat, body: series)
            #expect(status == .created && body.contains("SR-2021-001") && body.contains("2021-03-17"), "\(body)")
        }
    }
}
