import Foundation

/// One event from another calendar as Rapat will store it: a meeting, or the meetings of a recurring event.
public struct ImportedEvent: Sendable {
    public var source: String
    public var line: Int
    public var uid: String
    public var sequence: Int
    public var cancelled: Bool
    public var summary: String
    /// One meeting, or every occurrence of a recurring event (each with `occurrenceStart`).
    public var meetings: [Meeting]
    public var series: Series?
    /// Attendees with no registered person (by NIP or email), left out of the meeting.
    public var unknownAttendees: [String]

    public init(source: String, line: Int, uid: String, sequence: Int, cancelled: Bool, summary: String, meetings: [Meeting],
                series: Series?, unknownAttendees: [String]) {
        self.source = source
        self.line = line
        self.uid = uid
        self.sequence = sequence
        self.cancelled = cancelled
        self.summary = summary
        self.meetings = meetings
        self.series = series
        self.unknownAttendees = unknownAttendees
    }
}

