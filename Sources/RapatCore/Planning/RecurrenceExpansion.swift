import Foundation

/// The occurrences of a `RecurrenceRule`, computed one period (year, month, week, day, hour, minute or second
/// of the rule's frequency) at a time: each period's candidate days are the days that pass every BYxxx
/// part, times are the product of BYHOUR × BYMINUTE × BYSECOND, BYSETPOS picks from the period's sorted set,
/// then COUNT and UNTIL bound the result (RFC 5545 §3.3.10).
public struct RecurrenceExpansion: Sequence, IteratorProtocol, Sendable {
    private let rule: RecurrenceRule
    private let start: LocalDateTime
    private let zone: TimeZone?
    private let through: LocalDateTime?
    private let untilLocal: Int?
    private let untilInstant: Date?

    private let months: [Bool]
    private let hasMonths: Bool
    private let monthDays: Set<Int>
    private let yearDays: Set<Int>
    private let weekNos: Set<Int>
    private let plainWeekdays: [Bool]
    private let hasPlainWeekdays: Bool
    private let nthWeekdays: [RecurrenceRule.WeekdayNum]
    private let hours: [Int]
    private let minutes: [Int]
    private let seconds: [Int]
    /// Sorted seconds of the day for daily and coarser rules.
    private let times: [Int]

    private var period = 0
    private var emptyPeriods = 0
    private var emitted = 0
    private var pending: [LocalDateTime] = []
    private var pendingIndex = 0
    private var finished = false
    /// Sub-daily rules: the start of the next period on the wall clock.
    private var cursor: Int
    /// Sub-daily rules: the first point of the lattice (the start, cut to the hour or minute of an HOURLY or MINUTELY rule).
    private let latticeBase: Int

    static let lastYear = 9999

    init(rule: RecurrenceRule, start: LocalDateTime, zone: TimeZone?, through: LocalDateTime?) {
        self.rule = rule
        self.start = start
        self.zone = zone
        self.through = through
        switch rule.until {
        case let .date(d)?: untilLocal = LocalDateTime(d).seconds + 86399; untilInstant = nil
        case let .local(t)?: untilLocal = t.seconds; untilInstant = nil
        case let .utc(instant)?:
            if zone == nil {
                untilLocal = Int(instant.timeIntervalSince1970.rounded(.down)); untilInstant = nil
            } else {
                untilLocal = nil; untilInstant = instant
            }
        case nil: untilLocal = nil; untilInstant = nil
        }
        let date = start.date
        let freq = rule.frequency
        var byMonth = rule.byMonth, byMonthDay = rule.byMonthDay, byDay = rule.byDay
        // RFC 5545: what the rule leaves open comes from DTSTART.
        if rule.byWeekNo.isEmpty, rule.byYearDay.isEmpty, rule.byMonthDay.isEmpty, rule.byDay.isEmpty {
            switch freq {
            case .yearly:
                if byMonth.isEmpty { byMonth = [date.month] }
                byMonthDay = [date.day]
            case .monthly: byMonthDay = [date.day]
            case .weekly: byDay = [RecurrenceRule.WeekdayNum(0, date.isoWeekday)]
            default: break
            }
        }
        var monthMask = [Bool](repeating: false, count: 13)
        for m in byMonth { monthMask[m] = true }
        months = monthMask
        hasMonths = !byMonth.isEmpty
        monthDays = Set(byMonthDay)
        yearDays = Set(rule.byYearDay)
        weekNos = Set(rule.byWeekNo)
        // An ordinal counts within the month or the year only for MONTHLY and YEARLY rules; elsewhere the day alone matters.
        let ordinalsCount = freq == .monthly || freq == .yearly
        var plain = [Bool](repeating: false, count: 8)
        var nth: [RecurrenceRule.WeekdayNum] = []
        for d in byDay {
            if d.ordinal != 0, ordinalsCount { nth.append(d) } else { plain[d.weekday] = true }
        }
        plainWeekdays = plain
        hasPlainWeekdays = plain.contains(true)
        nthWeekdays = nth
        let s = start.secondOfDay
        hours = (rule.byHour.isEmpty ? (freq < .hourly ? [] : [s / 3600]) : Array(Set(rule.byHour))).sorted()
        minutes = (rule.byMinute.isEmpty ? (freq < .minutely ? [] : [s / 60 % 60]) : Array(Set(rule.byMinute))).sorted()
        seconds = (rule.bySecond.isEmpty ? (freq < .secondly ? [] : [s % 60]) : Array(Set(rule.bySecond))).sorted()
        var t: [Int] = []
        if freq >= .daily {
            for h in hours { for m in minutes { for sec in seconds { t.append(h * 3600 + m * 60 + sec) } } }
        }
        times = t.sorted()
        switch freq {
        case .hourly: latticeBase = start.seconds - start.secondOfDay % 3600
        case .minutely: latticeBase = start.seconds - start.secondOfDay % 60
        default: latticeBase = start.seconds
        }
        cursor = latticeBase
        if freq < .daily { finished = !subDailyCanMatch() }
    }

    /// Whether a sub-daily rule can produce anything at all: some point of its lattice passes BYHOUR, BYMINUTE
    /// and BYSECOND (the lattice's times of day are the same every day), and BYSETPOS can pick from a period's
    /// fixed number of candidates. Without this, `FREQ=SECONDLY;INTERVAL=15;BYSECOND=7` would be searched to 9999.
    private func subDailyCanMatch() -> Bool {
        let freq = rule.frequency
        let perPeriod = freq == .hourly ? minutes.count * seconds.count : freq == .minutely ? seconds.count : 1
        if !rule.bySetPos.isEmpty, !rule.bySetPos.contains(where: { abs($0) <= perPeriod }) { return false }
        let step = (freq == .hourly ? 3600 : freq == .minutely ? 60 : 1) * rule.interval
        let g = Self.gcd(step, 86400)
        var r = ((cursor % g) + g) % g
        while r < 86400 {
            let hourOK = rule.byHour.isEmpty || hours.contains(r / 3600)
            let minuteOK = freq == .hourly || rule.byMinute.isEmpty || minutes.contains(r / 60 % 60)
            let secondOK = freq != .secondly || rule.bySecond.isEmpty || seconds.contains(r % 60)
            if hourOK && minuteOK && secondOK { return true }
            r += g
        }
        return false
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    public mutating func next() -> LocalDateTime? {
        while !finished {
            if pendingIndex < pending.count {
                let t = pending[pendingIndex]
                pendingIndex += 1
                if t < start { continue }
                if isPastUntil(t) { finished = true; return nil }
                if let count = rule.count, emitted >= count { finished = true; return nil }
                if let through, t > through { finished = true; return nil }
                emitted += 1
                return t
            }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            nextPeriod()
        }
        return nil
    }

    private func isPastUntil(_ t: LocalDateTime) -> Bool {
        if let untilLocal { return t.seconds > untilLocal }
        if let untilInstant, let zone { return t.instant(in: zone) > untilInstant }
        return false
    }

    /// Fills `pending` with the next period's occurrences (possibly none), or finishes.
    private mutating func nextPeriod() {
        let freq = rule.frequency
        if freq >= .daily {
            let days = periodDays(period)
            period += 1
            guard let first = days.first else { finished = true; return }
            if EpochDays.civil(fromDays: first).0 > Self.lastYear || beyondThrough(first * 86400) { finished = true; return }
            var candidates: [LocalDateTime] = []
            for d in days where matches(day: d) {
                for t in times { candidates.append(LocalDateTime(seconds: d * 86400 + t)) }
            }
            // The Gregorian calendar repeats every 400 years: a rule whose periods found no day in that long never will.
            pending = select(candidates)
            emptyPeriods = pending.isEmpty ? emptyPeriods + 1 : 0
            if emptyPeriods > Self.periodsIn400Years(freq) { finished = true }
            return
        }
        // Sub-daily: one period per lattice point, skipping whole days, hours and minutes that cannot match.
        let unit = freq == .hourly ? 3600 : freq == .minutely ? 60 : 1
        let step = unit * rule.interval
        let t = LocalDateTime(seconds: cursor)
        let day = t.day
        if EpochDays.civil(fromDays: day).0 > Self.lastYear || beyondThrough(cursor) { finished = true; return }
        guard matches(day: day) else { cursor = lattice(atOrAfter: (day + 1) * 86400, step: step); return }
        let sod = t.secondOfDay
        if !rule.byHour.isEmpty, !hours.contains(sod / 3600) {
            cursor = lattice(atOrAfter: day * 86400 + (sod / 3600 + 1) * 3600, step: step)
            return
        }
        if freq < .hourly, !rule.byMinute.isEmpty, !minutes.contains(sod / 60 % 60) {
            cursor = lattice(atOrAfter: day * 86400 + (sod / 60 + 1) * 60, step: step)
            return
        }
        cursor += step
        var candidates: [LocalDateTime] = []
        switch freq {
        case .hourly:
            for m in minutes { for s in seconds { candidates.append(LocalDateTime(seconds: t.seconds + m * 60 + s)) } }
        case .minutely:
            for s in seconds { candidates.append(LocalDateTime(seconds: t.seconds + s)) }
        default:
            if rule.bySecond.isEmpty || seconds.contains(sod % 60) { candidates.append(t) }
        }
        pending = select(candidates)
    }

    private func beyondThrough(_ periodStart: Int) -> Bool {
        guard let through else { return false }
        return periodStart > through.seconds
    }

    /// The first point of the sub-daily lattice (start + k × step) at or after `x`.
    private func lattice(atOrAfter x: Int, step: Int) -> Int {
        guard x > latticeBase else { return latticeBase }
        let k = (x - latticeBase + step - 1) / step
        return latticeBase + k * step
    }

    /// The days (since 1970) of the `n`-th period of a daily or coarser rule.
    private func periodDays(_ n: Int) -> [Int] {
        let date = start.date
        switch rule.frequency {
        case .yearly:
            let y = date.year + n * rule.interval
            guard y <= Self.lastYear else { return [] }
            let first = EpochDays.days(fromCivil: y, 1, 1)
            return Array(first..<EpochDays.days(fromCivil: y + 1, 1, 1))
        case .monthly:
            let index = date.year * 12 + date.month - 1 + n * rule.interval
            let (y, m) = (index / 12, index % 12 + 1)
            guard y <= Self.lastYear else { return [] }
            let first = EpochDays.days(fromCivil: y, m, 1)
            return Array(first..<first + CivilDate.daysIn(month: m, year: y))
        case .weekly:
            let weekday = Self.isoWeekday(start.day)
            let first = start.day - (weekday - rule.weekStart + 7) % 7 + n * 7 * rule.interval
            return Array(first..<first + 7)
        default:
            return [start.day + n * rule.interval]
        }
    }

    /// BYSETPOS on a period's candidates (already in order), or all of them.
    private func select(_ candidates: [LocalDateTime]) -> [LocalDateTime] {
        guard !rule.bySetPos.isEmpty, !candidates.isEmpty else { return candidates }
        var chosen = Set<LocalDateTime>()
        for p in rule.bySetPos {
            let i = p > 0 ? p - 1 : candidates.count + p
            if candidates.indices.contains(i) { chosen.insert(candidates[i]) }
        }
        return chosen.sorted()
    }

    static func periodsIn400Years(_ freq: RecurrenceRule.Frequency) -> Int {
        switch freq {
        case .yearly: return 400
        case .monthly: return 4800
        case .weekly: return 20871
        default: return 146_097
        }
    }

    static func isoWeekday(_ day: Int) -> Int { ((day % 7 + 7) % 7 + 3) % 7 + 1 }

    private func matches(day d: Int) -> Bool {
        let (y, m, dom) = EpochDays.civil(fromDays: d)
        if hasMonths, !months[m] { return false }
        if !monthDays.isEmpty {
            let length = CivilDate.daysIn(month: m, year: y)
            guard monthDays.contains(dom) || monthDays.contains(dom - length - 1) else { return false }
        }
        if !yearDays.isEmpty {
            let first = EpochDays.days(fromCivil: y, 1, 1)
            let length = EpochDays.days(fromCivil: y + 1, 1, 1) - first
            let yd = d - first + 1
            guard yearDays.contains(yd) || yearDays.contains(yd - length - 1) else { return false }
        }
        if !weekNos.isEmpty {
            let (weekYear, week) = weekNumber(d, year: y)
            let weeks = (week1Start(weekYear + 1) - week1Start(weekYear)) / 7
            guard weekNos.contains(week) || weekNos.contains(week - weeks - 1) else { return false }
        }
        let weekday = Self.isoWeekday(d)
        if hasPlainWeekdays || !nthWeekdays.isEmpty {
            if plainWeekdays[weekday] { return true }
            return nthWeekdays.contains { n in n.weekday == weekday && nth(d, y: y, m: m, dom: dom, is: n.ordinal) }
        }
        return true
    }

    /// Whether `d` is the `ordinal`-th of its weekday in its month (MONTHLY, or YEARLY with BYMONTH) or its year.
    private func nth(_ d: Int, y: Int, m: Int, dom: Int, is ordinal: Int) -> Bool {
        let position: Int, length: Int
        if rule.frequency == .monthly || !rule.byMonth.isEmpty {
            position = dom
            length = CivilDate.daysIn(month: m, year: y)
        } else {
            let first = EpochDays.days(fromCivil: y, 1, 1)
            position = d - first + 1
            length = EpochDays.days(fromCivil: y + 1, 1, 1) - first
        }
        return ordinal > 0 ? (position - 1) / 7 + 1 == ordinal : (length - position) / 7 + 1 == -ordinal
    }

    /// The first day of week 1 of `year`: the week (starting on WKST) that holds at least four days of the year.
    private func week1Start(_ year: Int) -> Int {
        let jan4 = EpochDays.days(fromCivil: year, 1, 4)
        return jan4 - (Self.isoWeekday(jan4) - rule.weekStart + 7) % 7
    }

    private func weekNumber(_ d: Int, year: Int) -> (Int, Int) {
        var weekYear = year
        if d < week1Start(year) { weekYear -= 1 } else if d >= week1Start(year + 1) { weekYear += 1 }
        return (weekYear, (d - week1Start(weekYear)) / 7 + 1)
    }
}
