import Foundation
import Logging
import PostgresNIO
import RapatCore
import RapatStore

/// The numbering register of letters.
extension PostgresStore {
    static func letterNumbers(_ query: PostgresQuery, _ c: PostgresConnection, _ logger: Logger) async throws -> [LetterNumber] {
        var out: [LetterNumber] = []
        for try await (year, serial, document, meeting, number, at) in try await c.query(query, logger: logger)
            .decode((Int, Int, String, String, String, Date).self) {
            out.append(LetterNumber(year: year, serial: serial, document: document, meetingID: try MeetingID(meeting), text: number, assignedAt: at))
        }
        return out
    }

    public func letterNumbers(year: Int) async throws -> [LetterNumber] {
        try await read { c in
            try await Self.letterNumbers("SELECT year, serial, document, meeting_id, number, assigned_at FROM letter_number WHERE year = \(year) ORDER BY serial", c, logger)
        }
    }
}
