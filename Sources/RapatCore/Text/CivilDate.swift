import Foundation
import Synchronization

/// A calendar day with no time or zone: a holiday, a due date, a recurrence exception.
public struct CivilDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws(InputError) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else {
            throw .invalidDate(String(format: "%04d-%02d-%02d", year, month, day))
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init(_ text: String) throws(InputError) {
        let t = text.trimmed
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { throw .invalidDate(text) }
        do { try self.init(year: y, month: m, day: d) } catch { throw .invalidDate(text) }
    }

    /// The day on which `instant` falls in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        let c = Calendar.gregorian(zone).dateComponents([.year, .month, .day], from: instant)
        year = c.year!
        month = c.month!
        day = c.day!
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The instant of `hour:minute` on this day in `zone`.
    public func at(hour: Int, minute: Int, in zone: TimeZone) -> Date {
        Calendar.gregorian(zone).date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    /// ISO weekday: 1 Monday … 7 Sunday.
    public var isoWeekday: Int {
        let w = Calendar.gregorian(TimeZone(identifier: "UTC")!).component(.weekday, from: at(hour: 12, minute: 0, in: TimeZone(identifier: "UTC")!))
        return w == 1 ? 7 : w - 1
    }

    public func adding(days: Int) -> CivilDate {
        let utc = TimeZone(identifier: "UTC")!
        return CivilDate(Calendar.gregorian(utc).date(byAdding: .day, value: days, to: at(hour: 12, minute: 0, in: utc))!, in: utc)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try CivilDate(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Calendar {
    /// A Gregorian calendar fixed to `zone`, independent of the process locale.
    /// Made once per zone: building a calendar cost more than the date arithmetic done with it (a twentieth of
    /// a meeting list page's time).
    public static func gregorian(_ zone: TimeZone) -> Calendar {
        if let known = gregorianByZone.withLock({ $0[zone] }) { return known }
        var c = Calendar(identifier: .gregorian)
        c.timeZone = zone
        c.locale = Locale(identifier: "en_US_POSIX")
        gregorianByZone.withLock { if $0.count < 64 { $0[zone] = c } }
        return c
    }

    private static let gregorianByZone = Mutex<[TimeZone: Calendar]>([:])
}

extension Date {
    /// The instant without its fraction of a second: what Rapat records, so every stored time survives
    /// the database and the canonical minutes record exactly.
    public var wholeSecond: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
