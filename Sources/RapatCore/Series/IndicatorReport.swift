import Foundation

/// Per OPD and indicator: the figures month by month, the gap to target, and who fell behind.
public struct IndicatorReport: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        public var asOf: CivilDate
        public var target: Double
        public var actual: Double
        public var gap: Double
        public var meetingID: MeetingID
    }

    public struct Row: Codable, Sendable, Equatable {
        public var opd: String
        public var indicator: String
        public var unit: String
        /// One point per month, the latest figure of that month, oldest first.
        public var points: [Point]
        public var latestGap: Double
        public var isBehind: Bool
        /// Change of the realisation from the first to the last point.
        public var change: Double
    }

    public var rows: [Row]
    /// Months covered, `YYYY-MM`, oldest first.
    public var months: [String]

    public init(meetings: [Meeting], opd: String? = nil, indicator: String? = nil) {
        var byKey: [String: [(Indicator, MeetingID)]] = [:]
        for m in meetings {
            for i in m.minutes.indicators {
                if let opd, i.opd.lowercased() != opd.lowercased() { continue }
                if let indicator, i.name != indicator.lowercased() { continue }
                byKey["\(i.name)\u{0}\(i.opd)", default: []].append((i, m.id))
            }
        }
        var months: Set<String> = []
        rows = byKey.values.map { entries in
            var perMonth: [String: (Indicator, MeetingID)] = [:]
            for (i, id) in entries {
                let month = String(i.asOf.description.prefix(7))
                if let existing = perMonth[month], existing.0.asOf > i.asOf { continue }
                perMonth[month] = (i, id)
            }
            months.formUnion(perMonth.keys)
            let points = perMonth.sorted { $0.key < $1.key }.map { _, v in
                Point(asOf: v.0.asOf, target: v.0.target, actual: v.0.actual, gap: Self.round(v.0.gap), meetingID: v.1)
            }
            let first = entries[0].0
            return Row(opd: first.opd, indicator: first.name, unit: first.unit, points: points, latestGap: points.last!.gap,
                       isBehind: points.last!.actual < points.last!.target, change: Self.round(points.last!.actual - points.first!.actual))
        }.sorted { ($0.indicator, $0.opd.lowercased()) < ($1.indicator, $1.opd.lowercased()) }
        self.months = months.sorted()
    }

    /// OPDs behind target at their latest figure, furthest behind first.
    public var behind: [Row] { rows.filter(\.isBehind).sorted { $0.latestGap < $1.latestGap } }

    static func round(_ v: Double) -> Double { (v * 100).rounded() / 100 }

    /// A terminal sparkline of the realisation, one block per point.
    public static func sparkline(_ values: [Double]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        guard let lo = values.min(), let hi = values.max() else { return "" }
        return String(values.map { hi == lo ? blocks[3] : blocks[Int(($0 - lo) / (hi - lo) * 7)] })
    }
}
