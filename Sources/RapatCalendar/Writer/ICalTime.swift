import Foundation
import RapatCore

/// iCalendar DATE-TIME and DATE values, computed without `Calendar` so large exports stay fast.
public enum ICalTime {
    static func civil(fromDays days: Int) -> (Int, Int, Int) { EpochDays.civil(fromDays: days) }

    static func days(fromCivil y: Int, _ m: Int, _ d: Int) -> Int { EpochDays.days(fromCivil: y, m, d) }

    private static func pad(_ n: Int, _ width: Int, into s: inout String) {
        var digits = String(n)
        while digits.count < width { digits = "0" + digits }
        s += digits
    }

    /// `yyyymmddThhmmss` of the wall clock `offset` seconds from UTC, plus `Z` when `utc`.
    public static func format(_ instant: Date, offset: Int, utc: Bool = false) -> String {
        let t = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let secs = t - days * 86400
        let (y, m, d) = civil(fromDays: days)
        var s = ""
        s.reserveCapacity(16)
        pad(y, 4, into: &s); pad(m, 2, into: &s); pad(d, 2, into: &s)
        s += "T"
        pad(secs / 3600, 2, into: &s); pad(secs % 3600 / 60, 2, into: &s); pad(secs % 60, 2, into: &s)
        if utc { s += "Z" }
        return s
    }

    public static func utc(_ instant: Date) -> String { format(instant, offset: 0, utc: true) }

    /// Appends `yyyymmddThhmmss[Z]` as bytes, without building a String.
    static func append(_ instant: Date, offset: Int, utc: Bool, to out: inout [UInt8]) {
        let t = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let secs = t - days * 86400
        let (y, m, d) = civil(fromDays: days)
        func two(_ n: Int) { out.append(UInt8(48 + n / 10)); out.append(UInt8(48 + n % 10)) }
        two(y / 100); two(y % 100); two(m); two(d)
        out.append(UInt8(ascii: "T"))
        two(secs / 3600); two(secs % 3600 / 60); two(secs % 60)
        if utc { out.append(UInt8(ascii: "Z")) }
    }

    /// Hour and minute of the wall clock `offset` seconds from UTC.
    static func clock(_ instant: Date, offset: Int) -> (Int, Int) {
        let t = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let secs = ((t % 86400) + 86400) % 86400
        return (secs / 3600, secs % 3600 / 60)
    }

    public static func date(_ day: CivilDate) -> String {
        var s = ""
        pad(day.year, 4, into: &s); pad(day.month, 2, into: &s); pad(day.day, 2, into: &s)
        return s
    }

    /// `+0700` / `-0330` for TZOFFSETFROM/TO.
    public static func offset(_ seconds: Int) -> String {
        var s = seconds < 0 ? "-" : "+"
        pad(abs(seconds) / 3600, 2, into: &s)
        pad(abs(seconds) % 3600 / 60, 2, into: &s)
        if abs(seconds) % 60 != 0 { pad(abs(seconds) % 60, 2, into: &s) }
        return s
    }

    /// `PT15M`, `-PT5M`, `PT1H`, `P1D`.
    public static func duration(seconds: Int) -> String {
        var s = seconds < 0 ? "-P" : "P"
        var rest = abs(seconds)
        if rest % 86400 == 0, rest > 0 { return s + "\(rest / 86400)D" }
        s += "T"
        if rest >= 3600 { s += "\(rest / 3600)H"; rest %= 3600 }
        if rest >= 60 { s += "\(rest / 60)M"; rest %= 60 }
        if rest > 0 || s.hasSuffix("T") { s += "\(rest)S" }
        return s
    }
}

/// Offsets of every zone an export touches, one `ZoneOffsets` each.
final class ZoneClock {
    private var offsets: [String: ZoneOffsets] = [:]
    private var zones: [String: TimeZone] = [:]

    /// The zone of an IANA identifier, looked up once (building a TimeZone is costly).
    func zone(_ identifier: String) -> TimeZone {
        if let z = zones[identifier] { return z }
        let z = TimeZone(identifier: identifier) ?? Zone.jakarta
        zones[identifier] = z
        return z
    }

    func offset(_ zone: TimeZone, at instant: Date) -> Int {
        let id = zone.identifier
        if offsets[id] == nil { offsets[id] = ZoneOffsets(zone) }
        return offsets[id]!.offset(at: instant)
    }

    func offset(_ identifier: String, at instant: Date) -> Int {
        if offsets[identifier] == nil { offsets[identifier] = ZoneOffsets(zone(identifier)) }
        return offsets[identifier]!.offset(at: instant)
    }
}

/// Offsets of one zone without asking the tz database for every instant: between two known transitions
/// (or anywhere, for a zone without daylight saving) the offset is the same.
public struct ZoneOffsets: Sendable {
    public let zone: TimeZone
    /// The span around the last lookup in which the offset is known not to change.
    private var known: (from: Date, to: Date, offset: Int)?

    public init(_ zone: TimeZone) { self.zone = zone }

    /// Seconds east of UTC at `instant`.
    public mutating func offset(at instant: Date) -> Int {
        if let k = known, instant >= k.from, instant < k.to { return k.offset }
        let o = zone.secondsFromGMT(for: instant)
        // The offset holds from the last transition before `instant` (looked for within a year) to the next one.
        var from = instant.addingTimeInterval(-366 * 86400)
        while let t = zone.nextDaylightSavingTimeTransition(after: from), t <= instant { from = t }
        let next = zone.nextDaylightSavingTimeTransition(after: instant) ?? Date.distantFuture
        known = (from, next, o)
        return o
    }

    public mutating func local(_ instant: Date) -> String { ICalTime.format(instant, offset: offset(at: instant)) }
}
