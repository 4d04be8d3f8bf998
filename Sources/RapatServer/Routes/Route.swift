import Foundation
import Hummingbird
import RapatService

/// One route of the JSON API: what the router serves and what the OpenAPI document says of it, in one value.
struct Route: Sendable {
    struct Parameter: Sendable {
        enum Place: String, Sendable { case path, query }
        var name: String
        var place: Place
        var required: Bool
        var description: String
    }

    var method: HTTPRequest.Method
    /// OpenAPI form: `/meetings/{id}`.
    var path: String
    var summary: String
    /// What the principal must be allowed to do; the access policy answers before the handler runs.
    var permission: Permission? = nil
    /// Asked of the meeting the path names: the role's permission, or being that meeting's chair or minute-taker.
    var meetingPermission: Permission? = nil
    var query: [Parameter] = []
    /// The JSON schema of the request body, if the route takes one.
    var body: [String: any Sendable]?
    /// The media type of that body.
    var bodyMediaType = "application/json"
    /// Status codes besides those every route shares (401, 500), with what they mean.
    var responses: [Int: String]
    /// Calendar feeds also accept the token as `?token=`.
    var tokenInQuery = false
    var handler: @Sendable (Request, RapatContext, Services) async throws -> Response

    /// The path parameters, from the path itself.
    var pathParameters: [Parameter] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
            Parameter(name: String($0.dropFirst().dropLast()), place: .path, required: true, description: "")
        }
    }

    /// Hummingbird's form: `/meetings/:id` (a parameter takes its whole segment, `.ics` included).
    var routerPath: String {
        "/" + path.split(separator: "/").map { $0.hasPrefix("{") ? ":" + $0.dropFirst().dropLast() : String($0) }.joined(separator: "/")
    }

    var requiresToken: Bool { path != "/api/openapi.json" }
}

extension Route.Parameter {
    static func query(_ name: String, _ description: String, required: Bool = false) -> Route.Parameter {
        Route.Parameter(name: name, place: .query, required: required, description: description)
    }
}

/// JSON schema fragments for request bodies.
enum Schema {
    static let string: [String: any Sendable] = ["type": "string"]
    static let integer: [String: any Sendable] = ["type": "integer"]

    static func object(_ properties: [String: [String: any Sendable]], required: [String] = []) -> [String: any Sendable] {
        var o: [String: any Sendable] = ["type": "object", "properties": properties]
        if !required.isEmpty { o["required"] = required }
        return o
    }

    static func array(_ items: [String: any Sendable]) -> [String: any Sendable] { ["type": "array", "items": items] }

    static let agendaItem = object(["title": string, "presenter": string, "presenterNip": string, "minutes": integer,
                                    "standing": ["type": "boolean", "description": "Recurs in every meeting of a series, never carried over"]],
                                   required: ["title", "minutes"])
    static let step = object(["at": string, "reason": string])
}
