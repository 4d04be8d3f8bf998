import Foundation
import Hummingbird
import RapatCore
import RapatMinutes
import RapatService
import RapatStore

/// The web face: pages over the application layer. Every decision of who may see what is the access policy's
/// (through `Services`); the pages only ask and show.
struct WebPages: Sendable {
    let store: any MeetingStore
    let signer: SealSigner?
    let sessions: WebSessions
    /// The meeting pages' meetings and the people they name, read once per change.
    let meetings: MeetingPeopleCache
    let view = WebView.shared

    static let csrfCookie = "rapat_csrf"
    static let pageSize = 50

    func register(on router: Router<RapatContext>) {
        router.get("/") { request, context in try await home(request, context) }
        router.get("/masuk") { request, context in signInForm(request, context, error: nil, username: "") }
        router.post("/masuk") { request, context in try await signIn(request, context) }
        router.post("/keluar") { request, context in try await signOut(request, context) }
        router.get("/bahasa/:code") { request, context in language(request, context) }
        router.get("/rapat") { request, context in try await meetings(request, context) }
        router.get("/rapat/baru") { request, context in try await newMeetingForm(request, context, form: nil, errors: []) }
        router.post("/rapat/baru") { request, context in try await planMeeting(request, context) }
        router.post("/rapat/periksa") { request, context in try await checkPlan(request, context) }
        router.get("/rapat/:id") { request, context in try await meeting(request, context) }
        router.get("/rapat/:id/notula.xml") { request, context in try await minutesFile(request, context, akn: false) }
        router.get("/rapat/:id/akn.xml") { request, context in try await minutesFile(request, context, akn: true) }
        router.get("/rapat/:id/ubah") { request, context in try await editForm(request, context) }
        router.post("/rapat/:id/ubah") { request, context in try await changeMeeting(request, context) }
        router.get("/rapat/:id/batal") { request, context in try await cancelForm(request, context) }
        router.post("/rapat/:id/batal") { request, context in try await cancelMeeting(request, context) }
        router.get("/rapat/:id/ruang") { request, context in try await roomPage(request, context) }
        router.get("/rapat/:id/ruang/langsung") { request, context in try await roomEvents(request, context) }
        for action in ["mulai", "berikutnya", "selesai", "hadir", "kehadiran"] {
            router.post("/rapat/:id/ruang/\(action)") { request, context in try await roomAction(request, context, action) }
        }
        registerMinutes(on: router)
        router.get("/rapat/:id/undangan.ics") { request, context in try await invitation(request, context) }
        router.get("/arsip") { request, context in try await archive(request, context) }
        router.get("/orang") { request, context in
            let saved = FormData.query(request)["disimpan"]
            let label = saved.map { $0.hasPrefix("G") ? $0 : "NIP " + $0 }
            return try await people(request, context, flash: label.map { context.language == .en ? "Saved: \($0)." : "Tersimpan: \($0)." })
        }
        router.get("/orang/baru") { request, context in try await personForm(request, context, editing: nil, values: nil, error: nil) }
        router.post("/orang/baru") { request, context in try await savePerson(request, context, editing: nil) }
        router.get("/orang/:nip/ubah") { request, context in
            try await personForm(request, context, editing: try await services(context).planning.person(try PersonID(context.parameters.get("nip") ?? "")),
                                 values: nil, error: nil)
        }
        router.post("/orang/:nip/ubah") { request, context in try await savePerson(request, context, editing: try PersonID(context.parameters.get("nip") ?? "")) }
        router.post("/orang/:nip/tautkan") { request, context in try await linkGuest(request, context, guest: try PersonID(context.parameters.get("nip") ?? "")) }
        router.post("/orang/impor") { request, context in try await importPeople(request, context) }
        router.get("/laporan") { request, context in try await reports(request, context) }
        router.get("/kalender") { request, context in try await calendar(request, context, made: nil) }
        router.post("/kalender") { request, context in try await makeCalendarLink(request, context) }
        router.get("/kalender/impor") { request, context in try await calendarImport(request, context, form: nil) }
        router.post("/kalender/impor") { request, context in
            let form = try await FormData.read(request, limit: Self.calendarLimit)
            if let refusal = refusedWithoutToken(request, context, form["_csrf"]) { return refusal }
            return try await calendarImport(request, context, form: form)
        }
        router.get("/static/:file") { request, context in try asset(request, context) }
    }

    func services(_ context: RapatContext) -> Services {
        Services(store: store, principal: context.webPrincipal, language: context.language, signer: signer)
    }

    /// The page, or the sign-in form when nobody is signed in (and back here afterwards).
    func signedIn(_ request: Request, _ context: RapatContext, _ body: (Services) async throws -> Response) async throws -> Response {
        guard context.webUser != nil else {
            let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return WebView.redirect("/masuk?kembali=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        return try await body(services(context))
    }

    // MARK: Signing in and out

    func signInForm(_ request: Request, _ context: RapatContext, error: String?, username: String,
                    status: HTTPResponse.Status = .ok) -> Response {
        // Before a session exists, the form's CSRF token is checked against a cookie (double submit).
        let token = request.cookies[Self.csrfCookie]?.value ?? RandomToken.make()
        let back = Self.localPath(FormData.query(request)["kembali"]).flatMap { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) }
        var response = view.page("masuk", request, context, status: status, ["csrf": token, "error": error as Any, "username": username,
                                                                             "back": back as Any])
        response.setCookie(Cookie(name: Self.csrfCookie, value: token, path: "/masuk", secure: WebSessions.isSecure(request), httpOnly: true, sameSite: .strict))
        return response
    }

    func signIn(_ request: Request, _ context: RapatContext) async throws -> Response {
        let form = try await FormData.read(request)
        guard let cookie = request.cookies[Self.csrfCookie]?.value, RandomToken.equal(cookie, form["_csrf"] ?? "") else {
            return view.error(request, context, status: .forbidden, message: Self.csrfMessage(context.language))
        }
        let username = form["username"] ?? ""
        let user: WebUser
        do {
            user = try await Accounts.signIn(username, form["password"] ?? "", store: store)
        } catch let e as SignInError {
            let status: HTTPResponse.Status = e == .wrongCredentials ? .unauthorized : .tooManyRequests
            var response = signInForm(request, context, error: e.message(context.language), username: username, status: status)
            if case let .throttled(minutes) = e { response.headers[.retryAfter] = String(minutes * 60) }
            return response
        }
        let storage = sessions.storage(for: request)
        // A new session id at every sign-in: whatever id the browser had is dropped.
        if storage.getId(request: request) != nil { _ = try? await storage.delete(request: request) }
        let sessionCookie = try await storage.save(session: WebSession(username: user.username, csrf: RandomToken.make()), expiresIn: WebSessions.lifetime)
        var response = WebView.redirect(Self.localPath(FormData.query(request)["kembali"]) ?? "/")
        response.setCookie(sessionCookie)
        return response
    }

    func signOut(_ request: Request, _ context: RapatContext) async throws -> Response {
        let form = try await FormData.read(request)
        guard context.webSession != nil else { return WebView.redirect("/masuk") }
        if let refusal = refusedWithoutToken(request, context, form["_csrf"]) { return refusal }
        let cookie = try await sessions.storage(for: request).delete(request: request)
        var response = WebView.redirect("/masuk")
        response.setCookie(cookie)
        return response
    }

    /// Whether a form came with its session's CSRF token.
    func hasToken(_ context: RapatContext, _ sent: String?) -> Bool {
        guard let session = context.webSession else { return false }
        return RandomToken.equal(session.csrf, sent ?? "")
    }

    /// The 403 page for a form without its session's CSRF token; nil when the token is there.
    func refusedWithoutToken(_ request: Request, _ context: RapatContext, _ sent: String?) -> Response? {
        hasToken(context, sent) ? nil : view.error(request, context, status: .forbidden, message: Self.csrfMessage(context.language))
    }

    /// A form posted about one meeting: its fields, the signed-in user's services and the meeting's id, once the form
    /// carries its session's token (else the 403 page; nobody signed in: to the sign-in form).
    func postedOnMeeting(_ request: Request, _ context: RapatContext,
                         _ body: (FormData, Services, MeetingID) async throws -> Response) async throws -> Response {
        let form = try await FormData.read(request)
        if let refusal = refusedWithoutToken(request, context, form["_csrf"]) { return refusal }
        guard context.webUser != nil else { return WebView.redirect("/masuk") }
        return try await body(form, services(context), try meetingID(context))
    }

    static func csrfMessage(_ l: Language) -> String {
        l == .en ? "The form was sent without its security token (or from another site): reload the page and send it again."
            : "Formulir dikirim tanpa token keamanannya (atau dari situs lain): muat ulang halaman lalu kirim lagi."
    }

    /// Only a path of this site (never `//host` or a scheme) is a place to go back to.
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
              !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return text
    }

    func language(_ request: Request, _ context: RapatContext) -> Response {
        let code = context.parameters.get("code") == "en" ? "en" : "id"
        var response = WebView.redirect(Self.localPath(FormData.query(request)["kembali"]) ?? "/")
        response.setCookie(Cookie(name: WebMiddleware.languageCookie, value: code, maxAge: 365 * 86400, path: "/", secure: WebSessions.isSecure(request),
                                  httpOnly: true, sameSite: .lax))
        return response
    }

    // MARK: Kalender saya

    func calendar(_ request: Request, _ context: RapatContext, made: (url: String, opd: String?)?) async throws -> Response {
        try await signedIn(request, context) { s in
            var data: [String: Any] = ["choosesOpd": context.webUser?.person == nil, "opds": try await s.archive.opds(), "opd": made?.opd ?? ""]
            if let made {
                let host = request.head.authority ?? "127.0.0.1"
                let scheme = WebSessions.isSecure(request) ? "https" : "http"
                data["url"] = "\(scheme)://\(host)\(made.url)"
                data["webcal"] = "webcal://\(host)\(made.url)"
            }
            return view.page("kalender", request, context, nav: "calendar", data)
        }
    }

    /// The largest calendar a browser sends here (the command line reads files of any size).
    static let calendarLimit = 4 << 20

    /// Impor kalender: the form, and after a post the report event by event (a dry run keeps nothing).
    func calendarImport(_ request: Request, _ context: RapatContext, form: FormData?) async throws -> Response {
        try await signedIn(request, context) { s in
            try AccessPolicy.require(s.principal, .planMeetings)
            let l = context.language
            guard let form else { return view.page("kalender-impor", request, context, nav: "calendar", [:]) }
            let text = form["ics"] ?? "", dryRun = form["uji"] == "1"
            do throws(any Error) {
                let (summary, _) = try await s.calendars.importCalendar(Data(text.utf8), name: l == .en ? "calendar" : "kalender", dryRun: dryRun)
                let zone = Self.zone
                func note(_ n: ImportNote) -> [String: Any] {
                    ["line": n.line, "summary": n.summary.isEmpty ? "—" : n.summary, "reason": n.reason,
                     "occurrence": n.occurrence.map { DateText(l).dateTime($0, zone: zone) } as Any]
                }
                let others = summary.otherComponents.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                let report: [String: Any] = [
                    "dryRun": summary.dryRun, "created": summary.created.count, "updated": summary.updated.count, "cancelled": summary.cancelled.count,
                    "unchanged": summary.unchanged, "skippedCount": summary.skipped.count, "guests": summary.guests.count,
                    "others": others.isEmpty ? false : others,
                    "hasSkipped": !summary.skipped.isEmpty, "skipped": summary.skipped.prefix(200).map(note),
                    "hasWarnings": !summary.warnings.isEmpty, "warnings": summary.warnings.prefix(200).map(note),
                    "hasMeetings": !summary.dryRun && !summary.created.isEmpty,
                    "meetings": summary.dryRun ? [] : summary.created.prefix(200).map { ["id": $0.description] },
                ]
                // A dry run keeps the text for the real import; after one, the form starts empty.
                return view.page("kalender-impor", request, context, nav: "calendar", ["report": report, "ics": dryRun ? text : "", "dryRunChecked": false])
            } catch let e where !(e is AccessDenied) && Catalogue.knows(e) {
                return view.page("kalender-impor", request, context, nav: "calendar", status: .unprocessableContent,
                                 ["error": Catalogue.text(e, l), "ics": text, "dryRunChecked": dryRun])
            }
        }
    }

    /// A new feed token for the user's own feed (or an OPD's, for a user who is nobody's person); the old one stops.
    func makeCalendarLink(_ request: Request, _ context: RapatContext) async throws -> Response {
        let form = try await FormData.read(request)
        if let refusal = refusedWithoutToken(request, context, form["_csrf"]) { return refusal }
        let s = services(context)
        let opd = (form["opd"] ?? "").trimmingCharacters(in: .whitespaces)
        guard context.webUser?.person != nil || !opd.isEmpty else {
            return view.error(request, context, status: .badRequest, message: Catalogue.text(InputError.missing("OPD", "choose the OPD whose meetings the calendar holds"), context.language))
        }
        let scope: FeedScope = context.webUser?.person.map { .person($0) } ?? .opd(opd)
        let (_, url) = try await s.calendars.feedToken(scope, ownerHash: nil)
        return try await calendar(request, context, made: (url, form["opd"]))
    }

    // MARK: Assets

    static let assets: [String: (type: String, bytes: ByteBuffer)] = {
        var assets: [String: (String, ByteBuffer)] = [:]
        let directory = Bundle.module.resourceURL!.appendingPathComponent("static")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { continue }
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : name.hasSuffix(".js") ? "text/javascript; charset=utf-8"
                : name.hasSuffix(".svg") ? "image/svg+xml" : "application/octet-stream"
            assets[name] = (type, ByteBuffer(bytes: data))
        }
        // The official documents' stylesheet, from the documents' own templates.
        assets["dokumen.css"] = ("text/css; charset=utf-8", ByteBuffer(string: DocumentRenderer.stylesheet))
        return assets
    }()

    func asset(_ request: Request, _ context: RapatContext) throws -> Response {
        guard let name = context.parameters.get("file"), let asset = Self.assets[name] else {
            return view.error(request, context, status: .notFound, message: context.language == .en ? "No such file." : "Berkas tidak ada.")
        }
        return Response(status: .ok, headers: [.contentType: asset.type, .cacheControl: "public, max-age=3600"], body: ResponseBody(byteBuffer: asset.bytes))
    }
}
