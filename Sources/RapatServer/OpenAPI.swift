import Foundation
import Hummingbird

/// The OpenAPI 3.1 document of the routes in `RapatAPI.routes`, served at /openapi.json.
enum OpenAPI {
    static let summaries: [String: String] = [
        "GET /openapi.json": "This document",
        "GET /people": "People (secretariat)", "POST /people": "Register a person (secretariat); 201 + Location, 409 if the NIP exists",
        "GET /meetings": "Meetings: all (secretariat), own (participant), approved (archivist); ?from&to&opd&status",
        "POST /meetings": "Plan a meeting (secretariat); 201 + Location, 409 double-booked (the other meeting in 'conflict'), 422 rule violation",
        "GET /meetings/{id}": "One meeting; 404 unknown, 403 not visible to the token",
        "GET /meetings/{id}/agenda": "The agenda with time boxes and actual times",
        "POST /meetings/{id}/agenda": "Add an item {title, presenter?, presenterNip?, minutes}; 422 when the agenda no longer fits",
        "POST /meetings/{id}/start": "Start; body {at?, reason?} (a late start needs a reason: 422)",
        "POST /meetings/{id}/checkins": "Check in {nip, category?, at?, representative?, note?}; a participant only as themselves",
        "POST /meetings/{id}/next": "Close the running agenda item, open the next", "POST /meetings/{id}/end": "End the meeting",
        "GET /meetings/{id}/minutes": "The minutes", "POST /meetings/{id}/minutes/decisions": "Add a decision {text, item?}",
        "POST /meetings/{id}/minutes/approve": "Approve {by: chair NIP}; frozen afterwards",
        "GET /search": "Full-text search ?q&from&to&opd&limit (secretariat; archivist: approved minutes only)",
        "GET /reports/punctuality": "Punctuality report ?from&to (secretariat)",
        "GET /feeds/person/{nip}": "iCalendar feed of a person (.ics), ?token= allowed, ETag/If-None-Match",
        "GET /feeds/opd/{name}": "iCalendar feed of an OPD (.ics), ?token= allowed, ETag/If-None-Match",
    ]

    static func document() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for (method, path) in RapatAPI.routes {
            var operation: [String: Any] = ["summary": summaries["\(method) \(path)"] ?? path, "responses": ["200": ["description": "OK"]]]
            let parameters = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { p -> [String: Any] in
                ["name": String(p.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if path != "/openapi.json" { operation["security"] = [["bearer": [String]()]] }
            paths[path, default: [:]][method.lowercased()] = operation
        }
        return ["openapi": "3.1.0", "info": ["title": "Rapat", "version": "0.1.0"], "paths": paths,
                "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]]]
    }

    static func response() throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
    }
}
