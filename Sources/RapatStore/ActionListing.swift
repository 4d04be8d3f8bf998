import Foundation
import RapatCore

extension ActionRecord {
    /// The action items of `meetings` with their current status (a follow-up recorded after approval wins),
    /// filtered as `filter` asks; for backends that list actions from whole meetings.
    static func list(meetings: [Meeting], people: [NIP: Person], followUps: [String: (ActionStatus, Date, String?)], filter: ActionFilter) -> [ActionRecord] {
        var result: [ActionRecord] = []
        for m in meetings {
            if let series = filter.seriesID, m.seriesID != series { continue }
            if let before = filter.before, m.start >= before { continue }
            for a in m.minutes.actions {
                let id = ActionID(meeting: m.id, number: a.number)
                let ownerOPD: String
                switch a.owner {
                case let .opd(o): ownerOPD = o
                case let .person(p): ownerOPD = people[p]?.opd ?? "?"
                }
                if let opd = filter.opd, ownerOPD.lowercased() != opd.lowercased() { continue }
                let follow = followUps[id.description]
                let record = ActionRecord(id: id, action: a, meetingTitle: m.title, meetingDate: CivilDate(m.start, in: m.zone), seriesID: m.seriesID,
                                          ownerOPD: ownerOPD, status: follow?.0 ?? a.status, completedAt: follow.map(\.1) ?? a.completedAt,
                                          completionNote: follow != nil ? follow!.2 : a.completionNote)
                switch filter.status {
                case nil: result.append(record)
                case .open?: if record.status == .open { result.append(record) }
                case .done?: if record.status == .done { result.append(record) }
                case .overdue?: if record.isOverdue(on: filter.today) { result.append(record) }
                }
            }
        }
        return result.sorted { (CivilDate.sortKey($0.meetingDate), $0.id) < (CivilDate.sortKey($1.meetingDate), $1.id) }
    }
}

extension CivilDate {
    static func sortKey(_ d: CivilDate) -> Int { d.year * 10000 + d.month * 100 + d.day }
}
