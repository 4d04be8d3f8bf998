import Foundation
import Hummingbird
import RapatCore
import RapatStore

/// The one place where Rapat's errors get their HTTP face: status code and a JSON body with the same
/// message the CLI prints.
public struct APIError: HTTPResponseError {
    public var status: HTTPResponse.Status
    public var message: String
    public var conflict: [String: String]?

    public init(_ status: HTTPResponse.Status, _ message: String, conflict: [String: String]? = nil) {
        self.status = status
        self.message = message
        self.conflict = conflict
    }

    public static let unauthenticated = APIError(.unauthorized, "give an API token: Authorization: Bearer <token> ('rapat token create')")
    public static func forbidden(_ what: String) -> APIError { APIError(.forbidden, "this token's role may not \(what)") }

    /// Maps any error of the libraries to its status.
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let e as APIError: return e
        case let e as StoreError:
            switch e {
            case .unknownMeeting, .unknownPerson, .unknownSeries, .unknownAction: return APIError(.notFound, e.description)
            case .duplicatePerson: return APIError(.conflict, e.description)
            case .busy: return APIError(.serviceUnavailable, e.description)
            case .tokenNeedsPerson, .emptyPlan: return APIError(.unprocessableContent, e.description)
            case .unsupportedURL, .cannotOpen: return APIError(.internalServerError, e.description)
            }
        case let e as PlanningError:
            if case let .doubleBooked(person, nip, other, title, time) = e {
                return APIError(.conflict, e.description, conflict: ["meeting": other.description, "title": title, "time": time, "person": person, "nip": nip.digits])
            }
            return APIError(.unprocessableContent, e.description)
        case let e as OnTimeError: return APIError(.unprocessableContent, e.description)
        case let e as MinutesError: return APIError(.unprocessableContent, e.description)
        case let e as SeriesError: return APIError(.unprocessableContent, e.description)
        case let e as InputError: return APIError(.badRequest, e.description)
        case let e as SearchError: return APIError(.badRequest, e.description)
        case is DecodingError: return APIError(.badRequest, "the request body is not the JSON this route takes: see /openapi.json")
        case let e as HTTPError: return APIError(e.status, e.body ?? e.status.reasonPhrase)
        default: return APIError(.internalServerError, "\(error)")
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: AnyEncodable] = ["error": AnyEncodable(message)]
        if let conflict { body["conflict"] = AnyEncodable(conflict) }
        return try JSONResponse.make(body, status: status)
    }
}

/// Wraps any Encodable so heterogeneous JSON objects can be written.
struct AnyEncodable: Encodable {
    let encode: (Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encode = value.encode }
    func encode(to encoder: Encoder) throws { try encode(encoder) }
}

enum JSONResponse {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }
}
