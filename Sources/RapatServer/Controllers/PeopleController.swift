import Foundation
import Hummingbird
import RapatCore
import RapatService

/// `/people`: who can be invited.
enum PeopleController {
    struct PersonBody: Decodable { var nip: String; var name: String; var jabatan: String?; var opd: String; var email: String? }

    static let routes: [Route] = [
        Route(method: .get, path: "/api/people", summary: "People (secretariat)", permission: .listPeople, responses: [200: "The registered people", 403: "Not the secretariat"]) { _, _, s in
            try JSONResponse.make(try await s.planning.people())
        },
        Route(method: .post, path: "/api/people", summary: "Register a person (secretariat)", permission: .registerPeople,
              body: Schema.object(["nip": Schema.string, "name": Schema.string, "jabatan": Schema.string, "opd": Schema.string, "email": Schema.string],
                                  required: ["nip", "name", "opd"]),
              responses: [201: "Registered; Location names the person", 400: "A malformed body, NIP or email", 403: "Not the secretariat",
                          409: "The NIP is registered already"]) { request, context, s in
            let body = try await request.decode(as: PersonBody.self, context: context)
            let person = try Person(id: PersonID(body.nip), name: body.name, jabatan: body.jabatan ?? "", opd: body.opd, email: body.email)
            try await s.planning.register(person)
            return try JSONResponse.make(person, status: .created, headers: [.location: "/api/people/\(person.id)"])
        },
    ]
}
