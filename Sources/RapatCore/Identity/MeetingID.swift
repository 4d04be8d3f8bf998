import Foundation

/// A meeting's stable, human-typable identifier such as `RP-2020-0012`: prefix, year, serial.
///
/// Assigned once by the store and never reused; iCalendar UIDs derive from it.
public struct MeetingID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let serial: Int

    public init(year: Int, serial: Int) {
        self.year = year
        self.serial = serial
    }

    /// The id of a plan not numbered yet (`RP-0000-0000`): no stored meeting has it, and no text parses to it.
    public static let unnumbered = MeetingID(year: 0, serial: 0)
    /// The most meetings a year's numbering gives (RP-YYYY-99999): the archive files a meeting's search rows in a
    /// block of its own keyed by (year, serial), and a larger serial would run into the next year's blocks.
    public static let maxSerial = 99_999

    public init(_ text: String) throws(InputError) {
        let parts = text.trimmed.uppercased().split(separator: "-")
        guard parts.count == 3, parts[0] == "RP", parts[1].count == 4,
              let year = Int(parts[1]), let serial = Int(parts[2]), serial > 0,
              parts[2].allSatisfy(\.isNumber)
        else {
            throw .invalidMeetingID(text)
        }
        self.init(year: year, serial: serial)
    }

    public var description: String {
        let s = String(serial)
        return "RP-\(year)-" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    public static func < (a: MeetingID, b: MeetingID) -> Bool { (a.year, a.serial) < (b.year, b.serial) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try MeetingID(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
