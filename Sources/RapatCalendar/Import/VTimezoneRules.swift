import Foundation
import RapatCore

/// The offsets a VTIMEZONE defines (its STANDARD and DAYLIGHT observances, each an onset with TZOFFSETFROM,
/// TZOFFSETTO and an RRULE or RDATEs), for a TZID no time zone database knows: Lotus Notes' "Eastern",
/// "custom_America/New_York", an Exchange zone renamed by its administrator.
struct VTimezoneRules {
    struct Observance {
        var onset: LocalDateTime
        var from: Int
        var to: Int
        var rules: [RecurrenceRule]
        var dates: [LocalDateTime]
    }

    var observances: [Observance]

    static let preferred = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "America/New_York", "America/Chicago", "America/Denver",
                            "America/Los_Angeles", "Europe/London", "Europe/Berlin", "Europe/Paris", "Australia/Sydney", "Asia/Tokyo",
                            "Asia/Singapore", "Asia/Kolkata", "Asia/Shanghai", "America/Sao_Paulo", "UTC"]

    init?(_ vtimezone: ICalComponent) {
        var found: [Observance] = []
        for c in vtimezone.components where c.name == "STANDARD" || c.name == "DAYLIGHT" {
            guard let start = c.first("DTSTART").flatMap({ LocalDateTime(ical: Substring($0.value)) }),
                  let to = c.first("TZOFFSETTO").flatMap({ ICalImport.Context.offsetSeconds($0.value) }) else { continue }
            let from = c.first("TZOFFSETFROM").flatMap { ICalImport.Context.offsetSeconds($0.value) } ?? to
            let rules = c.all("RRULE").compactMap { try? RecurrenceRule(parsing: $0.value) }
            let dates = c.all("RDATE").flatMap { $0.value.split(separator: ",").compactMap { LocalDateTime(ical: $0.prefix(15)) } }
            found.append(Observance(onset: start, from: from, to: to, rules: rules, dates: dates))
        }
        guard !found.isEmpty else { return nil }
        observances = found
    }

    /// The offset from UTC in force at `instant`: the last onset at or before it, each onset read on the wall
    /// clock of the offset it ends (TZOFFSETFROM).
    func offset(at instant: Date) -> Int {
        let t = Int(instant.timeIntervalSince1970.rounded(.down))
        var best: (at: Int, offset: Int)?
        for o in observances {
            // The latest onset not after the instant; wall-clock onsets run a day ahead of UTC at most.
            let limit = LocalDateTime(seconds: t + 86400)
            var onsets = [o.onset] + o.dates
            for rule in o.rules {
                var last: LocalDateTime?
                for onset in rule.expand(from: o.onset, through: limit) { last = onset }
                if let last { onsets.append(last) }
            }
            for onset in onsets {
                let at = onset.seconds - o.from
                if at <= t, best.map({ at > $0.at }) ?? true { best = (at, o.to) }
            }
        }
        if let best { return best.offset }
        // Before every onset: the offset the earliest one changes from.
        return observances.min { $0.onset < $1.onset }!.from
    }

    /// A zone of the time zone database that agrees with these rules at every change from `from` to `to` (and
    /// between them), so meetings keep a real zone; else nil.
    func matchingZone(from: Date, to: Date, hint: String) -> TimeZone? {
        var samples: [Date] = []
        var t = from
        while t <= to, samples.count < 400 {
            samples.append(t)
            t = t.addingTimeInterval(15 * 86400)
        }
        // Each change of offset in the span, an hour either side.
        var previous = offset(at: from)
        for s in samples {
            let o = offset(at: s)
            if o != previous {
                var lo = s.addingTimeInterval(-15 * 86400), hi = s
                while hi.timeIntervalSince(lo) > 60 {
                    let mid = lo.addingTimeInterval(hi.timeIntervalSince(lo) / 2)
                    if offset(at: mid) == o { hi = mid } else { lo = mid }
                }
                samples += [hi.addingTimeInterval(-3600), hi.addingTimeInterval(3600)]
                previous = o
            }
        }
        let expected = samples.map(offset(at:))
        // Indonesia's zones first, then zones the TZID names a word of, then the zones most calendars use.
        let words = Set(hint.lowercased().split { !$0.isLetter }.map(String.init))
        func rank(_ id: String) -> Int {
            if let i = Self.preferred.firstIndex(of: id), i < 3 { return i }
            if id.lowercased().split(whereSeparator: { !$0.isLetter }).contains(where: { words.contains(String($0)) }) { return 3 }
            return Self.preferred.firstIndex(of: id).map { 4 + $0 } ?? 100
        }
        let candidates = TimeZone.knownTimeZoneIdentifiers.sorted { (rank($0), $0) < (rank($1), $1) }
        for id in candidates {
            guard let zone = TimeZone(identifier: id) else { continue }
            if zip(samples, expected).allSatisfy({ zone.secondsFromGMT(for: $0) == $1 }) { return zone }
        }
        return nil
    }
}
