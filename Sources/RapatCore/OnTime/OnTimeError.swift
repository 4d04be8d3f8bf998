import Foundation

/// A step of running a meeting that does not fit where the meeting is.
public enum OnTimeError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotStart(MeetingID, MeetingStatus)
    case tooEarly(MeetingID, minutesEarly: Int, limit: Int, scheduled: String)
    case lateStartNeedsReason(MeetingID, minutesLate: Int, grace: Int)
    case notRunning(MeetingID, MeetingStatus, action: String)
    case notAParticipant(PersonID, MeetingID)
    case representativeRequired(PersonID)
    case checkInBeforeMeeting(MeetingID)
    case noAgenda(MeetingID)
    case agendaFinished(MeetingID)
    case beforeActualStart(MeetingID, String)
    case checkInAfterMeeting(MeetingID, String)
    case attendanceAlreadyRecorded(PersonID, MeetingID, AttendanceCategory)
    case attendanceChangeNeedsReason(PersonID, MeetingID, AttendanceCategory)

    public var description: String {
        switch self {
        case let .cannotStart(id, status):
            return "\(id) is \(status.rawValue); only a scheduled meeting can be started"
        case let .tooEarly(id, early, limit, scheduled):
            return "\(id) is scheduled for \(scheduled); starting \(early) min early is more than the \(limit) min allowed: wait, or move the meeting"
        case let .lateStartNeedsReason(id, late, grace):
            return "\(id) starts \(late) min late (grace \(grace) min): give the reason with --reason \"…\" so it is recorded"
        case let .notRunning(id, status, action):
            return "\(id) is \(status.rawValue): cannot \(action); " + (status == .scheduled ? "start it first with 'rapat start \(id)'" : "the meeting is over")
        case let .notAParticipant(nip, id):
            return "NIP \(nip) is not invited to \(id): add them with 'rapat meeting update \(id) --add-participant \(nip)'"
        case let .representativeRequired(nip):
            return "attendance 'diwakili' for NIP \(nip) needs the representative: give --by \"name, jabatan\""
        case let .checkInBeforeMeeting(id):
            return "check-in for \(id) is more than 2 hours before its start: check in on the day"
        case let .noAgenda(id):
            return "\(id) has no agenda items: add one with 'rapat agenda add \(id) …'"
        case let .agendaFinished(id):
            return "every agenda item of \(id) is closed: end the meeting with 'rapat end \(id)'"
        case let .beforeActualStart(id, started):
            return "the time given is before \(id) actually started (\(started)): give a later time"
        case let .checkInAfterMeeting(id, end):
            return "the time given is long after \(id) was to end (\(end)): give the time the person arrived"
        case let .attendanceAlreadyRecorded(nip, id, category):
            return "the attendance of NIP \(nip) at \(id) is already recorded (\(category.rawValue)): only the secretariat changes it, with a reason"
        case let .attendanceChangeNeedsReason(nip, id, category):
            return "NIP \(nip) is already recorded at \(id) as \(category.rawValue): give the reason for the change with --note \"…\""
        }
    }
}
