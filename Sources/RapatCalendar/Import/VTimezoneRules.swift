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
    /// Every change of offset up to `horizon`, as (UTC instant, offset from then on), sorted.
    private(set) var transitions: [(at: Int, offset: Int)] = []
    /// The offset before the first change.
    private(set) var initial = 0

    static let preferred = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "America/New_York", "America/Chicago", "America/Denver",
                            "America/Los_Angeles", "Europe/London", "Europe/Berlin", "Europe/Paris", "Australia/Sydney", "Asia/Tokyo",
                            "Asia/Singapore", "Asia/Kolkata", "Asia/Shanghai", "America/Sao_Paulo", "UTC"]
    /// Onsets computed per observance at most: a yearly rule from 1601 to now is about 430.
    static let maxOnsets = 2000

    init?(_ vtimezone: ICalComponent, horizon: Date) {
        var found: [Observance] = []
        for c in vtimezone.components where c.name == "STANDARD" || c.name == "DAYLIGHT" {
            guard let start = c.first("DTSTART").flatMap({ LocalDateTime(ical: Substring($0.value)) }),
                  let to = c.first("TZOFFSETTO").flatMap({ ICalImport.Context.offsetSeconds($0.value) }), abs(to) < 86400 else { continue }
            let from = c.first("TZOFFSETFROM").flatMap { ICalImport.Context.offsetSeconds($0.value) }.flatMap { abs($0) < 86400 ? $0 : nil } ?? to
            let rules = c.all("RRULE").compactMap { try? RecurrenceRule(parsing: $0.value) }
            let dates = c.all("RDATE").flatMap { $0.value.split(separator: ",").prefix(Self.maxOnsets).compactMap { LocalDateTime(ical: $0.prefix(15)) } }
            found.append(Observance(onset: start, from: from, to: to, rules: rules, dates: dates))
            if found.count >= 64 { break }
        }
        guard !found.isEmpty else { return nil }
        observances = found
        // Each onset is read on the wall clock of the offset it ends (TZOFFSETFROM); computed once, up to the horizon.
        let limit = LocalDateTime(horizon, in: TimeZone(identifier: "UTC")!).adding(seconds: 86400)
        var all: [(at: Int, offset: Int)] = []
        for o in found {
            var onsets = [o.onset] + o.dates
            for rule in o.rules {
                for onset in rule.expand(from: o.onset, through: limit).prefix(Self.maxOnsets) { onsets.append(onset) }
            }
            all += onsets.filter { $0 <= limit }.map { (at: $0.seconds - o.from, offset: o.to) }
        }
        transitions = all.sorted { $0.at < $1.at }
        initial = found.min { $0.onset < $1.onset }!.from
    }

    /// The offset from UTC in force at `instant`: that of the last change at or before it.
    func offset(at instant: Date) -> Int {
        let t = Int(instant.timeIntervalSince1970.rounded(.down))
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if transitions[mid].at <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? initial : transitions[lo - 1].offset
    }

    /// Identical rules give identical answers: what a file's many copies of one VTIMEZONE share.
    var fingerprint: String {
        observances.map { o in "\(o.onset)|\(o.from)|\(o.to)|\(o.rules.map(\.description))|\(o.dates)" }.sorted().joined(separator: ";")
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
