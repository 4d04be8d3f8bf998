import Foundation
import Hummingbird
import RapatCalendar
import RapatCore
import RapatService
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

    /// A refusal whose message is said in the client's language when the response is made.
    var localized: Message?

    public static let unauthenticated = APIError(.unauthorized, Message.unauthenticated.text(.en), localized: .unauthenticated)

    static func missing(_ name: String, example: String) -> APIError {
        let message = Message.missingParameter(name, example: example)
        return APIError(.badRequest, message.text(.en), localized: message)
    }

    init(_ status: HTTPResponse.Status, _ message: String, localized: Message?) {
        self.init(status, message)
        self.localized = localized
    }

    /// Maps any error of the libraries to its status, with its message in `language`; a 500 says only
    /// `requestID`, under which the detail is logged.
    public static func from(_ error: any Error, _ language: Language = .id, requestID: String = "-") -> APIError {
        var api = status(of: error)
        if let localized = api.localized {
            api.message = localized.text(language)
        } else if api.status == .internalServerError {
            api.message = Message.internalError(requestID: requestID).text(language)
        } else if !(error is APIError || error is HTTPError) {
            api.message = Catalogue.text(error, language)
        }
        return api
    }

    static func status(of error: any Error) -> APIError {
        switch error {
        case let e as APIError: return e
        case is AccessDenied: return APIError(.forbidden, "")
        case let e as StoreError:
            switch e {
            case .unknownMeeting, .unknownPerson, .unknownSeries, .unknownAction: return APIError(.notFound, "")
            case .duplicatePerson, .duplicateUser, .keyRegisteredElsewhere, .sealDisagrees, .signingKeyNeeded, .unregisteredKey: return APIError(.conflict, "")
            case .unverifiedSeal: return APIError(.unprocessableContent, "")
            case .busy, .serverRefused: return APIError(.serviceUnavailable, "")
            case .unknownToken, .unknownUser: return APIError(.notFound, "")
            case .tokenNeedsPerson, .emptyPlan, .numbersExhausted, .tokenPrefixTooShort, .notAGuest, .linkToGuest: return APIError(.unprocessableContent, "")
            case .unsupportedURL, .cannotOpen, .unreachable, .loginRefused, .noDatabase: return APIError(.serviceUnavailable, "")
            }
        case let e as PlanningError:
            if case let .doubleBooked(person, nip, other, title, time) = e {
                return APIError(.conflict, "", conflict: ["meeting": other.description, "title": title, "time": time, "person": person, "nip": nip.key])
            }
            return APIError(.unprocessableContent, "")
        case is OnTimeError, is MinutesError, is SeriesError: return APIError(.unprocessableContent, "")
        case is InputError, is SearchError: return APIError(.badRequest, "")
        case is ICalError: return APIError(.unprocessableContent, "")
        case is DecodingError: return APIError(.badRequest, "", localized: .badBody)
        case let e as HTTPError: return APIError(e.status, e.body ?? e.status.reasonPhrase)
        case let e as HTTPResponseError where e.status == .contentTooLarge:
            return APIError(e.status, "", localized: .tooLarge(RapatContext.bodyLimit))
        case let e as HTTPResponseError where e.status.code < 500: return APIError(e.status, e.status.reasonPhrase)
        default: return APIError(.internalServerError, "")
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
        make(encoded: ByteBuffer(data: try encoder.encode(value)), status: status, headers: headers)
    }

    /// A response of JSON already encoded (by `encoder`).
    static func make(encoded body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
