import Foundation
import Hummingbird
import RapatCore
import RapatService
import RapatStore

/// Laporan: punctuality per meeting, OPD and person, and indicator trends per OPD, each chart with its table.
extension WebPages {
    func reports(_ request: Request, _ context: RapatContext) async throws -> Response {
        try await signedIn(request, context) { s in
            try AccessPolicy.require(s.principal, .readReports)
            let l = context.language
            let q = FormData.query(request)
            let today = CivilDate(Date(), in: Self.zone)
            let from = q["dari"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(today.year)-01-01"
            let to = q["sampai"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(today.year)-12-31"
            let series = try await s.planning.allSeries()
            let chosenSeries = q["seri"].flatMap { $0.isEmpty ? nil : $0 } ?? series.first?.series.id
            var data: [String: Any] = [
                "period": ["from": from, "to": to],
                "years": (max(2020, today.year - 6)...today.year).reversed().map { ["year": $0] },
                "seriesOptions": series.map { ["id": $0.series.id, "label": "\($0.series.id) — \($0.series.title)", "selected": $0.series.id == chosenSeries] },
                "has_series": !series.isEmpty,
            ]
            do {
                let report = try await s.reports.punctuality(from: from, to: to)
                let text = DateText(l)
                data["has_meetings"] = !report.meetings.isEmpty
                data["meetings"] = report.meetings.map { m -> [String: Any] in
                    let zone = TimeZone(identifier: m.timeZone) ?? Self.zone
                    return ["id": m.id.description, "title": m.title, "when": text.dateTime(m.scheduledStart, zone: zone),
                            "delay": text.minutes(m.startDelayMinutes), "reason": m.lateStartReason ?? "",
                            "overruns": "\(m.overrunItems)/\(m.agendaItems)", "present": "\(m.present)/\(m.invited)"]
                }
                let grace = Double(report.graceMinutes)
                data["punctualityChart"] = SVGChart.bars(
                    id: "grafik-tepat", title: l == .en ? "Start delay per meeting (minutes)" : "Keterlambatan mulai per rapat (menit)",
                    description: l == .en ? "One bar per meeting; the line marks the grace period of \(report.graceMinutes) minutes. The table below gives the same figures."
                        : "Satu batang per rapat; garis menandai toleransi \(report.graceMinutes) menit. Tabel di bawah memuat angka yang sama.",
                    bars: report.meetings.map { .init(label: text.date($0.scheduledStart, zone: Self.zone), value: Double($0.startDelayMinutes),
                                                      flagged: Double($0.startDelayMinutes) > grace) },
                    unit: l == .en ? " min" : " mnt", reference: (grace, l == .en ? "grace" : "toleransi"))
                func rate(_ t: PunctualityReport.Tally) -> String { t.onTimeRate.map { "\(Int(($0 * 100).rounded())) %" } ?? "—" }
                data["opds"] = report.opds.map { ["opd": $0.opd, "invitations": $0.tally.invitations, "onTime": rate($0.tally), "absences": $0.tally.absences,
                                                  "open": $0.openActions, "overdue": $0.overdueActions] }
                data["people"] = report.people.map { ["name": $0.name, "opd": $0.opd, "invitations": $0.tally.invitations, "onTime": rate($0.tally),
                                                      "late": $0.tally.totalLateMinutes] }
            } catch let e where e is InputError {
                data["error"] = Catalogue.text(e, l)
            }
            if let chosenSeries {
                let indicators = try await s.reports.indicators(series: chosenSeries)
                if let name = indicators.rows.first?.indicator {
                    let rows = indicators.rows.filter { $0.indicator == name }
                    let latestTarget = rows.compactMap { $0.points.last?.target }.max() ?? 0
                    data["has_indicators"] = true
                    data["months"] = indicators.months
                    data["indicatorChart"] = SVGChart.bars(
                        id: "grafik-indikator", title: (l == .en ? "Latest realisation per OPD: " : "Realisasi terakhir per OPD: ") + name,
                        description: l == .en ? "One bar per OPD, its latest figure; the line marks the target. OPDs below target are drawn in the warning colour."
                            : "Satu batang per OPD, angka terakhirnya; garis menandai target. OPD di bawah target berwarna peringatan.",
                        bars: rows.compactMap { r in r.points.last.map { .init(label: r.opd, value: $0.actual, flagged: $0.actual < $0.target) } },
                        unit: rows.first.map { $0.unit == "%" ? " %" : " " + $0.unit } ?? "", reference: (latestTarget, "target \(SVGChart.number(latestTarget))"))
                    data["indicatorRows"] = rows.map { r -> [String: Any] in
                        let byMonth = Dictionary(r.points.map { (String($0.asOf.description.prefix(7)), $0) }, uniquingKeysWith: { a, _ in a })
                        return ["opd": r.opd, "cells": indicators.months.map { byMonth[$0].map { SVGChart.number($0.actual) } ?? "—" },
                                "gap": SVGChart.number(r.latestGap)]
                    }
                    let behind = indicators.behind.filter { $0.indicator == name }
                    data["has_behind"] = !behind.isEmpty
                    data["behind"] = behind.compactMap { r in r.points.last.map { ["opd": r.opd, "actual": SVGChart.number($0.actual), "target": SVGChart.number($0.target),
                                                                                   "gap": SVGChart.number($0.gap)] } }
                }
            }
            return view.page("laporan", request, context, nav: "reports", data)
        }
    }
}
