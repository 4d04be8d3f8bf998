import Foundation
import Hummingbird
import RapatCore
import RapatMinutes
import RapatService
import RapatStore

/// The notula editor: per agenda item the discussion (who said what), decisions and action items; the earlier
/// meetings' open action items to follow up; approval by the chair; then read-only, with corrections as new
/// sealed versions and a comparison of any two.
extension WebPages {
    func registerMinutes(on router: Router<RapatContext>) {
        router.get("/rapat/:id/notula") { request, context in try await minutesPage(request, context) }
        router.get("/rapat/:id/notula/versi") { request, context in try await minutesComparison(request, context) }
        router.get("/rapat/:id/dokumen/:jenis") { request, context in try await officialDocument(request, context) }
        for action in ["catatan", "keputusan", "tugas", "hapus", "tindak-lanjut-lalu", "setujui", "koreksi"] {
            router.post("/rapat/:id/notula/\(action)") { request, context in try await minutesAction(request, context, action) }
        }
    }

    func minutesPage(_ request: Request, _ context: RapatContext, error: (message: String, status: HTTPResponse.Status)? = nil,
                     form: FormData? = nil) async throws -> Response {
        try await signedIn(request, context) { s in
            let l = context.language, t = WebText.labels(l), text = DateText(l)
            let v = try await s.minutes.editor(try meetingID(context))
            let m = v.meeting
            func name(_ nip: PersonID) -> String { v.people[nip]?.name ?? nip.key }
            func owner(_ o: ActionOwner) -> String {
                switch o {
                case let .opd(opd): return opd
                case let .person(nip): return name(nip)
                }
            }
            func actionRow(_ a: ActionItem) -> [String: Any] {
                ["number": a.number, "text": a.text, "owner": owner(a.owner), "due": a.due.map { text.date($0) } ?? "",
                 "done": a.status == .done]
            }
            func entries(_ key: Int?) -> [String: Any] {
                let decisions = m.minutes.decisions.filter { $0.itemKey == key }, actions = m.minutes.actions.filter { $0.itemKey == key }
                let notes = m.minutes.notes.enumerated().filter { $0.element.itemKey == key }
                return ["notes": notes.map { ["index": $0.offset, "speaker": $0.element.speaker ?? "", "text": $0.element.text] },
                        "decisions": decisions.map { ["number": $0.number, "text": $0.text] }, "has_decisions": !decisions.isEmpty,
                        "actions": actions.map(actionRow), "has_actions": !actions.isEmpty]
            }
            var items: [[String: Any]] = m.agenda.enumerated().map { i, item in
                entries(item.key).merging(["position": i + 1, "title": item.title, "presenter": (item.presenterNIP.map(name) ?? item.presenter).flatMap { $0.isEmpty ? nil : $0 } as Any]) { a, _ in a }
            }
            // What belongs to no item: the meeting as a whole.
            items.append(entries(nil).merging(["position": 0, "title": t["generalMinutes"]!, "general": true]) { a, _ in a })
            var data: [String: Any] = [
                "meeting": ["id": m.id.description, "title": m.title, "when": when(m, l), "chair": name(m.chair),
                            "notulis": m.notulis.map(name) ?? "", "statusLabel": WebText.status(m.status, l), "status": m.status.rawValue],
                "items": items, "mayWrite": v.mayWrite, "mayApprove": v.mayApprove, "mayCorrect": v.mayCorrect,
                "opds": try await s.archive.opds(),
                "approveLabel": context.webPrincipal.person == m.chair ? t["approve"]! : "\(t["approveFor"]!) \(name(m.chair))",
                "decisionNumbers": m.minutes.decisions.map { ["number": $0.number, "text": $0.text] }, "has_decisionNumbers": !m.minutes.decisions.isEmpty,
                "itemChoices": m.agenda.enumerated().map { ["position": $0.offset + 1, "title": $0.element.title] },
                "notYetEnded": v.mayWrite && m.status != .ended,
            ]
            if let approval = m.minutes.approval {
                data["approved"] = "\(t["approvedBy"]!) \(name(approval.by)), \(text.dateTime(approval.at, zone: m.zone))"
                    + (l == .en ? " (version \(approval.version))" : " (versi \(approval.version))")
            }
            data["followUps"] = v.followUps.map { r -> [String: Any] in
                ["earlier": r.id.meeting.description, "current": m.id.description, "number": r.id.number, "title": r.meetingTitle, "date": text.date(r.meetingDate),
                 "owner": r.ownerOPD, "text": r.action.text, "due": r.action.due.map { text.date($0) } ?? "—",
                 "overdue": r.action.due.map { $0 < v.today } ?? false]
            }
            data["has_followUps"] = !v.followUps.isEmpty
            data["versions"] = v.versions.map { ver -> [String: Any] in
                ["version": ver.version, "by": name(ver.approvedBy), "at": text.dateTime(ver.approvedAt, zone: m.zone), "reason": ver.reason ?? "",
                 "digest": String(ver.digest.prefix(16))]
            }
            data["has_versions"] = !v.versions.isEmpty
            data["canCompare"] = v.versions.count > 1
            data["lastVersion"] = v.versions.last?.version ?? 0
            data["previousVersion"] = max(1, (v.versions.last?.version ?? 1) - 1)
            if let error {
                data["error"] = error.message
                data["posted"] = ["text": form?["isi"] ?? "", "reason": form?["alasan"] ?? ""]
            }
            return view.page("notula", request, context, nav: "meetings", status: error?.status ?? .ok, data)
        }
    }

    func minutesAction(_ request: Request, _ context: RapatContext, _ action: String) async throws -> Response {
        try await postedOnMeeting(request, context) { form, s, id in
            let text = form.filled
            func number(_ name: String) throws -> Int? {
                guard let raw = text(name) else { return nil }
                guard let n = Int(raw), n >= 0 else { throw InputError.invalidValue(field: name, value: raw, hint: "a number from the form") }
                return n == 0 ? nil : n
            }
            var anchor = ""
            do {
                switch action {
                case "catatan":
                    let item = try number("acara") ?? 0
                    anchor = "#acara-\(item)"
                    _ = try await s.minutes.note(id, item: item, text: form["isi"] ?? "", speaker: text("pembicara"))
                case "keputusan":
                    anchor = "#acara-\(try number("acara") ?? 0)"
                    _ = try await s.minutes.decide(id, item: try number("acara"), text: form["isi"] ?? "")
                case "tugas":
                    anchor = "#acara-\(try number("acara") ?? 0)"
                    guard let owner = text("pemilik") else { throw InputError.missing("pemilik", "name the OPD (or the NIP of the person) who follows it up") }
                    _ = try await s.minutes.action(id, item: try number("acara"), owner: owner, due: text("tenggat"), text: form["isi"] ?? "")
                case "hapus":
                    guard let n = Int(form["nomor"] ?? "") else { throw InputError.missing("nomor", "remove an entry from its button") }
                    let entry: MinutesEntry
                    switch form["jenis"] {
                    case "catatan": entry = .note(n)
                    case "keputusan": entry = .decision(n)
                    case "tugas": entry = .action(n)
                    default: throw InputError.invalidValue(field: "jenis", value: form["jenis"] ?? "", hint: "catatan, keputusan or tugas")
                    }
                    anchor = "#acara-\(try number("acara") ?? 0)"
                    _ = try await s.minutes.remove(id, entry, text: form["isi"] ?? "")
                case "tindak-lanjut-lalu":
                    anchor = "#tindak-lanjut-lalu"
                    let earlier = try MeetingID(form["rapat"] ?? "")
                    guard let n = try number("nomor") else { throw InputError.missing("nomor", "choose the action item from the list") }
                    _ = try await s.minutes.followUp(ActionID(meeting: earlier, number: n), done: true, note: text("catatan"), from: id)
                case "setujui":
                    // The chair approves as themselves; the secretariat records the chair's approval (the policy decides who may).
                    _ = try await s.minutes.approve(id, by: try await s.archive.meeting(id).chair, at: nil)
                default:
                    let m = try await s.archive.meeting(id)
                    var correction = MinutesCorrection()
                    if let n = try number("nomor-keputusan"), let replaced = text("keputusan-ganti") { correction.replaceDecisions = [(n, replaced)] }
                    if let added = text("keputusan-baru") { correction.decisions = [added] }
                    if let item = try number("acara"), let note = text("catatan-baru") { correction.notes = [(item, note)] }
                    _ = try await s.minutes.correct(id, by: m.chair, reason: form["alasan"] ?? "", correction)
                    anchor = "#riwayat"
                }
                return WebView.redirect("/rapat/\(id)/notula\(anchor)")
            } catch let e where !(e is AccessDenied) && Catalogue.knows(e) {
                let status: HTTPResponse.Status = e is MinutesError ? .conflict : .badRequest
                return try await minutesPage(request, context, error: (Catalogue.text(e, context.language), status), form: form)
            }
        }
    }

    /// An official document as A4 HTML for the browser's print (its PDF): undangan, notula or daftar hadir.
    func officialDocument(_ request: Request, _ context: RapatContext) async throws -> Response {
        try await signedIn(request, context) { s in
            guard let kind = context.parameters.get("jenis").flatMap(DocumentRenderer.Document.init(rawValue:)) else {
                return view.error(request, context, status: .notFound, message: context.language == .en
                                  ? "No such document: undangan, notula or daftar-hadir." : "Dokumen tidak ada: undangan, notula atau daftar-hadir.")
            }
            let id = try meetingID(context)
            let host = request.head.authority ?? "127.0.0.1"
            let scheme = WebSessions.isSecure(request) ? "https" : "http"
            let html = try await s.documents.render(id, document: kind, format: .html, template: nil, letterhead: nil, language: context.language,
                                                    stylesheetLink: "<link rel=\"stylesheet\" href=\"/static/dokumen.css\">",
                                                    verification: "\(scheme)://\(host)/rapat/\(id)/notula")
            return WebView.html(html)
        }
    }

    /// Two sealed versions side by side as one list: kept lines, removed lines, added lines.
    func minutesComparison(_ request: Request, _ context: RapatContext) async throws -> Response {
        try await signedIn(request, context) { s in
            let l = context.language
            let id = try meetingID(context)
            let q = FormData.query(request)
            func version(_ name: String) throws -> Int {
                guard let raw = q[name], let n = Int(raw), n >= 1 else {
                    throw InputError.invalidValue(field: name, value: q[name] ?? "", hint: "a version number, 1 or more")
                }
                return n
            }
            let m = try await s.archive.meeting(id)
            let (old, new) = (try version("dari"), try version("ke"))
            let lines = try await s.minutes.compare(id, from: old, to: new, language: l)
            let changed = lines.filter { $0.change != .same }.count
            return view.page("notula-versi", request, context, nav: "meetings", [
                "meeting": ["id": id.description, "title": m.title], "old": old, "new": new,
                "summary": l == .en ? "\(changed) lines changed between version \(old) and version \(new)."
                    : "\(changed) baris berubah dari versi \(old) ke versi \(new).",
                "lines": lines.map { ["text": $0.text, "added": $0.change == .added, "removed": $0.change == .removed, "same": $0.change == .same] },
            ])
        }
    }
}
