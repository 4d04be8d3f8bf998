import Foundation
import Hummingbird
import NIOCore
import RapatCore
import RapatService
import RapatStore
import ServiceLifecycle

/// Ruang rapat: the live console of a meeting for the secretariat, and the participants' page to follow it and
/// check in. The server's clock is the clock: pages carry its time and only move it on. Every open page hears
/// the meeting's changes through Server-Sent Events (`/rapat/ID/ruang/langsung`) and redraws its live part.
extension WebPages {
    static func ms(_ d: Date) -> Int { Int((d.timeIntervalSince1970 * 1000).rounded()) }

    /// "04:12" (or "1:04:12") for a span of seconds.
    static func span(_ seconds: Int) -> String {
        let s = abs(seconds)
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%02d:%02d", s / 60, s % 60)
    }

    /// The live part of the room (also the data of every event sent to open pages).
    func liveData(_ v: RoomView, _ l: Language) -> [String: Any] {
        let m = v.meeting, text = DateText(l), zone = m.zone, t = WebText.labels(l)
        let progress = v.progress
        func name(_ nip: PersonID) -> String { v.people[nip]?.name ?? nip.key }
        let predicted = progress.predictedEnd(at: v.now)
        let delta = Int((predicted.timeIntervalSince(m.end) / 60).rounded())
        var live: [String: Any] = [
            "id": m.id.description, "status": m.status.rawValue, "statusLabel": WebText.status(m.status, l),
            "now": Self.ms(v.now), "scheduledStart": text.time(m.start, zone: zone), "scheduledEnd": text.time(m.end, zone: zone),
            "scheduledEndMs": Self.ms(m.end), "remaining": Int(progress.remainingSeconds),
            "predictedEnd": text.time(predicted, zone: zone), "zoneSuffix": Zone.abbreviation(zone, at: predicted), "ended": m.status == .ended || m.status == .cancelled,
            "scheduleDelta": delta == 0 ? "" : "(\(abs(delta)) \(t["minuteUnit"]!) \(delta < 0 ? t["ahead"]! : t["behind"]!))",
        ]
        if let from = progress.remainingFrom { live["remainingFrom"] = Self.ms(from) }
        if let ended = progress.endedAt { live["endedMs"] = Self.ms(ended) }
        if let started = m.actualStart {
            live["actualStart"] = text.time(started, zone: zone)
            if let late = m.startDelayMinutes, late > 0 {
                live["lateStart"] = "\(t["lateBy"]!) \(text.minutes(late))" + (m.lateStartReason.map { ": " + $0 } ?? "")
            }
        }
        if let i = progress.runningItem, let deadline = progress.runningDeadline {
            // As the page's clock counts: time left in whole seconds up, time over in whole seconds passed.
            let left = deadline.timeIntervalSince(v.now), over = left <= 0
            let item = m.agenda[i]
            live["running"] = ["number": i + 1, "title": item.title, "presenter": (item.presenterNIP.map(name) ?? item.presenter).flatMap { $0.isEmpty ? nil : $0 } as Any,
                               "box": text.minutes(item.boxMinutes), "deadlineMs": Self.ms(deadline), "over": over,
                               "countdown": (over ? t["overrun"]! : t["timeLeft"]!) + " " + Self.span(Int(over ? (-left).rounded(.down) : left.rounded(.up)))]
        }
        live["items"] = m.agenda.enumerated().map { i, a -> [String: Any] in
            let state = a.actualEnd != nil ? "done" : a.isRunning ? "running" : "waiting"
            var row: [String: Any] = ["number": i + 1, "title": a.title, "presenter": (a.presenterNIP.map(name) ?? a.presenter).flatMap { $0.isEmpty ? nil : $0 } as Any,
                                      "box": a.boxMinutes, "state": state,
                                      "stateLabel": t[state == "done" ? "itemDone" : state == "running" ? "itemRunning" : "itemWaiting"]!]
            if let s = a.actualStart { row["actual"] = text.time(s, zone: zone) + (a.actualEnd.map { "–" + text.time($0, zone: zone) } ?? "") }
            if let over = a.overrunMinutes, over > 0 { row["overrun"] = "+" + text.minutes(over) }
            return row
        }
        live["has_items"] = !m.agenda.isEmpty
        // Attendance by OPD, in the invitation's order within each.
        let recorded = Dictionary(m.attendance.map { ($0.nip, $0) }, uniquingKeysWith: { a, _ in a })
        var present = 0, absent = 0, missing = 0
        var groups: [String: [[String: Any]]] = [:]
        for nip in m.everyone {
            let opd = v.people[nip]?.opd ?? "—"
            var label = t["notYet"]!, state = "missing"
            if let a = recorded[nip] {
                label = a.category.label(l)
                if a.category == .diwakili, let r = a.representative { label = "\(t["representedBy"]!) \(r)" }
                if let late = a.lateMinutes, late > 0 { label += ", \(t["lateBy"]!) \(text.minutes(late))" }
                if let at = a.checkedInAt { label += " · " + text.time(at, zone: zone) }
                if !a.category.isPresent, let note = a.note, !note.isEmpty { label += ": " + note }
                state = a.category.isPresent ? "present" : "absent"
            }
            switch state {
            case "present": present += 1
            case "absent": absent += 1
            default: missing += 1
            }
            groups[opd, default: []].append(["name": name(nip), "jabatan": v.people[nip]?.jabatan ?? "", "label": label, "state": state])
        }
        live["groups"] = groups.keys.sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending }.map { ["opd": $0, "people": groups[$0]!] }
        live["counts"] = "\(present) \(t["presentCount"]!) · \(absent) \(t["absentCount"]!) · \(missing) \(t["missingCount"]!)"
        if let me = v.mayCheckInAs {
            live["selfCheckIn"] = ["nip": me.key]
        } else if let nip = v.readerNIP, m.everyone.contains(nip), let a = recorded[nip] {
            live["selfRecorded"] = "\(t["youAre"]!): \(a.category.label(l))" + (a.checkedInAt.map { " · " + text.time($0, zone: zone) } ?? "")
        }
        return live
    }

    func roomPage(_ request: Request, _ context: RapatContext, error: (message: String, status: HTTPResponse.Status)? = nil,
                  reason: String? = nil) async throws -> Response {
        try await signedIn(request, context) { s in
            let l = context.language
            let v = try await s.room.view(try meetingID(context))
            let m = v.meeting
            var data: [String: Any] = [
                "room": ["id": m.id.description, "title": m.title, "when": when(m, l), "zone": m.zone.identifier,
                         "clock": DateText(l).time(v.now, zone: m.zone), "zoneSuffix": Zone.abbreviation(m.zone, at: v.now), "startMs": Self.ms(m.start), "grace": v.onTime.graceMinutes * 60],
                "live": liveData(v, l), "mayRun": v.mayRun, "mayRecord": v.mayRecordAttendance,
                "isScheduled": m.status == .scheduled, "isStarted": m.status == .started,
                "hasAgenda": !m.agenda.isEmpty,
                // A start without JavaScript that came back for its reason opens the question on the page itself.
                "askReason": error != nil && v.minutesPastGrace > 0 && m.status == .scheduled, "reason": reason ?? "",
            ]
            if v.mayRecordAttendance {
                data["everyone"] = m.everyone.map { ["nip": $0.key, "name": v.people[$0]?.name ?? $0.key, "opd": v.people[$0]?.opd ?? ""] }
                data["categories"] = AttendanceCategory.allCases.filter { $0 != .tanpaKeterangan }.map { ["value": $0.rawValue, "label": $0.label(l)] }
            }
            if let error { data["error"] = error.message }
            return view.page("ruang", request, context, nav: "meetings", status: error?.status ?? .ok, data)
        }
    }

    /// Start, next item, end, self check-in and the secretariat's attendance record: each a form post that comes
    /// back to the room (303), or the room again with what was refused and why.
    func roomAction(_ request: Request, _ context: RapatContext, _ action: String) async throws -> Response {
        try await postedOnMeeting(request, context) { form, s, id in
            let text = form.filled
            do {
                switch action {
                case "mulai": _ = try await s.room.start(id, at: nil, reason: text("alasan"))
                case "berikutnya": _ = try await s.room.next(id, at: nil)
                case "selesai": _ = try await s.room.end(id, at: nil)
                case "hadir":
                    guard let me = context.webPrincipal.person else { throw AccessDenied(action: .actionCheckIn) }
                    _ = try await s.room.checkIn(id, me, as: try AttendanceCategory.parse(form["kategori"] ?? ""), at: nil, representative: nil, note: nil)
                default:
                    let nip = try PersonID(form["nip"] ?? "")
                    _ = try await s.room.checkIn(id, nip, as: try AttendanceCategory.parse(form["kategori"] ?? ""), at: nil,
                                                 representative: text("wakil"), note: text("catatan"))
                }
                return WebView.redirect("/rapat/\(id)/ruang")
            } catch let e where !(e is AccessDenied) && Catalogue.knows(e) {
                let status: HTTPResponse.Status = e is OnTimeError ? .conflict : .badRequest
                return try await roomPage(request, context, error: (Catalogue.text(e, context.language), status), reason: text("alasan"))
            }
        }
    }

    /// The room's events: the live part rendered for this reader, at once and after every change of the meeting
    /// (or a resync), a comment every 15 s to keep proxies from closing the stream. A stream lasts 10 minutes at
    /// most (the browser reconnects at once, through the sign-in check again) and ends when the server stops.
    func roomEvents(_ request: Request, _ context: RapatContext) async throws -> Response {
        guard context.webUser != nil else {
            return Response(status: .unauthorized, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: context.language == .en ? "Sign in first." : "Masuk dahulu.")))
        }
        let s = services(context), l = context.language
        let id = try meetingID(context)
        // Access is decided before the stream opens: 403/404 as for the page.
        let first = try await s.room.view(id)
        let csrf = context.webSession?.csrf ?? ""
        let events = store.events.listen(to: id)
        let render: @Sendable (RoomView) -> ByteBuffer = { [self] v in
            var data = liveData(v, l)
            data["csrf"] = csrf
            var frame = WebView.frame(request, context)
            frame["live"] = data
            let html = view.render("ruang-langsung", WebView.clean(frame) as? [String: Any] ?? [:])
            let payload: [String: Any] = ["now": Self.ms(v.now), "status": v.meeting.status.rawValue, "html": html]
            let json = (try? JSONSerialization.data(withJSONObject: payload)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return ByteBuffer(string: "event: ruang\ndata: \(json)\n\n")
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                                               .init("X-Accel-Buffering")!: "no"],
                        body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
            try await writer.write(render(first))
            let (ticks, tick) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingNewest(8))
            let relay = Task { for await _ in events { tick.yield(true) }; tick.finish() }
            let beat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(15))
                    tick.yield(false)
                }
            }
            let deadline = Task {
                try? await Task.sleep(for: .seconds(600))
                tick.finish()
            }
            defer { relay.cancel(); beat.cancel(); deadline.cancel() }
            // A stopping server ends the stream (the browser reconnects to another instance, or when this one is back).
            try await withGracefulShutdownHandler {
                for await changed in ticks {
                    if changed {
                        try await writer.write(render(try await s.room.view(id)))
                    } else {
                        try await writer.write(ByteBuffer(string: ": ...\n\n"))
                    }
                }
            } onGracefulShutdown: {
                tick.finish()
            }
            try await writer.finish(nil)
        })
    }
}
