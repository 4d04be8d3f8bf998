import Foundation
import Hummingbird
import RapatCore
import RapatService
import RapatStore

/// Search and reports over the archive.
enum ArchiveController {
    static let routes: [Route] = [
        Route(method: .get, path: "/api/search", summary: "Full-text search (secretariat; archivist: approved minutes only)", permission: .search,
              query: [.query("q", "The words, \"phrases\", prefix*, AND/OR/NOT/-word", required: true), .query("from", "From this date"),
                      .query("to", "Up to and including this date"), .query("opd", "With someone of this OPD"), .query("limit", "At most this many hits (default 20)")],
              responses: [200: "The hits, best first", 400: "No words, or a malformed query or date", 403: "A participant"]) { request, _, s in
            let q = request.uri.queryParameters
            guard let text = q.get("q") else { throw APIError.missing("q", example: "/search?q=anggaran") }
            let query = SearchQuery(text, from: try q.get("from").map { try Bounds.lower($0, zone: Zone.jakarta) },
                                    to: try q.get("to").map { try Bounds.upper($0, zone: Zone.jakarta) }, opd: q.get("opd"),
                                    limit: min(200, max(1, Int(q.get("limit") ?? "20") ?? 20)))
            guard let cache = s.searches else { return try JSONResponse.make(try await s.archive.search(query)) }
            let body = try await s.archive.search(query, cache: cache) { hits in Array(try JSONResponse.encoder.encode(hits)) }
            return JSONResponse.make(encoded: ByteBuffer(bytes: body))
        },
        Route(method: .get, path: "/api/reports/punctuality", summary: "Punctuality per meeting, person and OPD, with action items (secretariat)", permission: .readReports,
              query: [.query("from", "From this date", required: true), .query("to", "Up to and including this date", required: true),
                      .query("opd", "Only meetings with someone of this OPD")],
              responses: [200: "The report", 400: "A missing or malformed date", 403: "Not the secretariat"]) { request, _, s in
            let q = request.uri.queryParameters
            guard let from = q.get("from"), let to = q.get("to") else { throw APIError.missing("from, to", example: "?from=2020-12-01&to=2020-12-31") }
            return try JSONResponse.make(try await s.reports.punctuality(from: from, to: to, opd: q.get("opd")))
        },
    ]
}

/// `/api/calendars/import`: events from other calendars, as `rapat import ics` and the browser's Impor kalender.
enum CalendarImportController {
    static let routes: [Route] = [
        Route(method: .post, path: "/api/calendars/import",
              summary: "Import an iCalendar file (body text/calendar, up to 4 MiB): each event imported, updated, cancelled or skipped with its line and reason; unregistered people become guests (secretariat)",
              permission: .planMeetings, query: [.query("dryRun", "true: report what would change and keep nothing")],
              body: Schema.string, bodyMediaType: "text/calendar",
              responses: [200: "The summary: created, updated, cancelled, unchanged, skipped and warnings (line and reason), guests; and unknown attendees",
                          403: "Not allowed to plan meetings", 413: "Larger than 4 MiB", 422: "Not an iCalendar file (the line and what is wrong)"]) { request, context, s in
            let buffer = try await request.body.collect(upTo: WebPages.calendarLimit)
            let dryRun = request.uri.queryParameters.get("dryRun") == "true"
            let (summary, unknown) = try await s.calendars.importCalendar(Data(buffer.readableBytesView), name: "body", dryRun: dryRun)
            struct View: Encodable { var summary: ImportSummary; var unknownAttendees: [String] }
            return try JSONResponse.make(View(summary: summary, unknownAttendees: unknown))
        },
    ]
}

/// `/feeds`: calendars participants subscribe to, with entity tags.
enum FeedsController {
    static let routes: [Route] = [
        Route(method: .post, path: "/api/feeds/tokens", summary: "A feed token: a calendar URL that reads one feed as you, and nothing else",
              body: Schema.object(["person": Schema.string, "opd": Schema.string], required: []),
              responses: [201: "The token and the feed URL carrying it (an earlier token of yours for this feed stops working)",
                          400: "Neither or both of person and opd", 403: "A feed you may not read", 404: "No such person"]) { request, context, s in
            let body = try await request.decode(as: FeedTokenBody.self, context: context)
            let scope: FeedScope
            switch (body.person, body.opd) {
            case let (person?, nil): scope = .person(try PersonID(person))
            case let (nil, opd?): scope = .opd(opd)
            default: throw APIError.missing("person or opd", example: "{\"person\":\"197108021999062011\"}")
            }
            let (token, url) = try await s.calendars.feedToken(scope, ownerHash: context.tokenHash)
            return try JSONResponse.make(["token": token, "url": url], status: .created, headers: [.location: url])
        },
        Route(method: .get, path: "/feeds/person/{nip}", summary: "iCalendar feed of a person's meetings (.ics); ?token= takes a feed token",
              query: [.query("token", "A feed token for this feed (POST /feeds/tokens), for calendar clients that cannot send headers")],
              responses: [200: "The feed (text/calendar)", 304: "Unchanged since the ETag given", 400: "A malformed NIP",
                          403: "Another person's feed, or a feed token of another feed", 404: "No such person"], tokenInQuery: true) { request, context, s in
            let nip = try PersonID(String((context.parameters.get("nip") ?? "").prefix { $0 != "." }))
            return try await feed(request, context, .person(nip), s)
        },
        Route(method: .get, path: "/feeds/opd/{name}", summary: "iCalendar feed of an OPD's meetings (.ics); ?token= takes a feed token",
              query: [.query("token", "A feed token for this feed (POST /feeds/tokens), for calendar clients that cannot send headers")],
              responses: [200: "The feed (text/calendar)", 304: "Unchanged since the ETag given", 403: "A feed token of another feed"],
              tokenInQuery: true) { request, context, s in
            let name = String((context.parameters.get("name") ?? "").removingPercentEncoding?.prefix { $0 != "." } ?? "")
            return try await feed(request, context, .opd(name), s)
        },
    ]

    struct FeedTokenBody: Decodable {
        var person: String?
        var opd: String?
    }

    /// The feed, once a feed token (if that is what opened the request) names this very feed.
    static func feed(_ request: Request, _ context: RapatContext, _ scope: FeedScope, _ s: Services) async throws -> Response {
        if let opened = context.feed, opened != scope.key { throw AccessDenied.otherFeed }
        return try feed(request, try await s.calendars.feedDocument(scope))
    }

    /// 304 when the client holds this version, else the calendar with its ETag.
    static func feed(_ request: Request, _ document: (bytes: [UInt8], etag: String)) throws -> Response {
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmed == document.etag }) {
            return Response(status: .notModified, headers: [.eTag: document.etag])
        }
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .eTag: document.etag, .cacheControl: "private, max-age=300"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.bytes)))
    }
}
