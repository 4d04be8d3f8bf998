import Foundation

/// A letter number from the archive's numbering register (e.g. `005/0123-Biro Umum/2020`): given once to one
/// document of one meeting, never given again, kept even when the meeting is cancelled.
public struct LetterNumber: Hashable, Codable, Sendable {
    public var year: Int
    public var serial: Int
    /// The document it numbers (`undangan`).
    public var document: String
    public var meetingID: MeetingID
    public var text: String
    public var assignedAt: Date

    public init(year: Int, serial: Int, document: String, meetingID: MeetingID, text: String, assignedAt: Date) {
        self.year = year
        self.serial = serial
        self.document = document
        self.meetingID = meetingID
        self.text = text
        self.assignedAt = assignedAt.wholeSecond
    }
}

/// How letter numbers read: a pattern with `{kode}` (classification code), `{nomor}` (the serial of the year,
/// four digits), `{unit}` and `{tahun}` (the year). The serial and the year must both appear, or two letters
/// could read the same.
public struct LetterPattern: Hashable, Codable, Sendable {
    public var pattern: String
    public var code: String
    public var unit: String

    public static let standard = LetterPattern(pattern: "{kode}/{nomor}-{unit}/{tahun}", code: "005", unit: "Biro Umum")

    public init(pattern: String, code: String, unit: String) {
        self.pattern = pattern
        self.code = code
        self.unit = unit
    }

    public static func check(_ pattern: String) throws(InputError) {
        guard pattern.contains("{nomor}"), pattern.contains("{tahun}") else {
            throw .invalidValue(field: "letter-pattern", value: pattern, hint: "include {nomor} and {tahun}, e.g. {kode}/{nomor}-{unit}/{tahun}")
        }
        guard pattern.count <= 120, !pattern.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidValue(field: "letter-pattern", value: pattern, hint: "one line of at most 120 characters")
        }
    }

    public func text(serial: Int, year: Int) -> String {
        pattern.replacingOccurrences(of: "{kode}", with: code).replacingOccurrences(of: "{unit}", with: unit)
            .replacingOccurrences(of: "{nomor}", with: String(format: "%04d", serial)).replacingOccurrences(of: "{tahun}", with: String(year))
    }
}
