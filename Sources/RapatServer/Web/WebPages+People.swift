import Foundation
import Hummingbird
import RapatCore
import RapatService
import RapatStore

/// Orang: people per OPD, adding and editing one, and importing many from a spreadsheet's CSV.
extension WebPages {
    func people(_ request: Request, _ context: RapatContext, flash: String? = nil, importError: String? = nil, csv: String = "",
                status: HTTPResponse.Status = .ok) async throws -> Response {
        try await signedIn(request, context) { s in
            let people = try await s.planning.people()
            let groups = Dictionary(grouping: people, by: \.opd).sorted { $0.key.lowercased() < $1.key.lowercased() }.enumerated().map { i, g -> [String: Any] in
                ["opd": g.key, "key": i, "count": g.value.count,
                 "people": g.value.sorted { $0.name < $1.name }.map { ["name": $0.name, "nip": $0.id.key, "guest": $0.isGuest, "jabatan": $0.jabatan, "pangkat": $0.pangkat ?? "",
                                                                     "email": $0.email ?? ""] }]
            }
            return view.page("orang", request, context, nav: "people", status: status,
                             ["groups": groups, "flash": flash as Any, "importError": importError as Any, "csv": csv])
        }
    }

    func personForm(_ request: Request, _ context: RapatContext, editing: Person?, values: FormData?, error: (field: String, message: String)?,
                    linkError: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        try await signedIn(request, context) { s in
            try AccessPolicy.require(s.principal, .registerPeople)
            let l = context.language
            func value(_ name: String, _ current: String?) -> String { values?[name] ?? current ?? "" }
            let person: [String: Any] = ["nip": value("nip", editing?.id.key), "name": value("nama", editing?.name), "jabatan": value("jabatan", editing?.jabatan),
                                         "pangkat": value("pangkat", editing?.pangkat), "opd": value("opd", editing?.opd), "email": value("email", editing?.email)]
            let heading = editing == nil ? (l == .en ? "Add a person" : "Tambah orang") : (l == .en ? "Edit \(editing!.name)" : "Ubah \(editing!.name)")
            // A guest's page offers to link them to the registered person they are (chosen like a chair: "name · NIP").
            var guest: [String: Any] = [:]
            if let editing, editing.isGuest {
                let registered = try await s.planning.people().filter { !$0.isGuest }
                guest = ["guest": true, "linkError": linkError as Any,
                         "registered": registered.map { ["nip": $0.id.key, "name": $0.name, "jabatan": $0.jabatan, "opd": $0.opd] }]
                if let to = editing.linkedTo, let p = registered.first(where: { $0.id == to }) { guest["linkedTo"] = "\(p.name) · \(to.key)" }
            }
            return view.page("orang-form", request, context, nav: "people", status: status, guest.merging([
                "heading": heading, "person": person, "editing": editing != nil, "opds": try await s.archive.opds(),
                "action": editing.map { "/orang/\($0.id.key)/ubah" } ?? "/orang/baru",
                "error": error?.message as Any, "errorField": error.map { [$0.field: true] } ?? [:],
            ]) { a, _ in a })
        }
    }

    func savePerson(_ request: Request, _ context: RapatContext, editing nip: PersonID?) async throws -> Response {
        let form = try await FormData.read(request)
        if let refusal = refusedWithoutToken(request, context, form["_csrf"]) { return refusal }
        let s = services(context)
        var existing: Person?
        if let nip { existing = try await s.planning.person(nip) }
        do throws(any Error) {
            let person = try Person(id: PersonID(nip?.key ?? form["nip"] ?? ""), name: form["nama"] ?? "", jabatan: form["jabatan"] ?? "", opd: form["opd"] ?? "",
                                    email: (form["email"] ?? "").isEmpty ? nil : form["email"], pangkat: form["pangkat"])
            if existing == nil { try await s.planning.register(person) } else { try await s.planning.update(person) }
            return WebView.redirect("/orang?disimpan=\(person.id.key)")
        } catch let e where !(e is AccessDenied) && Catalogue.knows(e) {
            var field = "nama"
            if let input = e as? InputError {
                switch input {
                case let .missing(f, _), let .invalidValue(f, _, _): field = ["NIP": "nip", "name": "nama", "OPD": "opd", "email": "email"][f] ?? "nama"
                case .invalidEmail: field = "email"
                case .invalidNIP: field = "nip"
                default: break
                }
            } else if case .duplicatePerson? = e as? StoreError {
                field = "nip"
            }
            let status: HTTPResponse.Status = (e as? StoreError).map { if case .duplicatePerson = $0 { .conflict } else { .badRequest } } ?? .badRequest
            return try await personForm(request, context, editing: existing, values: form, error: (field, Catalogue.text(e, context.language)), status: status)
        }
    }

    /// Links a guest to the registered person the form names; back to the guest's page with the reason when refused.
    func linkGuest(_ request: Request, _ context: RapatContext, guest: PersonID) async throws -> Response {
        let form = try await FormData.read(request)
        if let refusal = refusedWithoutToken(request, context, form["_csrf"]) { return refusal }
        let s = services(context)
        let existing = try await s.planning.person(guest)
        do throws(any Error) {
            let person = try await s.planning.person(named: form["tautan"] ?? "", field: "tautan")
            let link = try await s.planning.linkGuest(guest, to: person.id)
            let l = context.language
            let flash = l == .en ? "\(existing.name) is linked to \(person.name) (NIP \(person.id)); \(link.meetings.count) meetings now name them."
                : "\(existing.name) ditautkan ke \(person.name) (NIP \(person.id)); \(link.meetings.count) rapat kini menyebutnya."
            return try await people(request, context, flash: flash)
        } catch let e where !(e is AccessDenied) && Catalogue.knows(e) {
            return try await personForm(request, context, editing: existing, values: nil, error: nil, linkError: Catalogue.text(e, context.language),
                                        status: .unprocessableContent)
        }
    }

    func importPeople(_ request: Request, _ context: RapatContext) async throws -> Response {
        let form = try await FormData.read(request, limit: 2 << 20)
        if let refusal = refusedWithoutToken(request, context, form["_csrf"]) { return refusal }
        let csv = form["csv"] ?? ""
        do {
            let added = try await services(context).planning.importPeople(csv: csv)
            let l = context.language
            return try await people(request, context, flash: l == .en ? "\(added.count) people imported." : "\(added.count) orang diimpor.")
        } catch let e where !(e is AccessDenied) && Catalogue.knows(e) {
            return try await people(request, context, importError: Catalogue.text(e, context.language) + (context.language == .en ? " Nothing was imported." : " Tidak ada yang diimpor."),
                                    csv: csv, status: .unprocessableContent)
        }
    }
}
