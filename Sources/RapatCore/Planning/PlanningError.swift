import Foundation

/// A plan that cannot work, with what to change.
public enum PlanningError: Error, Equatable, Sendable, CustomStringConvertible {
    case endBeforeStart(start: String, end: String)
    case tooLong(minutes: Int, max: Int)
    case unknownPerson(PersonID, role: String)
    case doubleBooked(person: String, nip: PersonID, other: MeetingID, otherTitle: String, otherTime: String)
    case agendaTooLong(agendaMinutes: Int, meetingMinutes: Int)
    case outsideWorkingHours(time: String, hours: String)
    case notAWorkingDay(date: String, days: String)
    case holiday(date: String, name: String)
    case recurrenceUnbounded
    case recurrenceTooLong(Int, max: Int)
    case recurrenceInvalid(String, String)
    case startNotInRecurrence(CivilDate, rule: String)
    /// An imported rule goes on past the import window; `next` is its first instance not imported.
    case recurrenceBeyondWindow(next: String)
    case notEditable(MeetingID, MeetingStatus)
    case itemAlreadyHeld(MeetingID, position: Int, title: String)

    public var description: String {
        switch self {
        case let .endBeforeStart(start, end):
            return "the meeting ends (\(end)) before it starts (\(start)): give an end after the start"
        case let .tooLong(minutes, max):
            return "the meeting lasts \(minutes) min, longer than the \(max) min a meeting may last: split it into two meetings"
        case let .unknownPerson(nip, role):
            return "no person with NIP \(nip) (\(role)): add them first with 'rapat person add --nip \(nip) …'"
        case let .doubleBooked(person, nip, other, otherTitle, otherTime):
            return "\(person) (NIP \(nip)) is already in \(other) '\(otherTitle)' at \(otherTime): move one of the meetings or drop the participant"
        case let .agendaTooLong(agenda, meeting):
            return "agenda is \(agenda) min but the meeting is \(meeting) min: shorten an item or extend the meeting"
        case let .outsideWorkingHours(time, hours):
            return "\(time) is outside working hours (\(hours)): plan the meeting inside them or change 'rapat config set working-hours'"
        case let .notAWorkingDay(date, days):
            return "\(date) is not a working day (\(days)): pick a working day"
        case let .holiday(date, name):
            return "\(date) is a holiday (\(name)): pick another day, or skip it in a series with --except \(date.prefix(10))"
        case .recurrenceUnbounded:
            return "the recurrence never ends: add COUNT=n or UNTIL=YYYYMMDD"
        case let .recurrenceTooLong(n, max):
            return "the recurrence makes \(n) meetings or more within a year, more than \(max): repeat less often (a longer FREQ or a larger INTERVAL)"
        case let .recurrenceInvalid(rule, hint):
            return "cannot read recurrence '\(rule)': \(hint)"
        case let .startNotInRecurrence(day, rule):
            return "the first meeting (\(day)) does not fall on the recurrence \(rule): start on a day the rule produces"
        case let .recurrenceBeyondWindow(next):
            return "the recurrence goes on past what is imported now: occurrences from \(next) are not stored (the rule is kept in the series)"
        case let .notEditable(id, status):
            return "\(id) is \(status.rawValue) and can no longer be rescheduled or re-invited: plan a new meeting instead"
        case let .itemAlreadyHeld(id, position, title):
            return "agenda item \(position) of \(id) ('\(title)') was already discussed or has minutes: it cannot be removed"
        }
    }
}
