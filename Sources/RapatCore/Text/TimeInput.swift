import Foundation

/// Parses the times people type: `2020-12-16 09:00` (wall clock in a given zone) or ISO 8601 with an offset.
public enum TimeInput {
    public static func parse(_ text: String, zone: TimeZone) throws(InputError) -> Date {
        let t = text.trimmed
        if let local = wallClock(t, zone: zone) { return local }
        if let iso = isoWithOffset(t) { return iso }
        throw .invalidTime(text)
    }

    private static func wallClock(_ t: String, zone: TimeZone) -> Date? {
        let halves = t.split(separator: " ", omittingEmptySubsequences: true)
        guard halves.count == 2, let date = try? CivilDate(String(halves[0])) else { return nil }
        var time = String(halves[1])
        var seconds = 0
        if time.filter({ $0 == ":" }).count == 2, let last = time.lastIndex(of: ":") {
            guard let s = Int(time[time.index(after: last)...]), (0...59).contains(s), time.distance(from: last, to: time.endIndex) == 3 else { return nil }
            seconds = s
            time = String(time[..<last])
        }
        guard let (h, m) = clock(time) else { return nil }
        return date.at(hour: h, minute: m, in: zone).addingTimeInterval(TimeInterval(seconds))
    }

    /// `HH:MM` or the Indonesian `HH.MM`.
    public static func clock(_ text: String) -> (Int, Int)? {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "." }).map(String.init)
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        return (h, m)
    }

    private static func isoWithOffset(_ t: String) -> Date? {
        // Offsets are required: a bare local ISO time is ambiguous and handled as wall clock above.
        guard t.count >= 17, let tIndex = t.firstIndex(of: "T") else { return nil }
        let datePart = String(t[..<tIndex])
        var rest = String(t[t.index(after: tIndex)...])
        var offsetSeconds: Int
        if rest.hasSuffix("Z") {
            offsetSeconds = 0
            rest.removeLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = rest[rest.index(after: signIndex)...].replacingOccurrences(of: ":", with: "")
            guard offset.count == 4, let hh = Int(offset.prefix(2)), let mm = Int(offset.suffix(2)), hh <= 14, mm < 60 else { return nil }
            offsetSeconds = (hh * 3600 + mm * 60) * (rest[signIndex] == "-" ? -1 : 1)
            rest = String(rest[..<signIndex])
        } else {
            return nil
        }
        guard let date = try? CivilDate(datePart) else { return nil }
        let clockParts = rest.split(separator: ":").map(String.init)
        guard clockParts.count == 2 || clockParts.count == 3,
              let h = Int(clockParts[0]), let m = Int(clockParts[1]), (0...23).contains(h), (0...59).contains(m),
              clockParts[0].count == 2, clockParts[1].count == 2
        else { return nil }
        var seconds = 0
        if clockParts.count == 3 {
            guard let s = Int(clockParts[2]), (0...59).contains(s), clockParts[2].count == 2 else { return nil }
            seconds = s
        }
        guard let zone = TimeZone(secondsFromGMT: offsetSeconds) else { return nil }
        return date.at(hour: h, minute: m, in: zone).addingTimeInterval(TimeInterval(seconds))
    }
}
