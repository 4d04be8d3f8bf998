import Foundation

/// A change to the minutes that cannot be made.
public enum MinutesError: Error, Equatable, Sendable, CustomStringConvertible {
    case approved(MeetingID, by: PersonID, at: String)
    case notHeldYet(MeetingID, MeetingStatus)
    case notChair(PersonID, MeetingID, chair: PersonID)
    case unknownItem(meeting: MeetingID, position: Int, count: Int)
    case unknownAction(meeting: MeetingID, number: Int)
    case emptyText(String)
    case notApproved(MeetingID)
    /// The entry a removal names is no longer what the editor showed (someone changed the minutes meanwhile).
    case entryChanged(MeetingID)

    public var description: String {
        switch self {
        case let .approved(id, by, at):
            return "the minutes of \(id) were approved by NIP \(by) on \(at) and are frozen: they cannot be changed"
        case let .notHeldYet(id, status):
            return "\(id) is \(status.rawValue): minutes can be approved only after 'rapat end \(id)'"
        case let .notChair(nip, id, chair):
            return "NIP \(nip) is not the chair of \(id): only the chair (NIP \(chair)) approves the minutes"
        case let .unknownItem(id, position, count):
            return count == 0
                ? "\(id) has no agenda items, so there is no item \(position): add one with 'rapat agenda add \(id) …'"
                : "\(id) has no agenda item \(position): give a number from 1 to \(count) ('rapat agenda list \(id)')"
        case let .unknownAction(id, number):
            return "\(id) has no action item \(number): see 'rapat minutes show \(id)'"
        case let .notApproved(id):
            return "the minutes of \(id) are not approved yet: a correction applies to approved minutes; edit them directly"
        case let .emptyText(what):
            return "the \(what) is empty: write what was said or decided"
        case let .entryChanged(id):
            return "the minutes of \(id) changed meanwhile: reload the page and remove the entry again"
        }
    }
}
