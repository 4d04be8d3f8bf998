import Foundation
import RapatCore

/// Labels for statuses and categories in the chosen language.
enum Labels {
    static func status(_ s: MeetingStatus, _ g: GlobalOptions) -> String {
        switch s {
        case .scheduled: return g.t("terjadwal", "scheduled")
        case .started: return g.t("berlangsung", "in progress")
        case .ended: return g.t("selesai", "ended")
        case .cancelled: return g.t("dibatalkan", "cancelled")
        }
    }
}

/// A meeting as a person reads it in the terminal.
struct MeetingText {
    var global: GlobalOptions
    var people: [PersonID: Person]

    func name(_ nip: PersonID) -> String { people[nip]?.name ?? "NIP \(nip)" }

    func presenter(_ item: AgendaItem) -> String {
        if let nip = item.presenterNIP { return people[nip].map { "\($0.name) (\($0.opd))" } ?? "NIP \(nip)" }
        return item.presenter ?? ""
    }

    func clock(_ d: Date?, _ zone: TimeZone) -> String {
        guard let d else { return "" }
        return String(global.text.time(d, zone: zone).prefix(5))
    }

    func agendaTable(_ m: Meeting, details: Bool = false) -> String {
        let g = global
        var table = Table(["#", g.t("Acara", "Item"), g.t("Penyaji", "Presenter"), g.t("Waktu", "Box"),
                           g.t("Mulai", "Start"), g.t("Selesai", "End"), g.t("Lebih", "Over")], rightAligned: [0, 3, 6])
        for (i, a) in m.agenda.enumerated() {
            let over = a.overrunMinutes.map { $0 > 0 ? "+\($0)" : "0" } ?? (a.isRunning ? "…" : "")
            var title = a.isCarried ? a.title + " (" + g.t("lanjutan dari ", "carried from ") + a.carriedFrom.map(\.description).joined(separator: ", ") + ")" : a.title
            if a.isStanding { title += " [" + g.t("acara tetap", "standing") + "]" }
            table.add([String(i + 1), title, presenter(a), g.text.minutes(a.boxMinutes), clock(a.actualStart, m.zone),
                       clock(a.actualEnd, m.zone), over])
        }
        let notes = details ? m.agenda.enumerated().compactMap { i, a in
            a.details.map { "\n#\(i + 1) \(a.title):\n" + $0.split(separator: "\n").map { "   " + $0 }.joined(separator: "\n") }
        }.joined() : ""
        return table.render() + notes + "\n" + g.t("Jumlah", "Total") + ": \(g.text.minutes(m.agendaMinutes)) / \(g.text.minutes(m.plannedMinutes))"
    }

    func full(_ m: Meeting) -> String {
        let g = global, z = m.zone
        var out: [String] = []
        func field(_ id: String, _ en: String, _ value: String) { out.append((g.t(id, en) + ":").padding(toLength: 14, withPad: " ", startingAt: 0) + value) }
        out.append("\(m.id)  \(m.title)")
        field("Jenis", "Kind", m.kind)
        if m.isAllDay {
            let first = g.text.date(m.start, zone: z), last = g.text.date(max(m.start, m.end.addingTimeInterval(-1)), zone: z)
            field("Waktu", "Time", (first == last ? first : "\(first) – \(last)") + g.t(" (sepanjang hari)", " (all day)"))
        } else {
            field("Waktu", "Time", "\(g.text.dateTime(m.start, zone: z)) – \(g.text.time(m.end, zone: z))")
        }
        field("Status", "Status", Labels.status(m.status, g) + " (" + g.t("urutan", "sequence") + " \(m.sequence))")
        if let s = m.actualStart {
            var text = g.text.time(s, zone: z)
            if let d = m.startDelayMinutes, d > 0 { text += ", " + g.t("terlambat", "late") + " \(g.text.minutes(d))" }
            if let r = m.lateStartReason { text += " — \(r)" }
            field("Mulai aktual", "Started", text)
        }
        if let e = m.actualEnd { field("Selesai", "Ended", g.text.time(e, zone: z)) }
        if let r = m.cancelReason { field("Alasan batal", "Cancelled", r) }
        field("Pimpinan", "Chair", name(m.chair))
        if let n = m.notulis { field("Notulis", "Minutes", name(n)) }
        if let l = m.virtualLink { field("Tautan", "Link", l) }
        if let l = m.location { field("Tempat", "Location", l) }
        if let s = m.seriesID { field("Seri", "Series", s) }
        if !m.blocksTime { field("Catatan", "Note", g.t("tidak memesan waktu peserta (boleh bertumpuk)", "does not reserve its people's time (may overlap)")) }
        if let d = m.details { field("Keterangan", "Details", d.replacingOccurrences(of: "\n", with: "\n    ")) }
        out.append("")
        out.append(g.t("Peserta", "People") + " (\(m.everyone.count)):")
        var people = Table(["NIP", g.t("Nama", "Name"), "OPD", g.t("Kehadiran", "Attendance"), g.t("Datang", "Arrived"),
                            g.t("Terlambat", "Late")], rightAligned: [5])
        let attendance = Dictionary(m.attendance.map { ($0.nip, $0) }, uniquingKeysWith: { a, _ in a })
        for nip in m.everyone {
            let a = attendance[nip]
            var category = a.map { $0.category.label(g.lang) } ?? ""
            if let r = a?.representative { category += " (\(r))" }
            people.add([nip.key, name(nip), self.people[nip]?.opd ?? "", category, clock(a?.checkedInAt, z),
                        a?.lateMinutes.map { $0 > 0 ? g.text.minutes($0) : "0" } ?? ""])
        }
        out.append(people.render())
        out.append("")
        out.append(g.t("Agenda", "Agenda") + ":")
        out.append(m.agenda.isEmpty ? g.t("(belum ada)", "(none yet)") : agendaTable(m, details: true))
        let minutes = minutesText(m)
        if !minutes.isEmpty { out.append(""); out.append(minutes) }
        return out.joined(separator: "\n")
    }

    func minutesText(_ m: Meeting) -> String {
        let g = global, mins = m.minutes
        var out: [String] = []
        for (i, item) in m.agenda.enumerated() {
            let notes = mins.notes.filter { $0.itemKey == item.key }
            guard !notes.isEmpty else { continue }
            out.append("\(i + 1). \(item.title)")
            for n in notes { out.append("   - " + (n.speaker.map { "\($0): " } ?? "") + n.text) }
        }
        func position(_ key: Int?) -> String {
            guard let key, let i = m.agenda.firstIndex(where: { $0.key == key }) else { return "" }
            return " [" + g.t("acara", "item") + " \(i + 1)]"
        }
        if !mins.decisions.isEmpty {
            out.append(g.t("Keputusan", "Decisions") + ":")
            for d in mins.decisions { out.append("   \(d.number). \(d.text)\(position(d.itemKey))") }
        }
        if !mins.actions.isEmpty {
            out.append(g.t("Tindak lanjut", "Action items") + ":")
            var table = Table(["#", g.t("Tindakan", "Action"), g.t("Penanggung jawab", "Owner"), g.t("Tenggat", "Due"), "Status"])
            for a in mins.actions {
                let owner: String
                switch a.owner {
                case let .opd(o): owner = o
                case let .person(p): owner = name(p)
                }
                table.add(["\(m.id)/\(a.number)", a.text + position(a.itemKey), owner, a.due.map { g.text.date($0) } ?? "",
                           a.status == .done ? g.t("selesai", "done") : g.t("terbuka", "open")])
            }
            out.append(table.render())
        }
        if !mins.indicators.isEmpty {
            out.append(g.t("Indikator", "Indicators") + ":")
            var table = Table(["OPD", g.t("Indikator", "Indicator"), g.t("Per", "As of"), "Target", g.t("Realisasi", "Actual"), g.t("Selisih", "Gap")],
                              rightAligned: [3, 4, 5])
            for i in mins.indicators {
                table.add([i.opd, i.name, i.asOf.description, global.number.quantity(i.target, unit: i.unit), global.number.quantity(i.actual, unit: i.unit),
                           global.number.signed(i.gap)])
            }
            out.append(table.render())
        }
        if let a = mins.approval {
            out.append(g.t("Disetujui oleh", "Approved by") + " \(name(a.by)), \(g.text.dateTime(a.at, zone: m.zone))")
        } else if !out.isEmpty {
            out.append(g.t("Notula belum disetujui.", "Minutes not yet approved."))
        }
        if out.isEmpty { return "" }
        return g.t("Notula", "Minutes") + ":\n" + out.joined(separator: "\n")
    }
}
