import Foundation

/// A wall-clock date and time with no zone (RFC 5545 "local time"): what a recurrence rule counts in, so
/// "every day at 09:00" stays at 09:00 across a daylight-saving change.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00 on the wall clock.
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        seconds = EpochDays.days(fromCivil: year, month, day) * 86400 + hour * 3600 + minute * 60 + second
    }

    public init(_ date: CivilDate, secondOfDay: Int = 0) {
        self.init(year: date.year, month: date.month, day: date.day)
        seconds += secondOfDay
    }

    /// The wall clock in `zone` at `instant`.
    public init(_ instant: Date, in zone: TimeZone) {
        let t = Int(instant.timeIntervalSince1970.rounded(.down))
        seconds = t + zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
    }

    /// Parses `YYYYMMDDTHHMMSS` (a trailing `Z` is not this type's business) or `YYYYMMDD` (midnight).
    public init?(ical text: Substring) {
        let u = Array(text.utf8)
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r { guard i < u.count, u[i] >= 0x30, u[i] <= 0x39 else { return nil }; n = n * 10 + Int(u[i] - 0x30) }
            return n
        }
        guard let y = number(0..<4), let m = number(4..<6), let d = number(6..<8), y >= 1, (1...12).contains(m),
              (1...CivilDate.daysIn(month: m, year: y)).contains(d) else { return nil }
        if u.count == 8 { self.init(year: y, month: m, day: d); return }
        guard u.count == 15, u[8] == UInt8(ascii: "T"), let h = number(9..<11), let mi = number(11..<13), let s = number(13..<15),
              h < 24, mi < 60, s < 61 else { return nil }
        self.init(year: y, month: m, day: d, hour: h, minute: mi, second: min(s, 59))
    }

    /// Days since 1970-01-01.
    public var day: Int { seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400 }
    public var secondOfDay: Int { seconds - day * 86400 }
    public var date: CivilDate {
        let (y, m, d) = EpochDays.civil(fromDays: day)
        return try! CivilDate(year: y, month: m, day: d)
    }

    /// The instant this wall-clock time names in `zone`. A time repeated when clocks go back is its first
    /// occurrence; a time skipped when they go forward is read with the offset from before the gap
    /// (RFC 5545 §3.3.5), so 02:30 on a spring-forward night becomes 03:30.
    public func instant(in zone: TimeZone) -> Date {
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds - 86400)))
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds + 86400)))
        for offset in [before, after]
        where zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds - offset))) == offset {
            return Date(timeIntervalSince1970: TimeInterval(seconds - offset))
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds - before))
    }

    public func adding(seconds s: Int) -> LocalDateTime { LocalDateTime(seconds: seconds + s) }

    /// `YYYYMMDDTHHMMSS`.
    public var description: String {
        let (y, m, d) = EpochDays.civil(fromDays: day)
        let s = secondOfDay
        return String(format: "%04d%02d%02dT%02d%02d%02d", y, m, d, s / 3600, s / 60 % 60, s % 60)
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.seconds < b.seconds }
}
