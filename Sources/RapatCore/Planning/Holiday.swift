import Foundation

/// A day on which no meeting is planned: a national holiday or cuti bersama.
public struct Holiday: Hashable, Codable, Sendable {
    public var date: CivilDate
    public var name: String

    public init(date: CivilDate, name: String) {
        self.date = date
        self.name = name
    }

    /// Parses a holiday list: one `YYYY-MM-DD name` per line; `#` starts a comment.
    /// A bad line is reported with its number so the file can be fixed.
    public static func parseList(_ text: String, source: String = "holiday list") throws(InputError) -> [Holiday] {
        var result: [Holiday] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmed ?? ""
            if line.isEmpty { continue }
            let dateText = String(line.prefix(while: { !$0.isWhitespace }))
            let name = line.dropFirst(dateText.count).trimmed
            guard let date = try? CivilDate(dateText), !name.isEmpty else {
                throw .invalidValue(field: "line \(n + 1) of \(source)", value: line, hint: "write 'YYYY-MM-DD name', e.g. '2020-12-25 Hari Raya Natal'")
            }
            result.append(Holiday(date: date, name: name))
        }
        return result
    }
}
