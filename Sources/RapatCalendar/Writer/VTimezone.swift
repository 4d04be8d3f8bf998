import Foundation
import RapatCore

/// Writes a VTIMEZONE for a zone from the tz database, with an observance for every offset change
/// that can affect the events in `range` (RFC 5545 §3.6.5).
public enum VTimezone {
    public static func write(_ zone: TimeZone, covering range: ClosedRange<Date>, into w: inout ICalWriter) {
        let lookBehind = range.lowerBound.addingTimeInterval(-400 * 86400)
        var transitions: [Date] = []
        var t = lookBehind
        while let next = zone.nextDaylightSavingTimeTransition(after: t), next <= range.upperBound, transitions.count < 2000 {
            transitions.append(next)
            t = next
        }
        w.begin("VTIMEZONE")
        w.raw("TZID", [], zone.identifier)
        let epoch = Date(timeIntervalSince1970: 0)
        let before = transitions.first.map { $0.addingTimeInterval(-1) } ?? range.lowerBound
        observance(zone, at: before, start: epoch, from: zone.secondsFromGMT(for: before), into: &w)
        for transition in transitions {
            observance(zone, at: transition, start: transition, from: zone.secondsFromGMT(for: transition.addingTimeInterval(-1)), into: &w)
        }
        w.end("VTIMEZONE")
    }

    /// One STANDARD or DAYLIGHT block starting at `start` (written as wall clock in the offset before it).
    private static func observance(_ zone: TimeZone, at instant: Date, start: Date, from: Int, into w: inout ICalWriter) {
        let to = zone.secondsFromGMT(for: instant)
        let kind = zone.isDaylightSavingTime(for: instant) ? "DAYLIGHT" : "STANDARD"
        w.begin(kind)
        w.raw("DTSTART", [], start.timeIntervalSince1970 == 0 ? "19700101T000000" : ICalTime.format(start, offset: from))
        w.raw("TZOFFSETFROM", [], ICalTime.offset(start.timeIntervalSince1970 == 0 ? to : from))
        w.raw("TZOFFSETTO", [], ICalTime.offset(to))
        w.text("TZNAME", [], name(zone, at: instant))
        w.end(kind)
    }

    static func name(_ zone: TimeZone, at instant: Date) -> String {
        let indonesian = Zone.abbreviation(zone, at: instant)
        if ["WIB", "WITA", "WIT", "UTC"].contains(indonesian) { return indonesian }
        return zone.abbreviation(for: instant) ?? indonesian
    }
}
