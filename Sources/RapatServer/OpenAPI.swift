import Foundation
import Hummingbird

/// The OpenAPI 3.1 document generated from `RapatAPI.table`, served at /api/openapi.json: every route with its
/// parameters, request body and status codes. Built once.
enum OpenAPI {
    static let route = Route(method: .get, path: "/api/openapi.json", summary: "This document", responses: [200: "The OpenAPI document"]) { _, _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static let bytes: [UInt8] = Array((try? JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys])) ?? Data("{}".utf8))

    static let shared: [Int: String] = [401: "No valid API token", 500: "An internal error (logged)"]

    static func document() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        let error: [String: Any] = ["application/json": ["schema": ["type": "object", "properties": ["error": ["type": "string"]]]]]
        for route in RapatAPI.table {
            var responses: [String: Any] = [:]
            for (code, description) in route.responses.merging(route.requiresToken ? shared : [500: shared[500]!], uniquingKeysWith: { a, _ in a }) {
                var response: [String: Any] = ["description": description]
                if code >= 400 { response["content"] = error }
                responses[String(code)] = response
            }
            var operation: [String: Any] = [
                "summary": route.summary, "operationId": operationID(route), "responses": responses,
            ]
            let parameters = route.pathParameters + route.query
            if !parameters.isEmpty {
                operation["parameters"] = parameters.map {
                    ["name": $0.name, "in": $0.place.rawValue, "required": $0.required, "schema": ["type": "string"], "description": $0.description]
                }
            }
            if let body = route.body {
                operation["requestBody"] = ["required": route.path.hasSuffix("/start") || route.path.hasSuffix("/next") || route.path.hasSuffix("/end") ? false : true,
                                            "content": [route.bodyMediaType: ["schema": body]]]
            }
            if route.requiresToken { operation["security"] = [["bearer": [String]()]] }
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation
        }
        return ["openapi": "3.1.0", "info": ["title": "Rapat", "version": "0.1.0"], "paths": paths,
                "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]]]
    }

    /// `get_meetings_id_agenda`: unique per method and path.
    static func operationID(_ route: Route) -> String {
        ([route.method.rawValue.lowercased()] + route.path.split(separator: "/").map { $0.filter { $0.isLetter || $0.isNumber } }).joined(separator: "_")
    }
}
