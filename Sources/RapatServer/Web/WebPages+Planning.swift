import Foundation
import Hummingbird
import RapatCore
import RapatService
import RapatStore

/// Rapat baru and cancelling: the same planning rules as every face, each refusal shown beside its field.
extension WebPages {
    static let agendaRows = 8
    static let zones: [(id: String, id_label: String, en_label: String)] = [
        ("Asia/Jakarta", "WIB (Asia/Jakarta)", "WIB (Asia/Jakarta)"), ("Asia/Makassar", "WITA (Asia/Makassar)", "WITA (Asia/Makassar)"),
        ("Asia/Jayapura", "WIT (Asia/Jayapura)", "WIT (Asia/Jayapura)"),
    ]

    /// The form as sent, or empty.
    struct PlanForm {
        var fields: FormData

        subscript(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespaces) }

        var participants: [String] { fields.fields["peserta"] ?? [] }

        /// The form with its chair and minute-taker fields (a name, "name · NIP" as the list offers, or a NIP)
        /// turned into the NIPs of the registered people they name.
        func resolved(_ planning: Planning) async throws -> PlanForm {
            var copy = self
            for field in ["pimpinan", "notulis"] where !self[field].isEmpty {
                copy.fields.fields[field] = [try await planning.person(named: self[field], field: field).id.key]
            }
            return copy
        }

        /// The NIP of the chair the form names, as digits, or the field as typed (to place a refusal beside its field).
        func chairNIP(_ planning: Planning) async -> String {
            (try? await planning.person(named: self["pimpinan"], field: "pimpinan").id.key) ?? self["pimpinan"]
        }

        /// What `Planning` takes, from the fields a browser sent.
        func request() -> PlanRequest {
            var agenda: [PlanRequest.Item] = []
            for i in 0..<WebPages.agendaRows where !self["acara-\(i)"].isEmpty {
                agenda.append(.init(title: self["acara-\(i)"], presenterNip: self["penyaji-\(i)"].isEmpty ? nil : self["penyaji-\(i)"],
                                    minutes: Int(self["menit-\(i)"]) ?? 0))
            }
            let rule: String? = {
                let mode = self["ulang"]
                guard mode.hasPrefix("monthly-") else { return nil }
                let count = Int(self["kali"]) ?? 6
                return "FREQ=MONTHLY;BYDAY=\(mode.dropFirst("monthly-".count));COUNT=\(count)"
            }()
            return PlanRequest(title: self["judul"], kind: self["jenis"].isEmpty ? nil : self["jenis"], chair: self["pimpinan"],
                               notulis: self["notulis"].isEmpty ? nil : self["notulis"], participants: participants,
                               start: "\(self["tanggal"]) \(self["mulai"])", end: self["selesai"].isEmpty ? nil : self["selesai"],
                               minutes: self["selesai"].isEmpty ? Int(self["durasi"]) : nil, timeZone: self["zona"].isEmpty ? nil : self["zona"],
                               link: self["tautan"].isEmpty ? nil : self["tautan"], location: self["tempat"].isEmpty ? nil : self["tempat"],
                               agenda: agenda, repeat: rule)
        }
    }

    /// A refused plan's status: 409 for a double booking (another meeting holds the time), 422 for another rule, 400 for bad input.
    static func status(of error: any Error) -> HTTPResponse.Status {
        guard let e = error as? PlanningError else { return .badRequest }
        if case .doubleBooked = e { return .conflict }
        return .unprocessableContent
    }

    /// The field a refusal concerns, so the page shows it there.
    static func field(of error: any Error, chair: String) -> String {
        switch error {
        case let e as PersonNotNamed: return e.field
        case let e as PlanningError:
            switch e {
            case .endBeforeStart, .tooLong: return "selesai"
            case let .unknownPerson(nip, _): return nip.key == chair ? "pimpinan" : "peserta"
            case let .doubleBooked(_, nip, _, _, _): return nip.key == chair ? "pimpinan" : "peserta"
            case .agendaTooLong: return "acara"
            case .outsideWorkingHours: return "mulai"
            case .notAWorkingDay, .holiday: return "tanggal"
            case .recurrenceUnbounded, .recurrenceTooLong, .recurrenceInvalid, .startNotInRecurrence: return "ulang"
            default: return "judul"
            }
        case let e as InputError:
            let name: String
            switch e {
            case let .missing(f, _): name = f
            case let .invalidValue(f, value, _): name = f == "NIP" && value == chair ? "chair" : f
            default: name = ""
            }
            switch name.lowercased() {
            case "title", "judul": return "judul"
            case "chair": return "pimpinan"
            case "start", "date", "time": return "tanggal"
            case "end", "minutes": return "selesai"
            case "link": return "tautan"
            case "participant", "nip": return "peserta"
            case "agenda item", "agenda": return "acara"
            case "repeat", "rule": return "ulang"
            default: return "judul"
            }
        default: return "judul"
        }
    }

    func newMeetingForm(_ request: Request, _ context: RapatContext, form: PlanForm?, errors: [(String, String)], status: HTTPResponse.Status = .ok,
                        editing: MeetingID? = nil) async throws -> Response {
        try await signedIn(request, context) { s in
            try AccessPolicy.require(s.principal, .planMeetings)
            let l = context.language
            let people = try await s.planning.people()
            let f = form ?? PlanForm(fields: FormData())
            let chosen = Set(f.participants)
            let presenterChoices = people.filter { chosen.contains($0.id.key) || $0.id.key == f["pimpinan"] }
            var rows: [[String: Any]] = []
            var total = 0
            for i in 0..<Self.agendaRows {
                let minutes = Int(f["menit-\(i)"]) ?? 0
                total += minutes
                rows.append(["index": i, "number": i + 1, "title": f["acara-\(i)"], "minutes": minutes == 0 ? "" : String(minutes),
                             // Presenters come from the people already chosen (the page stays small with a large registry).
                             "presenters": presenterChoices.map {
                                 ["nip": $0.id.key, "name": $0.name, "selected": $0.id.key == f["penyaji-\(i)"]]
                             }])
            }
            // Participants by OPD, each OPD folded away unless someone in it is chosen (the page stays small and
            // short with a province's registry); the search field filters and unfolds them where JavaScript runs.
            let groups = Dictionary(grouping: people, by: \.opd).sorted { $0.key.lowercased() < $1.key.lowercased() }.map { opd, members -> [String: Any] in
                let picked = members.filter { chosen.contains($0.id.key) }.count
                return ["opd": opd, "open": picked > 0, "chosenLabel": picked > 0 ? "(\(picked)/\(members.count))" : "(\(members.count))",
                        "people": members.map { ["nip": $0.id.key, "name": $0.name, "jabatan": $0.jabatan, "checked": chosen.contains($0.id.key)] }]
            }
            // A chosen chair or minute-taker is shown as the list offers them: "name · NIP".
            let byNIP = people.byID
            func shown(_ field: String) -> String {
                guard let nip = try? PersonID(f[field]), let p = byNIP[nip] else { return f[field] }
                return "\(p.name) · \(nip.key)"
            }
            let days = l == .en ? ["MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday"]
                : ["MO": "Senin", "TU": "Selasa", "WE": "Rabu", "TH": "Kamis", "FR": "Jumat"]
            var modes: [[String: Any]] = [["value": "", "label": l == .en ? "Does not repeat" : "Tidak berulang", "selected": f["ulang"].isEmpty]]
            for (n, nth) in [(1, l == .en ? "first" : "pertama"), (2, l == .en ? "second" : "kedua"), (3, l == .en ? "third" : "ketiga"),
                             (4, l == .en ? "fourth" : "keempat"), (-1, l == .en ? "last" : "terakhir")] {
                for code in ["MO", "TU", "WE", "TH", "FR"] {
                    let value = "monthly-\(n)\(code)"
                    modes.append(["value": value, "label": l == .en ? "Monthly, every \(nth) \(days[code]!)" : "Tiap bulan, hari \(days[code]!) \(nth)",
                                  "selected": f["ulang"] == value])
                }
            }
            var errorMap: [String: String] = [:]
            for (field, message) in errors where errorMap[field] == nil { errorMap[field] = message }
            let data: [String: Any] = [
                "form": ["title": f["judul"], "kind": f["jenis"], "date": f["tanggal"], "startTime": f["mulai"], "endTime": f["selesai"],
                         "minutes": f["durasi"], "link": f["tautan"], "location": f["tempat"], "count": f["kali"].isEmpty ? "6" : f["kali"],
                         "chair": shown("pimpinan"), "notulis": shown("notulis")],
                "everyone": people.map { ["nip": $0.id.key, "name": $0.name, "jabatan": $0.jabatan, "opd": $0.opd] },
                "zones": Self.zones.map { ["id": $0.id, "label": l == .en ? $0.en_label : $0.id_label, "selected": $0.id == (f["zona"].isEmpty ? "Asia/Jakarta" : f["zona"])] },
                "repeatModes": modes, "groups": groups, "rows": rows, "agendaTotal": String(total),
                "boxIDs": (0..<Self.agendaRows).map { "menit-\($0)" }.joined(separator: " "),
                "errors": errorMap, "has_errors": !errors.isEmpty,
                "errorList": errors.map { ["field": $0.0, "message": $0.1] },
            ]
            var all = data
            all["editing"] = editing != nil
            all["formAction"] = editing.map { "/rapat/\($0)/ubah" } ?? "/rapat/baru"
            all["heading"] = editing.map { l == .en ? "Change \($0)" : "Ubah \($0)" } ?? WebText.labels(l)["newMeeting"]!
            return view.page("rapat-baru", request, context, nav: "meetings", status: status, all)
        }
    }

    func planMeeting(_ request: Request, _ context: RapatContext) async throws -> Response {
        let form = PlanForm(fields: try await FormData.read(request))
        if let refusal = refusedWithoutToken(request, context, form["_csrf"]) { return refusal }
        let s = services(context)
        do {
            let created = try await s.planning.plan(try await form.resolved(s.planning).request())
            return WebView.redirect("/rapat/\(created[0].id)")
        } catch let e where !(e is AccessDenied) && Catalogue.knows(e) {
            return try await newMeetingForm(request, context, form: form, errors: [(Self.field(of: e, chair: await form.chairNIP(s.planning)), Catalogue.text(e, context.language))],
                                            status: Self.status(of: e))
        }
    }

    /// The rules, run without saving, for the form's script: `{"errors": {"field": "message"}}`, empty when the plan can be saved.
    func checkPlan(_ request: Request, _ context: RapatContext) async throws -> Response {
        let form = PlanForm(fields: try await FormData.read(request))
        guard hasToken(context, form["_csrf"]) else {
            return try JSONResponse.make(["errors": ["judul": Self.csrfMessage(context.language)]], status: .forbidden)
        }
        var errors: [String: String] = [:]
        let s = services(context)
        do {
            try await s.planning.check(try await form.resolved(s.planning).request())
        } catch let e where Catalogue.knows(e) {
            errors[Self.field(of: e, chair: await form.chairNIP(s.planning))] = Catalogue.text(e, context.language)
        }
        return try JSONResponse.make(["errors": errors])
    }

    // MARK: Changing

    /// The form of a scheduled meeting, filled with what it holds now.
    func editForm(_ request: Request, _ context: RapatContext) async throws -> Response {
        try await signedIn(request, context) { s in
            try AccessPolicy.require(s.principal, .planMeetings)
            let m = try await s.archive.meeting(try meetingID(context))
            let zone = m.zone
            func hm(_ d: Date) -> String {
                let c = Calendar.gregorian(zone).dateComponents([.hour, .minute], from: d)
                return String(format: "%02d:%02d", c.hour!, c.minute!)
            }
            var fields = FormData()
            fields.fields = ["judul": [m.title], "jenis": [m.kind], "pimpinan": [m.chair.key], "notulis": [m.notulis?.key ?? ""],
                             "peserta": m.participants.map(\.key), "tanggal": [CivilDate(m.start, in: zone).description], "mulai": [hm(m.start)],
                             "selesai": [hm(m.end)], "zona": [m.timeZone], "tautan": [m.virtualLink ?? ""], "tempat": [m.location ?? ""]]
            return try await newMeetingForm(request, context, form: PlanForm(fields: fields), errors: [], editing: m.id)
        }
    }

    func changeMeeting(_ request: Request, _ context: RapatContext) async throws -> Response {
        let form = PlanForm(fields: try await FormData.read(request))
        if let refusal = refusedWithoutToken(request, context, form["_csrf"]) { return refusal }
        let s = services(context)
        let id = try meetingID(context)
        do {
            let m = try await s.archive.meeting(id)
            let form = try await form.resolved(s.planning)
            var change = MeetingChange()
            change.title = form["judul"]
            change.kind = form["jenis"].isEmpty ? nil : form["jenis"]
            change.timeZone = form["zona"].isEmpty ? nil : form["zona"]
            change.start = "\(form["tanggal"]) \(form["mulai"])"
            change.end = form["selesai"].isEmpty ? nil : form["selesai"]
            change.minutes = form["selesai"].isEmpty ? Int(form["durasi"]) : nil
            change.link = form["tautan"]
            change.location = form["tempat"]
            change.chair = try PersonID(form["pimpinan"])
            change.notulis = form["notulis"].isEmpty ? nil : try PersonID(form["notulis"])
            let chosen = Set(try form.participants.map { try PersonID($0) })
            change.addParticipants = chosen.subtracting(m.participants).sorted { $0.key < $1.key }
            change.removeParticipants = Set(m.participants).subtracting(chosen).sorted { $0.key < $1.key }
            _ = try await s.planning.update(id, change)
            return WebView.redirect("/rapat/\(id)")
        } catch let e where !(e is AccessDenied) && Catalogue.knows(e) {
            return try await newMeetingForm(request, context, form: form, errors: [(Self.field(of: e, chair: await form.chairNIP(s.planning)), Catalogue.text(e, context.language))],
                                            status: Self.status(of: e), editing: id)
        }
    }

    // MARK: Cancelling

    func cancelForm(_ request: Request, _ context: RapatContext) async throws -> Response {
        try await signedIn(request, context) { s in
            try AccessPolicy.require(s.principal, .planMeetings)
            let m = try await s.archive.meeting(try meetingID(context))
            return view.page("rapat-batal", request, context, nav: "meetings", ["id": m.id.description, "title": m.title, "when": when(m, context.language)])
        }
    }

    func cancelMeeting(_ request: Request, _ context: RapatContext) async throws -> Response {
        let form = try await FormData.read(request)
        if let refusal = refusedWithoutToken(request, context, form["_csrf"]) { return refusal }
        let id = try meetingID(context)
        _ = try await services(context).planning.cancel(id, reason: form["alasan"])
        return WebView.redirect("/rapat/\(id)?dibatalkan=1")
    }
}
