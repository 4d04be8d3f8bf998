import Foundation
import RapatCore
import RapatStore

/// Reports over the archive: punctuality (with action items as of the period's end) and indicator trends.
public struct Reports: Sendable {
    let store: any MeetingStore
    let principal: Principal

    /// Per meeting, person and OPD from `from` up to and including `to` (dates or times in `zone`), with
    /// the open and overdue action items per OPD judged on the period's last day (or today, if earlier).
    public func punctuality(from: String, to: String, opd: String? = nil, zone: String? = nil, today: Date = Date()) async throws -> PunctualityReport {
        try AccessPolicy.require(principal, .readReports)
        let zone = try zone.map { try Zone.named($0) } ?? Zone.jakarta
        let start = try Bounds.lower(from, zone: zone), end = try Bounds.upper(to, zone: zone)
        guard start < end else {
            throw InputError.invalidValue(field: "period", value: "\(from) – \(to)", hint: "--to must be after --from")
        }
        let meetings = try await store.meetings(MeetingFilter(from: start, to: end, opd: opd))
        let asOf = min(CivilDate(end.addingTimeInterval(-1), in: zone), CivilDate(today, in: zone))
        let actions = try await store.actions(ActionFilter(opd: opd, before: end, today: asOf))
        return PunctualityReport(meetings: meetings, people: try await store.people(opd: nil).byID, from: start, to: end,
                                 policy: try await store.policy().onTime, actions: actions, asOf: asOf)
    }

    /// The trend of a series' indicators per OPD, month by month.
    public func indicators(series: String, opd: String? = nil, name: String? = nil) async throws -> IndicatorReport {
        try AccessPolicy.require(principal, .readReports)
        _ = try await store.series(series)
        return IndicatorReport(meetings: try await store.meetings(MeetingFilter(seriesID: series)), opd: opd, indicator: name)
    }
}

/// Range bounds as people type them: a date means the start of that day, or (as an upper bound) its end.
public enum Bounds {
    public static func lower(_ text: String, zone: TimeZone) throws -> Date { try bound(text, zone: zone, upper: false) }
    public static func upper(_ text: String, zone: TimeZone) throws -> Date { try bound(text, zone: zone, upper: true) }

    static func bound(_ text: String, zone: TimeZone, upper: Bool) throws -> Date {
        if let day = try? CivilDate(text) { return (upper ? day.adding(days: 1) : day).at(hour: 0, minute: 0, in: zone) }
        return try TimeInput.parse(text, zone: zone)
    }
}

