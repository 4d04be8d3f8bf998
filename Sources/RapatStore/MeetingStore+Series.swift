import Foundation
import RapatCore

/// What `prepareNextMeeting` did.
public struct PreparedMeeting: Sendable {
    public var meeting: Meeting
    /// The held meeting whose open items were carried over.
    public var previous: MeetingID?
    public var stored: Bool
}

extension MeetingStore {
    /// Prepares the next scheduled meeting of a series from the last held one: its planned agenda, the
    /// carried-over items and the open action items; then applies drops and time boxes (by position in the
    /// prepared agenda) and refuses an agenda that does not fit, listing its items. With `store: false`
    /// nothing is written.
    public func prepareNextMeeting(series id: String, drop: Set<Int> = [], boxes: [Int: Int] = [:], followUpBoxMinutes: Int = 15,
                                   today: CivilDate, store: Bool = true) async throws -> PreparedMeeting {
        let meetings = try await meetings(MeetingFilter(seriesID: id))
        if meetings.isEmpty { _ = try await series(id) }
        guard let next = meetings.first(where: { $0.status == .scheduled }) else { throw SeriesError.noNextMeeting(id) }
        let previous = meetings.last { ($0.status == .ended || $0.status == .started) && $0.start < next.start }
        let meetingDay = CivilDate(next.start, in: next.zone)
        let open = try await actions(ActionFilter(status: .open, seriesID: id, before: next.start, today: meetingDay))
        let carry = CarryOver(followUpBoxMinutes: followUpBoxMinutes, today: min(today, meetingDay))
        let prepare: @Sendable (Meeting) throws -> [AgendaItem] = { m in
            let agenda = try CarryOver.adjust(try carry.prepare(m, previous: previous, openActions: open), drop: drop, boxes: boxes)
            try CarryOver.checkFits(agenda, in: m)
            return agenda
        }
        var result = next
        if store {
            result = try await updateMeeting(next.id) { m, _ in m.agenda = try prepare(m) }
        } else {
            result.agenda = try prepare(next)
        }
        return PreparedMeeting(meeting: result, previous: previous?.id, stored: store)
    }
}
