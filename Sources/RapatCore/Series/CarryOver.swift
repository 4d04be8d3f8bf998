import Foundation

/// Prepares the next meeting of a series from what the last one left open:
/// items not reached or run over ("lanjutan") and a standing item with every open action item.
public struct CarryOver: Sendable {
    public static let followUpTitle = "Tindak lanjut rapat sebelumnya"

    /// Minutes given to the standing follow-up item.
    public var followUpBoxMinutes: Int
    /// The day the agenda is prepared, for flagging overdue action items.
    public var today: CivilDate

    public init(followUpBoxMinutes: Int = 15, today: CivilDate) {
        self.followUpBoxMinutes = followUpBoxMinutes
        self.today = today
    }

    /// Items of `previous` that the next meeting must take up again: not reached, or past their time box.
    /// A not-reached item keeps its box; an overrun one gets the overrun, rounded up to 5 minutes. Standing
    /// items and the follow-up item recur on their own and are never carried.
    public func carriedItems(from previous: Meeting) -> [AgendaItem] {
        previous.agenda.compactMap { item -> AgendaItem? in
            guard !item.isFollowUp, !item.isStanding else { return nil }
            let box: Int
            if item.actualStart == nil {
                box = item.boxMinutes
            } else if let over = item.overrunMinutes, over > 0 {
                box = max(5, (over + 4) / 5 * 5)
            } else {
                return nil
            }
            var carried = item
            carried.carriedFrom = item.carriedFrom + [previous.id]
            carried.boxMinutes = box
            carried.actualStart = nil
            carried.actualEnd = nil
            return carried
        }
    }

    /// The follow-up item's text: open actions grouped by OPD, overdue ones flagged.
    public func followUpDetails(_ open: [ActionRecord], language: Language = .id) -> String {
        let byOPD = Dictionary(grouping: open, by: \.ownerOPD).sorted { $0.key.lowercased() < $1.key.lowercased() }
        return byOPD.map { opd, actions in
            "\(opd):\n" + actions.sorted { $0.id < $1.id }.map { a in
                var line = "- \(a.id) \(a.action.text)"
                if let due = a.action.due {
                    line += language == .id ? " (tenggat \(due)" : " (due \(due)"
                    let late = a.daysOverdue(on: today)
                    line += late > 0 ? (language == .id ? ", TERLAMBAT \(late) hari)" : ", OVERDUE \(late) days)") : ")"
                }
                return line
            }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The agenda of `next`: its own planned items, with the follow-up item and the carried items after the first (opening) one.
    /// Running it again replaces what an earlier run added.
    public func prepare(_ next: Meeting, previous: Meeting?, openActions: [ActionRecord]) throws(InputError) -> [AgendaItem] {
        var planned = next.agenda.filter { !$0.isCarried && !$0.isFollowUp }
        var key = next.nextAgendaKey
        var added: [AgendaItem] = []
        if !openActions.isEmpty {
            added.append(try AgendaItem(key: key, title: Self.followUpTitle, presenter: "Sekretaris Daerah", boxMinutes: followUpBoxMinutes,
                                        isFollowUp: true, details: followUpDetails(openActions)))
            key += 1
        }
        for var item in previous.map(carriedItems) ?? [] {
            item.key = key
            key += 1
            added.append(item)
        }
        planned.insert(contentsOf: added, at: min(1, planned.count))
        return planned
    }

    /// Applies the secretariat's choices: drop items and change time boxes, by 1-based position.
    public static func adjust(_ agenda: [AgendaItem], drop: Set<Int>, boxes: [Int: Int]) throws(InputError) -> [AgendaItem] {
        for p in drop.union(boxes.keys) where !(1...agenda.count).contains(p) {
            throw .invalidValue(field: "agenda position", value: String(p), hint: "give a position from 1 to \(agenda.count)")
        }
        var result: [AgendaItem] = []
        for (i, item) in agenda.enumerated() where !drop.contains(i + 1) {
            var item = item
            if let box = boxes[i + 1] {
                guard (1...720).contains(box) else { throw .invalidValue(field: "time box", value: String(box), hint: "give 1 to 720 minutes") }
                item.boxMinutes = box
            }
            result.append(item)
        }
        return result
    }

    /// Refuses an agenda that does not fit, listing every item so the secretariat can drop or shorten one.
    public static func checkFits(_ agenda: [AgendaItem], in meeting: Meeting) throws(SeriesError) {
        let total = agenda.reduce(0) { $0 + $1.boxMinutes }
        guard total > meeting.plannedMinutes else { return }
        throw .agendaDoesNotFit(meeting.id, agendaMinutes: total, meetingMinutes: meeting.plannedMinutes,
                                items: agenda.enumerated().map { "\($0 + 1). \($1.title) (\($1.boxMinutes) min\($1.isCarried ? ", lanjutan" : ""))" })
    }
}

/// What goes wrong when preparing a series' next meeting.
public enum SeriesError: Error, Equatable, Sendable, CustomStringConvertible {
    case agendaDoesNotFit(MeetingID, agendaMinutes: Int, meetingMinutes: Int, items: [String])
    case noNextMeeting(String)

    public var description: String {
        switch self {
        case let .agendaDoesNotFit(id, agenda, meeting, items):
            return "after carry-over the agenda of \(id) is \(agenda) min but the meeting is \(meeting) min; "
                + "drop items with --drop N or shorten them with --box N=MIN:\n  " + items.joined(separator: "\n  ")
        case let .noNextMeeting(series):
            return "series \(series) has no scheduled meeting left: plan the next one with 'rapat meeting create … --repeat'"
        }
    }
}
