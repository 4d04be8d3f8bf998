import Foundation
import RapatCore

extension ActionRecord {
    /// The action items of `meetings` with their current status (a follow-up recorded after approval wins),
    /// filtered as `filter` asks; for backends that list actions from whole meetings.
    public static func list(meetings: [Meeting], people: [PersonID: Person], followUps: [ActionID: FollowUp], filter: ActionFilter) -> [ActionRecord] {
        var result: [ActionRecord] = []
        for m in meetings {
            if let series = filter.seriesID, m.seriesID != series { continue }
            if let before = filter.before, m.start >= before { continue }
            for a in m.minutes.actions {
                let owner: Person? = if case let .person(p) = a.owner { people[p] } else { nil }
                let record = ActionRecord(a, of: m, ownerPerson: owner, followUp: followUps[ActionID(meeting: m.id, number: a.number)])
                if let opd = filter.opd, record.ownerOPD.lowercased() != opd.lowercased() { continue }
                if filter.admits(record) { result.append(record) }
            }
        }
        return result.sorted { (CivilDate.sortKey($0.meetingDate), $0.id) < (CivilDate.sortKey($1.meetingDate), $1.id) }
    }
}

extension ActionFilter {
    /// Whether the filter's status (if any) lists `record`; the other fields are the query's.
    public func admits(_ record: ActionRecord) -> Bool { status?.admits(record, on: today) ?? true }
}

extension CivilDate {
    static func sortKey(_ d: CivilDate) -> Int { d.year * 10000 + d.month * 100 + d.day }
}
