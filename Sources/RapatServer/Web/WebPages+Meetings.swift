import Foundation
import Hummingbird
import RapatCore
import RapatService
import RapatStore

/// Beranda, the meeting list and a meeting's page, and the archive search.
extension WebPages {
    static let zone = Zone.jakarta

    func when(_ m: Meeting, _ l: Language) -> String {
        let text = DateText(l)
        if m.isAllDay {
            // Days, not hours: "Senin, 28 Desember 2020 – Rabu, 30 Desember 2020 (sepanjang hari)".
            let first = text.date(m.start, zone: m.zone), last = text.date(max(m.start, m.end.addingTimeInterval(-1)), zone: m.zone)
            return (first == last ? first : first + " – " + last) + (l == .en ? " (all day)" : " (sepanjang hari)")
        }
        return text.dateTime(m.start, zone: m.zone) + "–" + text.time(m.end, zone: m.zone)
    }

    func item(_ m: Meeting, _ l: Language) -> [String: Any] {
        ["id": m.id.description, "title": m.title, "when": when(m, l), "status": m.status.rawValue, "statusLabel": WebText.status(m.status, l)]
    }

    // MARK: Beranda

    func home(_ request: Request, _ context: RapatContext) async throws -> Response {
        try await signedIn(request, context) { s in
            let l = context.language
            let today = CivilDate(Date(), in: Self.zone)
            let monday = today.adding(days: -(today.isoWeekday - 1))
            let startOfDay = today.at(hour: 0, minute: 0, in: Self.zone), endOfDay = today.adding(days: 1).at(hour: 0, minute: 0, in: Self.zone)
            let week = try await s.archive.meetings(MeetingFilter(from: monday.at(hour: 0, minute: 0, in: Self.zone),
                                                                  to: monday.adding(days: 7).at(hour: 0, minute: 0, in: Self.zone)))
            let todays = week.filter { $0.start >= startOfDay && $0.start < endOfDay }
            let others = week.filter { !($0.start >= startOfDay && $0.start < endOfDay) }
            var data: [String: Any] = ["todayLabel": DateText(l).date(today), "today": todays.map { item($0, l) }, "has_today": !todays.isEmpty,
                                       "week": others.map { item($0, l) }, "has_week": !others.isEmpty]
            if AccessPolicy.may(s.principal, .readReports) {
                let overdue = try await s.minutes.actions(ActionFilter(status: .overdue, today: today))
                let rows = Dictionary(grouping: overdue, by: \.ownerOPD).map { opd, items in
                    (opd, items.count, items.compactMap(\.action.due).min())
                }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
                data["showOverdue"] = true
                data["overdue"] = rows.map { ["opd": $0.0, "count": $0.1, "oldest": $0.2.map { DateText(l).date($0) } ?? "—"] }
                data["has_overdue"] = !rows.isEmpty
            }
            return view.page("beranda", request, context, nav: "home", data)
        }
    }

    // MARK: Rapat

    func meetings(_ request: Request, _ context: RapatContext) async throws -> Response {
        try await signedIn(request, context) { s in
            let l = context.language
            let q = FormData.query(request)
            func text(_ name: String) -> String? { q[name].flatMap { $0.isEmpty ? nil : $0 } }
            var filter = MeetingFilter(opd: text("opd"), seriesID: text("seri"), limit: Self.pageSize)
            let canPickPerson = AccessPolicy.may(s.principal, .listPeople)
            var problem: String?, participantInvalid = false
            do {
                filter.from = try text("dari").map { try CivilDate($0).at(hour: 0, minute: 0, in: Self.zone) }
                filter.to = try text("sampai").map { try CivilDate($0).adding(days: 1).at(hour: 0, minute: 0, in: Self.zone) }
                filter.status = try text("status").map { try MeetingStatus.parse($0) }
                if let who = text("peserta"), canPickPerson {
                    filter.participant = try await s.planning.person(named: who, field: "peserta").id
                }
                if let after = text("setelah") { filter.after = try Self.cursor(after) }
            } catch let e as PersonNotNamed {
                problem = e.message(l)
                participantInvalid = true
            } catch {
                problem = Catalogue.text(error, l)
            }
            let list = problem == nil ? try await s.archive.meetings(filter) : []
            // The chairs' names and every OPD (for the filter), without reading the whole registry.
            let (chairNames, opds) = try await s.archive.listing(list)
            var data: [String: Any] = [
                "filter": ["from": text("dari") ?? "", "to": text("sampai") ?? "", "opd": text("opd") ?? "", "series": text("seri") ?? "",
                           "participant": text("peserta") ?? ""],
                "statuses": MeetingStatus.allCases.map { ["value": $0.rawValue, "label": WebText.status($0, l), "selected": filter.status == $0] },
                "opds": opds,
                "canPickPerson": canPickPerson,
                "canPlan": AccessPolicy.may(s.principal, .planMeetings),
                "meetings": list.map { m -> [String: Any] in
                    var row = item(m, l)
                    row["chair"] = chairNames[m.chair] ?? m.chair.key
                    return row
                },
                "has_meetings": !list.isEmpty,
                "countLabel": "\(list.count)",
                "error": problem as Any,
                "participantInvalid": participantInvalid,
            ]
            if list.count == Self.pageSize, let last = list.last {
                data["next"] = q.link("/rapat", setting: "setelah", to: "\(Int(last.start.timeIntervalSince1970))_\(last.id)")
            }
            return view.page("rapat-daftar", request, context, nav: "meetings", status: problem == nil ? .ok : .badRequest, data)
        }
    }

    /// `1608084000_RP-2020-0001`: the start (Unix seconds) and id of the last meeting shown.
    static func cursor(_ text: String) throws -> MeetingCursor {
        let parts = text.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, let seconds = Int(parts[0]) else {
            throw InputError.invalidValue(field: "setelah", value: text, hint: "open the next page from its link")
        }
        return MeetingCursor(start: Date(timeIntervalSince1970: TimeInterval(seconds)), id: try MeetingID(String(parts[1])))
    }

    func meetingID(_ context: RapatContext) throws -> MeetingID { try MeetingID(context.parameters.get("id") ?? "") }

    func meeting(_ request: Request, _ context: RapatContext) async throws -> Response {
        try await signedIn(request, context) { s in
            let l = context.language
            let shown = try await s.archive.meetingWithPeople(try meetingID(context), cache: meetings)
            let m = shown.meeting, people = shown.people
            let text = DateText(l)
            func name(_ nip: PersonID) -> String { people[nip]?.name ?? nip.key }
            let attendance = Dictionary(m.attendance.map { ($0.nip, $0) }, uniquingKeysWith: { a, _ in a })
            var detail: [String: Any] = item(m, l)
            detail["kind"] = m.kind
            detail["chair"] = name(m.chair)
            detail["notulis"] = m.notulis.map(name) as Any
            detail["link"] = m.virtualLink as Any
            detail["location"] = m.location as Any
            detail["details"] = m.details as Any
            detail["series"] = m.seriesID as Any
            detail["actualStart"] = m.actualStart.map { (l == .en ? "started " : "dimulai ") + text.time($0, zone: m.zone) } as Any
            detail["agenda"] = m.agenda.enumerated().map { i, a -> [String: Any] in
                let actual = a.actualStart.map { start in text.time(start, zone: m.zone) + (a.actualEnd.map { "–" + text.time($0, zone: m.zone) } ?? "") }
                return ["position": i + 1, "title": a.title, "presenter": a.presenterNIP.map(name) ?? a.presenter ?? "", "box": a.boxMinutes,
                        "standing": a.isStanding, "actual": actual ?? ""]
            }
            detail["has_meeting_agenda"] = !m.agenda.isEmpty
            detail["agendaTotal"] = "\(m.agenda.map(\.boxMinutes).reduce(0, +)) / \(Int(m.end.timeIntervalSince(m.start) / 60))"
            detail["people"] = m.everyone.map { nip -> [String: Any] in
                let p = people[nip], a = attendance[nip]
                let role = nip == m.chair ? WebText.labels(l)["chair"]! : nip == m.notulis ? WebText.labels(l)["notulis"]! : WebText.labels(l)["participant"]!
                var present = a.map { $0.category.label(l) } ?? "—"
                if let late = a?.lateMinutes, late > 0 { present += l == .en ? ", \(late) min late" : ", terlambat \(late) menit" }
                if let r = a?.representative { present += " (\(r))" }
                return ["name": p?.name ?? nip.key, "jabatan": p?.jabatan ?? "", "opd": p?.opd ?? "", "role": role, "attendance": present]
            }
            if let approval = m.minutes.approval {
                detail["approved"] = true
                detail["approval"] = (l == .en ? "Approved by " : "Disetujui oleh ") + name(approval.by) + ", " + text.dateTime(approval.at, zone: m.zone)
                    + (approval.version > 1 ? (l == .en ? " (version \(approval.version))" : " (versi \(approval.version))") : "")
                detail["decisions"] = m.minutes.decisions.map(\.text)
                detail["has_meeting_decisions"] = !m.minutes.decisions.isEmpty
            }
            detail["cancelled"] = m.status == .cancelled
            let flash: String? = FormData.query(request)["dibatalkan"] == nil ? nil
                : (l == .en ? "The meeting is cancelled. Send participants the cancellation (.ics) so it leaves their calendars."
                    : "Rapat dibatalkan. Kirim pembatalan (.ics) kepada peserta agar rapat hilang dari kalender mereka.")
            return view.page("rapat-detail", request, context, nav: "meetings", ["meeting": detail, "has_meeting_agenda": !m.agenda.isEmpty,
                                                                                  "has_meeting_decisions": !m.minutes.decisions.isEmpty,
                                                                                  "canEnterRoom": m.status == .scheduled || m.status == .started,
                                                                                  "canWriteMinutes": !m.minutes.isApproved && m.status != .cancelled
                                                                                      && AccessPolicy.may(s.principal, .writeMinutes, on: m),
                                                                                  "canCancel": m.status == .scheduled && AccessPolicy.may(s.principal, .planMeetings),
                                                                                  "flash": flash as Any])
        }
    }

    func invitation(_ request: Request, _ context: RapatContext) async throws -> Response {
        try await signedIn(request, context) { s in
            let id = try meetingID(context)
            let bytes = try await s.calendars.invitation(id)
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"undangan-\(id).ics\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// Approved minutes as files: XML (our schema) or Akoma Ntoso.
    func minutesFile(_ request: Request, _ context: RapatContext, akn: Bool) async throws -> Response {
        try await signedIn(request, context) { s in
            let id = try meetingID(context)
            let bytes = akn ? try await s.documents.akomaNtoso(id, authority: "pemda") : try await s.documents.xml(id)
            let name = akn ? "akn-\(id).xml" : "notula-\(id).xml"
            return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    // MARK: Arsip

    func archive(_ request: Request, _ context: RapatContext) async throws -> Response {
        try await signedIn(request, context) { s in
            try AccessPolicy.require(s.principal, .search)
            let l = context.language
            let q = FormData.query(request)
            func text(_ name: String) -> String? { q[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
            var data: [String: Any] = [
                "query": ["text": text("q") ?? "", "from": text("dari") ?? "", "to": text("sampai") ?? "", "opd": text("opd") ?? "", "kind": text("jenis") ?? ""],
            ]
            guard let words = text("q") else {
                data["opds"] = try await s.archive.opds()
                return view.page("arsip", request, context, nav: "archive", data)
            }
            do {
                let page = try text("halaman").map { text in
                    guard let n = Int(text), n >= 1, n <= Self.lastSearchPage else {
                        throw InputError.invalidValue(field: "halaman", value: text, hint: "1–\(Self.lastSearchPage)")
                    }
                    return n
                } ?? 1
                let query = SearchQuery(words, from: try text("dari").map { try CivilDate($0).at(hour: 0, minute: 0, in: Self.zone) },
                                        to: try text("sampai").map { try CivilDate($0).adding(days: 1).at(hour: 0, minute: 0, in: Self.zone) },
                                        opd: text("opd"), kind: text("jenis"), limit: Self.searchPageSize, offset: (page - 1) * Self.searchPageSize)
                let results = try await s.archive.searchResults(query)
                let hits = results.hits
                data["opds"] = results.allOPDs
                data["searched"] = true
                let meetingsFound = Set(hits.map(\.meetingID)).count
                let first = (page - 1) * Self.searchPageSize + 1
                data["resultLabel"] = hits.isEmpty ? "" : l == .en
                    ? "Results \(first)–\(first + hits.count - 1): passages in \(meetingsFound) meetings"
                    : "Hasil \(first)–\(first + hits.count - 1): bagian dari \(meetingsFound) rapat"
                data["firstNumber"] = first
                if page > 1 { data["previous"] = q.link("/arsip", setting: "halaman", to: "\(page - 1)") }
                if hits.count == Self.searchPageSize, page < Self.lastSearchPage { data["next"] = q.link("/arsip", setting: "halaman", to: "\(page + 1)") }
                data["hits"] = hits.map { h -> [String: Any] in
                    let zone = TimeZone(identifier: h.timeZone) ?? Self.zone
                    return ["id": h.meetingID.description, "title": h.title, "when": DateText(l).date(h.start, zone: zone), "section": h.section,
                            "snippet": Self.snippetHTML(h.snippet)]
                }
                let years = Dictionary(grouping: hits, by: { CivilDate($0.start, in: Self.zone).year }).map { ($0.key, Set($0.value.map(\.meetingID)).count) }
                data["years"] = years.sorted { $0.0 > $1.0 }.map { ["label": "\($0.0)", "count": $0.1] }
                data["has_years"] = !years.isEmpty
                // OPD counts: the units of the people of each meeting found.
                var opdCounts: [String: Int] = [:]
                for opds in results.opdsByMeeting.values { for opd in opds { opdCounts[opd, default: 0] += 1 } }
                data["facetOpds"] = opdCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { opd, count -> [String: Any] in
                    ["label": opd, "count": count, "href": q.link("/arsip", setting: "opd", to: opd)]
                }
                data["has_facetOpds"] = !opdCounts.isEmpty
                return view.page("arsip", request, context, nav: "archive", data)
            } catch let e where e is SearchError || e is InputError {
                data["error"] = Catalogue.text(e, l)
                data["opds"] = try await s.archive.opds()
                return view.page("arsip", request, context, nav: "archive", status: .badRequest, data)
            }
        }
    }

    static let searchPageSize = 20
    /// Results pages reach as far as the store ranks (its rank window).
    static let lastSearchPage = SearchQuery.defaultRankWindow / searchPageSize

    /// "a [match] b" as HTML, every piece escaped and the matches in `<mark>` (built here: a section per piece
    /// cost the template more than the rest of the page).
    static func snippetHTML(_ snippet: String) -> String {
        var html = ""
        var rest = Substring(snippet)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            html += WebView.escape(rest[..<open]) + "<mark>" + WebView.escape(rest[rest.index(after: open)..<close]) + "</mark>"
            rest = rest[rest.index(after: close)...]
        }
        return html + WebView.escape(rest)
    }
}
