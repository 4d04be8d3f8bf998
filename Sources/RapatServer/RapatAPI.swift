import Foundation
import Hummingbird
import Logging
import RapatCalendar
import RapatCore
import RapatStore

/// The request context: which token (if any) the request carries.
public struct RapatContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var token: APIToken?

    public init(source: Source) {
        coreContext = .init(source: source)
        token = nil
    }
}

/// Reads `Authorization: Bearer …` (or `?token=` for calendar feeds) and refuses requests without a valid token.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = RapatContext
    let store: any MeetingStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/openapi.json" { return try await next(request, context) }
        var secret: String?
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            secret = String(header.dropFirst(7)).trimmed
        } else if request.uri.path.hasPrefix("/feeds/") {
            secret = request.uri.queryParameters.get("token")
        }
        guard let secret, let token = try await store.token(secret: secret) else { throw APIError.unauthenticated }
        var context = context
        context.token = token
        return try await next(request, context)
    }
}

/// Turns every thrown error into its JSON response, so handlers just throw.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = RapatContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let api = APIError.from(error)
            if api.status == .internalServerError { logger.error("\(request.method) \(request.uri.path): \(error)") }
            return try api.response(from: request, context: context)
        }
    }
}

/// Rapat over HTTP: the same commands the CLI offers, as JSON, with roles.
public struct RapatAPI: Sendable {
    public let store: any MeetingStore

    public init(store: any MeetingStore) { self.store = store }

    /// Every route: method and path, as the OpenAPI document lists them.
    public static let routes: [(String, String)] = [
        ("GET", "/openapi.json"), ("GET", "/people"), ("POST", "/people"), ("GET", "/meetings"), ("POST", "/meetings"),
        ("GET", "/meetings/{id}"), ("GET", "/meetings/{id}/agenda"), ("POST", "/meetings/{id}/agenda"), ("POST", "/meetings/{id}/start"), ("POST", "/meetings/{id}/checkins"), ("POST", "/meetings/{id}/next"),
        ("POST", "/meetings/{id}/end"), ("GET", "/meetings/{id}/minutes"), ("POST", "/meetings/{id}/minutes/decisions"),
        ("POST", "/meetings/{id}/minutes/approve"), ("GET", "/search"), ("GET", "/reports/punctuality"),
        ("GET", "/feeds/person/{nip}"), ("GET", "/feeds/opd/{name}"),
    ]

    public func router(logger: Logger = Logger(label: "rapat")) -> Router<RapatContext> {
        let router = Router(context: RapatContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ErrorMiddleware(logger: logger))
        router.add(middleware: AuthMiddleware(store: store))
        router.get("openapi.json") { _, _ in try OpenAPI.response() }

        router.get("people") { _, context in
            try Self.require(context, .secretariat, to: "list people")
            return try JSONResponse.make(try await store.people(opd: nil))
        }
        router.post("people") { request, context in
            try Self.require(context, .secretariat, to: "register people")
            let body = try await request.decode(as: PersonBody.self, context: context)
            let person = try Person(nip: NIP(body.nip), name: body.name, jabatan: body.jabatan ?? "", opd: body.opd, email: body.email)
            try await store.addPerson(person)
            return try JSONResponse.make(person, status: .created, headers: [.location: "/people/\(person.nip)"])
        }

        router.get("meetings") { request, context in
            let token = try Self.token(context)
            let q = request.uri.queryParameters
            var filter = MeetingFilter(from: try q.get("from").map { try Self.bound($0, upper: false) },
                                       to: try q.get("to").map { try Self.bound($0, upper: true) }, opd: q.get("opd"),
                                       status: try q.get("status").map { try MeetingStatus.parse($0) })
            if token.role == .participant { filter.participant = token.person }
            var meetings = try await store.meetings(filter)
            if token.role == .archivist { meetings = meetings.filter(\.minutes.isApproved) }
            return try JSONResponse.make(meetings)
        }
        router.post("meetings") { request, context in
            try Self.require(context, .secretariat, to: "plan meetings")
            let body = try await request.decode(as: MeetingBody.self, context: context)
            let m = try await store.createMeeting(try body.plan())
            return try JSONResponse.make(m, status: .created, headers: [.location: "/meetings/\(m.id)"])
        }
        router.get("meetings/:id") { _, context in
            try JSONResponse.make(try await visibleMeeting(context))
        }
        router.get("meetings/:id/agenda") { _, context in
            try JSONResponse.make(try await visibleMeeting(context).agenda)
        }
        router.post("meetings/:id/agenda") { request, context in
            try Self.require(context, .secretariat, to: "change agendas")
            let body = try await request.decode(as: MeetingBody.Item.self, context: context)
            let presenterNIP = try body.presenterNip.map { try NIP($0) }
            let m = try await store.updateMeeting(try Self.meetingID(context)) { m, _ in
                _ = try m.addAgendaItem(title: body.title, presenter: body.presenter, presenterNIP: presenterNIP, boxMinutes: body.minutes)
            }
            return try JSONResponse.make(m.agenda, status: .created, headers: [.location: "/meetings/\(m.id)/agenda"])
        }
        router.post("meetings/:id/start") { request, context in
            try Self.require(context, .secretariat, to: "start meetings")
            let body = try await Self.step(request)
            let id = try Self.meetingID(context)
            let m = try await store.updateMeeting(id) { m, policy in
                try m.start(at: try body.time(in: m), reason: body.reason, policy: policy.onTime)
            }
            return try JSONResponse.make(m)
        }
        router.post("meetings/:id/checkins") { request, context in
            let token = try Self.token(context)
            guard token.role != .archivist else { throw APIError.forbidden("check in") }
            let body = try await request.decode(as: CheckInBody.self, context: context)
            let nip = try NIP(body.nip)
            if token.role == .participant, token.person != nip { throw APIError.forbidden("check in for someone else") }
            let category = try AttendanceCategory.parse(body.category ?? "hadir")
            let m = try await store.updateMeeting(try Self.meetingID(context)) { m, _ in
                try m.checkIn(nip, as: category, at: try StepBody(at: body.at).time(in: m), representative: body.representative, note: body.note)
            }
            return try JSONResponse.make(m.attendance.first { $0.nip == nip }!, status: .created)
        }
        router.post("meetings/:id/next") { request, context in
            try Self.require(context, .secretariat, to: "run meetings")
            let body = try await Self.step(request)
            return try JSONResponse.make(try await store.updateMeeting(try Self.meetingID(context)) { m, _ in try m.nextItem(at: try body.time(in: m)) })
        }
        router.post("meetings/:id/end") { request, context in
            try Self.require(context, .secretariat, to: "run meetings")
            let body = try await Self.step(request)
            return try JSONResponse.make(try await store.updateMeeting(try Self.meetingID(context)) { m, _ in try m.endMeeting(at: try body.time(in: m)) })
        }
        router.get("meetings/:id/minutes") { _, context in
            try JSONResponse.make(try await visibleMeeting(context).minutes)
        }
        router.post("meetings/:id/minutes/decisions") { request, context in
            try Self.require(context, .secretariat, to: "write minutes")
            let body = try await request.decode(as: DecisionBody.self, context: context)
            let m = try await store.updateMeeting(try Self.meetingID(context)) { m, _ in _ = try m.addDecision(item: body.item, text: body.text) }
            return try JSONResponse.make(m.minutes.decisions.last!, status: .created)
        }
        router.post("meetings/:id/minutes/approve") { request, context in
            try Self.require(context, .secretariat, to: "approve minutes")
            let body = try await request.decode(as: ApproveBody.self, context: context)
            let by = try NIP(body.by)
            let m = try await store.updateMeeting(try Self.meetingID(context)) { m, _ in try m.approveMinutes(by: by, at: Date()) }
            return try JSONResponse.make(m.minutes)
        }

        router.get("search") { request, context in
            let token = try Self.token(context)
            guard token.role != .participant else { throw APIError.forbidden("search the archive") }
            let q = request.uri.queryParameters
            guard let text = q.get("q") else { throw InputError.missing("q", "give the words to search for, e.g. /search?q=anggaran") }
            var hits = try await store.search(SearchQuery(text, from: try q.get("from").map { try Self.bound($0, upper: false) },
                                                          to: try q.get("to").map { try Self.bound($0, upper: true) }, opd: q.get("opd"),
                                                          limit: Int(q.get("limit") ?? "20") ?? 20))
            if token.role == .archivist {
                var approved: [MeetingID: Bool] = [:]
                for id in Set(hits.map(\.meetingID)) { approved[id] = try await store.meeting(id).minutes.isApproved }
                hits = hits.filter { approved[$0.meetingID] == true }
            }
            return try JSONResponse.make(hits)
        }
        router.get("reports/punctuality") { request, context in
            try Self.require(context, .secretariat, to: "read reports")
            let q = request.uri.queryParameters
            guard let from = q.get("from"), let to = q.get("to") else { throw InputError.missing("from and to", "e.g. ?from=2020-12-01&to=2020-12-31") }
            let (start, end) = (try Self.bound(from, upper: false), try Self.bound(to, upper: true))
            let meetings = try await store.meetings(MeetingFilter(from: start, to: end))
            let report = PunctualityReport(meetings: meetings, people: Dictionary(uniqueKeysWithValues: try await store.people(opd: nil).map { ($0.nip, $0) }),
                                           from: start, to: end, policy: try await store.policy().onTime)
            return try JSONResponse.make(report)
        }

        router.get("feeds/person/:nip") { request, context in
            let token = try Self.token(context)
            let nip = try NIP(String((context.parameters.get("nip") ?? "").prefix { $0 != "." }))
            if token.role == .participant, token.person != nip { throw APIError.forbidden("read another person's feed") }
            let p = try await store.person(nip)
            return try await feed(request, name: "Rapat — \(p.name)", filter: MeetingFilter(participant: nip))
        }
        router.get("feeds/opd/:name") { request, context in
            _ = try Self.token(context)
            let name = String((context.parameters.get("name") ?? "").removingPercentEncoding?.prefix { $0 != "." } ?? "")
            return try await feed(request, name: "Rapat — \(name)", filter: MeetingFilter(opd: name))
        }
        return router
    }

    /// A calendar feed with an ETag, so subscribed clients poll cheaply (304 when nothing changed).
    func feed(_ request: Request, name: String, filter: MeetingFilter) async throws -> Response {
        let policy = try await store.policy()
        let people = Dictionary(uniqueKeysWithValues: try await store.people(opd: nil).map { ($0.nip, $0) })
        let meetings = try await store.meetings(filter)
        // The stamp is the newest scheduled start, so the same archive gives the same bytes and the same ETag.
        let stamp = meetings.map(\.start).max() ?? Date(timeIntervalSince1970: 0)
        let export = ICalExport(options: CalendarOptions(organizerName: policy.organizerName, organizerEmail: policy.organizerEmail,
                                                         people: people, stamp: stamp), archiveID: try await store.archiveID())
        var bytes: [UInt8] = []
        export.feed(name: name, meetings: meetings) { bytes += $0 }
        let etag = "\"" + SHA256.hex(bytes).prefix(32) + "\""
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmed == etag }) {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .eTag: etag, .cacheControl: "private, max-age=300"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    func visibleMeeting(_ context: RapatContext) async throws -> Meeting {
        let token = try Self.token(context)
        let m = try await store.meeting(try Self.meetingID(context))
        switch token.role {
        case .secretariat: return m
        case .participant:
            guard let p = token.person, m.everyone.contains(p) else { throw APIError.forbidden("read a meeting they are not invited to") }
            return m
        case .archivist:
            guard m.minutes.isApproved else { throw APIError.forbidden("read minutes that are not approved") }
            return m
        }
    }

    /// A step's optional body: `{"at": "...", "reason": "..."}`, or nothing for "now".
    static func step(_ request: Request) async throws -> StepBody {
        let buffer = try await request.body.collect(upTo: 1 << 16)
        guard buffer.readableBytes > 0 else { return StepBody(at: nil) }
        return try JSONDecoder().decode(StepBody.self, from: Data(buffer.readableBytesView))
    }

    static func token(_ context: RapatContext) throws -> APIToken {
        guard let token = context.token else { throw APIError.unauthenticated }
        return token
    }

    static func require(_ context: RapatContext, _ role: Role, to what: String) throws {
        guard try token(context).role == role else { throw APIError.forbidden(what) }
    }

    static func meetingID(_ context: RapatContext) throws -> MeetingID {
        try MeetingID(context.parameters.get("id") ?? "")
    }

    static func bound(_ text: String, upper: Bool) throws -> Date {
        if let day = try? CivilDate(text) { return (upper ? day.adding(days: 1) : day).at(hour: 0, minute: 0, in: Zone.jakarta) }
        return try TimeInput.parse(text, zone: Zone.jakarta)
    }
}

// MARK: Request bodies

struct PersonBody: Decodable { var nip: String; var name: String; var jabatan: String?; var opd: String; var email: String? }

struct MeetingBody: Decodable {
    struct Item: Decodable { var title: String; var presenter: String?; var presenterNip: String?; var minutes: Int }
    var title: String
    var kind: String?
    var chair: String
    var notulis: String?
    var participants: [String]?
    var start: String
    var end: String
    var timeZone: String?
    var link: String?
    var location: String?
    var agenda: [Item]?

    func plan() throws -> Meeting {
        let zone = try timeZone.map { try Zone.named($0) } ?? Zone.jakarta
        let agenda = try (self.agenda ?? []).enumerated().map { i, item in
            try AgendaItem(key: i + 1, title: item.title, presenter: item.presenter, presenterNIP: try item.presenterNip.map { try NIP($0) },
                           boxMinutes: item.minutes)
        }
        return try Meeting(id: MeetingID(year: 0, serial: 0), title: title, kind: kind ?? "rapat pimpinan", chair: NIP(chair),
                           notulis: try notulis.map { try NIP($0) }, participants: try (participants ?? []).map { try NIP($0) },
                           start: try TimeInput.parse(start, zone: zone), end: try TimeInput.parse(end, zone: zone), timeZone: zone,
                           virtualLink: link, location: location, agenda: agenda)
    }
}

struct StepBody: Decodable {
    var at: String?
    var reason: String?

    init(at: String?, reason: String? = nil) {
        self.at = at
        self.reason = reason
    }

    func time(in m: Meeting) throws -> Date { try at.map { try TimeInput.parse($0, zone: m.zone) } ?? Date() }
}

struct CheckInBody: Decodable { var nip: String; var category: String?; var at: String?; var representative: String?; var note: String? }
struct DecisionBody: Decodable { var text: String; var item: Int? }
struct ApproveBody: Decodable { var by: String }
