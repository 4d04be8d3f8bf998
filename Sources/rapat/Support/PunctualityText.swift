import Foundation
import RapatCore

/// The punctuality report as tables, for `report punctuality` and `sample`.
struct PunctualityText {
    let global: GlobalOptions

    func render(_ r: PunctualityReport, zone: TimeZone) -> String {
        let g = global
        var out = [g.t("Laporan ketepatan waktu", "Punctuality report") + ": " + g.text.date(r.from, zone: zone) + " – "
                   + g.text.date(r.to.addingTimeInterval(-1), zone: zone)
                   + " (" + g.t("toleransi", "grace") + " \(g.text.minutes(r.graceMinutes)))", ""]
        var meetings = Table([g.t("Rapat", "Meeting"), g.t("Jadwal", "Scheduled"), g.t("Mulai", "Started"), g.t("Terlambat", "Delay"),
                              g.t("Acara lebih", "Overruns"), g.t("Total lebih", "Overrun"), g.t("Lewat jadwal", "Past end"),
                              g.t("Hadir", "Present"), g.t("Judul", "Title")],
                             rightAligned: [3, 4, 5, 6, 7])
        for m in r.meetings {
            let z = TimeZone(identifier: m.timeZone) ?? zone
            meetings.add([m.id.description, g.text.compact(m.scheduledStart, zone: z), m.actualStart.map { String(g.text.time($0, zone: z).prefix(5)) } ?? "",
                          g.text.minutes(m.startDelayMinutes), "\(m.overrunItems)/\(m.agendaItems)", g.text.minutes(m.totalOverrunMinutes),
                          g.text.minutes(m.endOverrunMinutes), "\(m.present)/\(m.invited)", m.title])
        }
        out.append(r.meetings.isEmpty ? g.t("Tidak ada rapat yang terlaksana pada periode ini.", "No meeting was held in this period.") : meetings.render())
        func tallyColumns(_ t: PunctualityReport.Tally) -> [String] {
            [String(t.invitations), String(t.arrivals), t.onTimeRate.map { g.number.percent($0) } ?? "–",
             t.averageLateMinutes.map { g.number.decimal($0) } ?? "–",
             String(t.count(.diwakili)), String(t.count(.izin)), String(t.count(.sakit)), String(t.count(.dinasLuar)),
             String(t.count(.tanpaKeterangan))]
        }
        let tallyHeader = [g.t("Undangan", "Invited"), g.t("Datang", "Arrived"), g.t("Tepat", "On time"), g.t("Rerata telat", "Avg late"),
                           g.t("Diwakili", "Repr."), g.t("Izin", "Excused"), g.t("Sakit", "Sick"), g.t("DL", "Duty"), g.t("TK", "Absent")]
        guard !r.meetings.isEmpty else { return out.joined(separator: "\n") }
        var people = Table(["NIP", g.t("Nama", "Name"), "OPD"] + tallyHeader, rightAligned: Set(3...11))
        for p in r.people { people.add([p.nip.key, p.name, p.opd] + tallyColumns(p.tally)) }
        var opds = Table(["OPD", g.t("Orang", "People")] + tallyHeader + [g.t("TL terbuka", "Open actions"), g.t("TL terlambat", "Overdue")],
                         rightAligned: Set(1...12))
        for o in r.opds { opds.add([o.opd, String(o.people)] + tallyColumns(o.tally) + [String(o.openActions), String(o.overdueActions)]) }
        out += ["", g.t("Per orang", "Per person") + ":", people.render(), "", g.t("Per OPD", "Per OPD") + ":", opds.render()]
        return out.joined(separator: "\n")
    }
}
