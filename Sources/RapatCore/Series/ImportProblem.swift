import Foundation

/// An error that knows the line of the file it is about: an import report puts the line in its own column
/// and says the message alone.
public protocol LocatedError: Error {
    var line: Int { get }
    var message: String { get }
}

/// Why an event from another calendar cannot become a meeting here (beyond what its file's syntax says).
public enum ImportProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nobody registered here chairs it (no ATTENDEE;ROLE=CHAIR or ORGANIZER Rapat knows) and no default chair was given.
    case noChair(summary: String)

    public var description: String {
        switch self {
        case let .noChair(summary):
            return "event '\(summary)' names no organizer or attendee with an e-mail address (ORGANIZER or ATTENDEE): name its chair with --chair NIP"
        }
    }
}
