import Foundation

/// Where a meeting stands at one instant, for the meeting room: the running item and its deadline, and when the
/// meeting will end if every remaining item keeps its time box. A face renders it; a clock in the browser
/// moves it on between instants with `predictedEnd(at:)`, so the prediction has one definition.
public struct MeetingProgress: Hashable, Sendable {
    /// The agenda item under discussion, if any.
    public var runningItem: Int?
    /// When the running item's time box runs out (its start plus its box).
    public var runningDeadline: Date?
    /// The earliest the remaining items can begin: the running item's deadline, the scheduled start of a meeting
    /// not yet begun, or nil for "now" (started, nothing running).
    public var remainingFrom: Date?
    /// The time boxes of the items not yet opened (and of the whole meeting when it has no agenda).
    public var remainingSeconds: TimeInterval
    /// The recorded end of an ended meeting.
    public var endedAt: Date?

    /// When the meeting ends, seen at `now`: what is left starts at `remainingFrom` or now, whichever is later
    /// (an item past its box pushes everything after it).
    public func predictedEnd(at now: Date) -> Date {
        if let endedAt { return endedAt }
        return max(now, remainingFrom ?? now).addingTimeInterval(remainingSeconds)
    }
}

extension Meeting {
    /// The meeting's progress at `now` (see `MeetingProgress`).
    public func progress(at now: Date) -> MeetingProgress {
        let waiting = agenda.filter { $0.actualStart == nil }.reduce(0) { $0 + TimeInterval($1.boxMinutes * 60) }
        switch status {
        case .ended, .cancelled:
            return MeetingProgress(runningItem: nil, runningDeadline: nil, remainingFrom: nil, remainingSeconds: 0, endedAt: actualEnd ?? end)
        case .scheduled:
            let planned = agenda.isEmpty ? end.timeIntervalSince(start) : waiting
            return MeetingProgress(runningItem: nil, runningDeadline: nil, remainingFrom: start, remainingSeconds: planned, endedAt: nil)
        case .started:
            if let i = runningItem, let opened = agenda[i].actualStart {
                let deadline = opened.addingTimeInterval(TimeInterval(agenda[i].boxMinutes * 60))
                return MeetingProgress(runningItem: i, runningDeadline: deadline, remainingFrom: deadline, remainingSeconds: waiting, endedAt: nil)
            }
            if agenda.isEmpty, let actualStart {
                // No agenda: the meeting keeps its planned length from its actual start.
                return MeetingProgress(runningItem: nil, runningDeadline: nil, remainingFrom: actualStart.addingTimeInterval(end.timeIntervalSince(start)),
                                       remainingSeconds: 0, endedAt: nil)
            }
            return MeetingProgress(runningItem: nil, runningDeadline: nil, remainingFrom: nil, remainingSeconds: waiting, endedAt: nil)
        }
    }
}
