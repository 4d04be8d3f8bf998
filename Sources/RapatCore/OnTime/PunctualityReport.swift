import Foundation

/// How punctual meetings, people and OPDs were over a period: start delays, overruns, late arrivals, absences.
///
/// Only meetings that were held (started or ended) count; cancelled and future meetings are left out.
public struct PunctualityReport: Codable, Sendable, Equatable {
    public struct MeetingRow: Codable, Sendable, Equatable {
        public var id: MeetingID
        public var title: String
        public var scheduledStart: Date
        public var timeZone: String
        public var actualStart: Date?
        public var startDelayMinutes: Int
        public var lateStart: Bool
        public var lateStartReason: String?
        public var agendaItems: Int
        public var overrunItems: Int
        public var totalOverrunMinutes: Int
        /// Whole minutes the meeting ended after its scheduled end (0 when it ended in time).
        public var endOverrunMinutes: Int
        public var invited: Int
        public var present: Int
    }

    /// Arrivals and absences of one person, or of everyone in one OPD.
    public struct Tally: Codable, Sendable, Equatable {
        public var invitations = 0
        /// Check-ins as hadir, daring or diwakili.
        public var arrivals = 0
        public var onTimeArrivals = 0
        public var lateArrivals = 0
        public var totalLateMinutes = 0
        /// Count per attendance category (raw value), every category present.
        public var byCategory: [String: Int] = Dictionary(uniqueKeysWithValues: AttendanceCategory.allCases.map { ($0.rawValue, 0) })

        /// Share of arrivals that were on time, nil with no arrival.
        public var onTimeRate: Double? { arrivals == 0 ? nil : Double(onTimeArrivals) / Double(arrivals) }
        public var absences: Int { invitations - arrivals }
        public var averageLateMinutes: Double? { lateArrivals == 0 ? nil : Double(totalLateMinutes) / Double(lateArrivals) }

        public func count(_ c: AttendanceCategory) -> Int { byCategory[c.rawValue] ?? 0 }

        mutating func add(_ a: Attendance, grace: Int) {
            invitations += 1
            byCategory[a.category.rawValue, default: 0] += 1
            guard a.category.isPresent else { return }
            arrivals += 1
            let late = a.lateMinutes ?? 0
            if late <= grace {
                onTimeArrivals += 1
            } else {
                lateArrivals += 1
                totalLateMinutes += late
            }
        }
    }

    public struct PersonRow: Codable, Sendable, Equatable {
        public var nip: PersonID
        public var name: String
        public var opd: String
        public var tally: Tally
    }

    public struct OPDRow: Codable, Sendable, Equatable {
        public var opd: String
        public var people: Int
        public var tally: Tally
        /// Action items owned by the OPD still open, and those of them past due, on the report's `asOf` day.
        public var openActions: Int = 0
        public var overdueActions: Int = 0
    }

    public var from: Date
    public var to: Date
    public var graceMinutes: Int
    public var meetings: [MeetingRow]
    public var people: [PersonRow]
    public var opds: [OPDRow]

    /// - Parameters:
    ///   - actions: action items to count per OPD as open and overdue on `asOf` (default: the last day of the period).
    public init(meetings all: [Meeting], people directory: [PersonID: Person], from: Date, to: Date, policy: OnTimePolicy,
                actions: [ActionRecord] = [], asOf: CivilDate? = nil) {
        self.from = from
        self.to = to
        graceMinutes = policy.graceMinutes
        let held = all.filter { ($0.status == .started || $0.status == .ended) && $0.start >= from && $0.start < to }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        meetings = held.map { m in
            let delay = m.startDelayMinutes ?? 0
            return MeetingRow(id: m.id, title: m.title, scheduledStart: m.start, timeZone: m.timeZone, actualStart: m.actualStart,
                              startDelayMinutes: delay, lateStart: delay > policy.graceMinutes, lateStartReason: m.lateStartReason,
                              agendaItems: m.agenda.count, overrunItems: m.overrunItems.count,
                              totalOverrunMinutes: m.totalOverrunMinutes,
                              endOverrunMinutes: m.actualEnd.map { max(0, wholeMinutes($0.timeIntervalSince(m.end))) } ?? 0,
                              invited: m.everyone.count,
                              present: m.attendance.filter(\.category.isPresent).count)
        }
        var perPerson: [PersonID: Tally] = [:]
        for m in held {
            for a in m.attendance { perPerson[a.nip, default: Tally()].add(a, grace: policy.graceMinutes) }
        }
        people = perPerson.map { nip, tally in
            let p = directory[nip]
            return PersonRow(nip: nip, name: p?.name ?? nip.key, opd: p?.opd ?? "?", tally: tally)
        }.sorted { ($0.opd.lowercased(), $0.name, $0.nip) < ($1.opd.lowercased(), $1.name, $1.nip) }
        var perOPD: [String: (Set<PersonID>, Tally)] = [:]
        for m in held {
            for a in m.attendance {
                let opd = directory[a.nip]?.opd ?? "?"
                var entry = perOPD[opd] ?? ([], Tally())
                entry.0.insert(a.nip)
                entry.1.add(a, grace: policy.graceMinutes)
                perOPD[opd] = entry
            }
        }
        let day = asOf ?? CivilDate(to.addingTimeInterval(-1), in: Zone.jakarta)
        var rows = perOPD.mapValues { OPDRow(opd: "", people: $0.0.count, tally: $0.1) }
        for a in actions where a.status == .open {
            rows[a.ownerOPD, default: OPDRow(opd: "", people: 0, tally: Tally())].openActions += 1
            if a.isOverdue(on: day) { rows[a.ownerOPD]!.overdueActions += 1 }
        }
        opds = rows.map { key, row in
            var row = row
            row.opd = key
            return row
        }.sorted { $0.opd.lowercased() < $1.opd.lowercased() }
    }
}
