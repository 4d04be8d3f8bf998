import Foundation
import Hummingbird
import RapatCore
import RapatService
import RapatStore

/// Search and reports over the archive.
enum ArchiveController {
    static let routes: [Route] = [
        Route(method: .get, path: "/search", summary: "Full-text search (secretariat; archivist: approved minutes only)", permission: .search,
              query: [.query("q", "The words, \"phrases\", prefix*, AND/OR/NOT/-word", required: true), .query("from", "From this date"),
                      .query("to", "Up to and including this date"), .query("opd", "With someone of this OPD"), .query("limit", "At most this many hits (default 20)")],
              responses: [200: "The hits, best first", 400: "No words, or a malformed query or date", 403: "A participant"]) { request, _, s in
            let q = request.uri.queryParameters
            guard let text = q.get("q") else { throw APIError.missing("q", example: "/search?q=anggaran") }
            let query = SearchQuery(text, from: try q.get("from").map { try Bounds.lower($0, zone: Zone.jakarta) },
                                    to: try q.get("to").map { try Bounds.upper($0, zone: Zone.jakarta) }, opd: q.get("opd"),
                                    limit: min(200, max(1, Int(q.get("limit") ?? "20") ?? 20)))
            return try JSONResponse.make(try await s.archive.search(query))
        },
        Route(method: .get, path: "/reports/punctuality", summary: "Punctuality per meeting, person and OPD, with action items (secretariat)", permission: .readReports,
              query: [.query("from", "From this date", required: true), .query("to", "Up to and including this date", required: true),
                      .query("opd", "Only meetings with someone of this OPD")],
              responses: [200: "The report", 400: "A missing or malformed date", 403: "Not the secretariat"]) { request, _, s in
            let q = request.uri.queryParameters
            guard let from = q.get("from"), let to = q.get("to") else { throw APIError.missing("from, to", example: "?from=2020-12-01&to=2020-12-31") }
            return try JSONResponse.make(try await s.reports.punctuality(from: from, to: to, opd: q.get("opd")))
        },
    ]
}

/// `/feeds`: calendars participants subscribe to, with entity tags.
enum FeedsController {
    static let routes: [Route] = [
        Route(method: .get, path: "/feeds/person/{nip}", summary: "iCalendar feed of a person's meetings (.ics); ?token= accepted",
              query: [.query("token", "The API token, for calendar clients that cannot send headers")],
              responses: [200: "The feed (text/calendar)", 304: "Unchanged since the ETag given", 400: "A malformed NIP", 403: "Another person's feed",
                          404: "No such person"], tokenInQuery: true) { request, context, s in
            let nip = try NIP(String((context.parameters.get("nip") ?? "").prefix { $0 != "." }))
            return try feed(request, try await s.calendars.feedDocument(.person(nip)))
        },
        Route(method: .get, path: "/feeds/opd/{name}", summary: "iCalendar feed of an OPD's meetings (.ics); ?token= accepted",
              query: [.query("token", "The API token, for calendar clients that cannot send headers")],
              responses: [200: "The feed (text/calendar)", 304: "Unchanged since the ETag given"], tokenInQuery: true) { request, context, s in
            let name = String((context.parameters.get("name") ?? "").removingPercentEncoding?.prefix { $0 != "." } ?? "")
            return try feed(request, try await s.calendars.feedDocument(.opd(name)))
        },
    ]

    /// 304 when the client holds this version, else the calendar with its ETag.
    static func feed(_ request: Request, _ document: (bytes: [UInt8], etag: String)) throws -> Response {
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmed == document.etag }) {
            return Response(status: .notModified, headers: [.eTag: document.etag])
        }
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .eTag: document.etag, .cacheControl: "private, max-age=300"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.bytes)))
    }
}
