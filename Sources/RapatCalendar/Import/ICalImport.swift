import Foundation
import RapatCore

/// Turns parsed components into meetings: time zones (VTIMEZONE, IANA, Windows names, UTC, floating,
/// all-day), recurrence with EXDATE and RECURRENCE-ID, attendees matched to registered people.
public struct ICalImport {
    public var people: [PersonID: Person]
    /// Chair of events that name none Rapat knows.
    public var defaultChair: PersonID?
    /// Zone for floating times and the display zone of UTC times when the calendar names none.
    public var defaultZone: TimeZone
    public var workingHours: WorkingHours
    /// Occurrences of a recurring event are imported up to here (a rule without an end stays a rule in its
    /// series; what lies beyond is reported, not stored).
    public var windowEnd: Date
    /// Most occurrences one recurring event makes (an hourly rule over two years would be 17,520 meetings).
    public var maxOccurrences = 1000

    private let byEmail: [String: PersonID]

    public init(people: [PersonID: Person], defaultChair: PersonID? = nil, defaultZone: TimeZone = Zone.jakarta, workingHours: WorkingHours = .standard,
                windowEnd: Date = Date().addingTimeInterval(2 * 366 * 86400)) {
        self.people = people
        self.defaultChair = defaultChair
        self.defaultZone = defaultZone
        self.workingHours = workingHours
        self.windowEnd = windowEnd
        // A guest linked to a registered person is that person wherever their address appears.
        byEmail = Dictionary(people.values.compactMap { p in p.email.map { ($0.lowercased(), p.linkedTo ?? p.id) } },
                             uniquingKeysWith: { a, b in people[a]?.isGuest != false && people[b]?.isGuest == false ? b : a })
    }

    /// Reads a whole file held in memory into events; any problem names the file, the line and what is wrong.
    /// `ICalImportReader` does the same a chunk at a time for files of any size.
    public func events(from data: Data, source: String) throws -> [ImportedEvent] {
        var parser = ICalParser(source: source)
        var collector = EventCollector(importer: self, source: source)
        var events: [ImportedEvent] = []
        try parser.feed(data) { c, calendar in try collector.take(c, calendar: calendar, into: &events) }
        try parser.finish { c, calendar in try collector.take(c, calendar: calendar, into: &events) }
        try collector.finish(calendar: parser.calendarProperties, into: &events)
        return events
    }

    /// Turns the components of one file into events as they arrive. A single event is converted at once;
    /// a recurring event and its RECURRENCE-ID overrides (which may come anywhere in the file) are kept by UID
    /// until the file ends, and so is an event naming a TZID whose VTIMEZONE has not been read yet.
    struct EventCollector {
        let importer: ICalImport
        let source: String
        private var zones: [String: ICalComponent] = [:]
        private var context: Context?
        private var calendarPropertyCount = -1
        private var knownTZIDs: Set<String> = []
        private var held: [String: [ICalComponent]] = [:]
        private var heldOrder: [String] = []
        /// Components that are not events (VTODO, VJOURNAL, VFREEBUSY, …), counted by name.
        private(set) var otherComponents: [String: Int] = [:]

        init(importer: ICalImport, source: String) {
            self.importer = importer
            self.source = source
        }

        /// Calendar properties precede components (RFC 5545 §3.6), so they are complete when the first one arrives.
        private mutating func context(_ calendar: [ContentLine]) throws -> Context {
            if let context, calendar.count == calendarPropertyCount { return context }
            let zone = try calendar.first { $0.name == "X-WR-TIMEZONE" }.map { line in
                try Zone.named(ContentLine.unescape(line.value))
            } ?? importer.defaultZone
            let method = calendar.first { $0.name == "METHOD" }?.value.uppercased()
            var made = Context(source: source, vtimezones: zones, calendarZone: zone, cancelMethod: method == "CANCEL",
                               resolved: context?.resolved ?? ZoneResolutions(), windowEnd: importer.windowEnd)
            made.namesZone = calendar.contains { $0.name == "X-WR-TIMEZONE" }
            // Who chairs the events that name nobody: the calendar's owner, a guest known by the calendar's name
            // (an address when the name is one, as Google names a primary calendar), or else by the file's.
            let label = calendar.first { $0.name == "X-WR-CALNAME" }.map { ICalImport.plainText($0.text).trimmed } ?? ""
            if let address = try? Person.checkedEmail(label) {
                made.owner = try? Person(id: .guest(email: address), name: address, jabatan: Person.calendarOwnerJabatan, opd: Person.guestOPD,
                                         email: address.lowercased())
            } else {
                let file = ((source as NSString).lastPathComponent as NSString).deletingPathExtension
                made.owner = Person.calendarOwner(named: label.isEmpty ? (file.isEmpty ? source : file) : label)
            }
            context = made
            calendarPropertyCount = calendar.count
            return made
        }

        mutating func take(_ c: ICalComponent, calendar: [ContentLine], into ready: inout [ImportedEvent]) throws {
            switch c.name {
            case "VTIMEZONE":
                if let id = c.first("TZID")?.value {
                    zones[id] = c
                    context?.vtimezones[id] = c
                }
            case "VEVENT":
                var c = c
                // An empty RRULE, RDATE or EXDATE (as some exports write for "does not repeat") says nothing.
                c.properties.removeAll { Self.recurrenceNames.contains($0.name) && $0.value.allSatisfy(\.isWhitespace) }
                let uid = c.first("UID")?.text.trimmed.nonEmpty ?? Self.derivedUID(c)
                let ctx = try context(calendar)
                if held[uid] != nil || c.first("RRULE") != nil || c.first("RDATE") != nil || c.first("RECURRENCE-ID") != nil
                    || !zonesKnown(c, ctx) {
                    if held[uid] == nil { heldOrder.append(uid) }
                    held[uid, default: []].append(c)
                } else {
                    ready.append(importer.readable(uid: uid, components: [c], ctx))
                }
            default:
                otherComponents[c.name, default: 0] += 1  // VTODO, VJOURNAL, VFREEBUSY and X- components are not meetings
            }
        }

        static let recurrenceNames: Set<String> = ["RRULE", "RDATE", "EXDATE", "EXRULE"]

        /// A UID for an event that has none, from what identifies it (start, summary, organizer, location), so
        /// importing the same file again finds the same meeting.
        static func derivedUID(_ e: ICalComponent) -> String {
            let parts = ["DTSTART", "SUMMARY", "ORGANIZER", "LOCATION", "RECURRENCE-ID"].map { name in
                e.first(name).map { l in l.name + (l.parameter("TZID") ?? "") + ":" + l.value } ?? ""
            }
            return "rapat-derived-" + SHA256.hex(Array(parts.joined(separator: "\n").utf8)).prefix(32)
        }

        /// Whether every TZID the event names can be resolved with what has been read so far.
        private mutating func zonesKnown(_ e: ICalComponent, _ ctx: Context) -> Bool {
            for p in e.properties {
                guard let tzid = p.parameter("TZID"), !knownTZIDs.contains(tzid) else { continue }
                guard (try? ctx.zone(tzid, line: p.line)) != nil else { return false }
                knownTZIDs.insert(tzid)
            }
            return true
        }

        /// The file has ended: the held events, each master with its overrides, in order of first appearance.
        mutating func finish(calendar: [ContentLine], into ready: inout [ImportedEvent]) throws {
            guard !heldOrder.isEmpty else { return }
            let ctx = try context(calendar)
            for uid in heldOrder { ready.append(importer.readable(uid: uid, components: held[uid]!, ctx)) }
            held = [:]
            heldOrder = []
        }
    }

    /// TZIDs already resolved in this file (a class: every copy of a `Context` shares what was learnt).
    final class ZoneResolutions {
        var zones: [String: TimeZone] = [:]
        /// TZIDs whose VTIMEZONE matches no zone of the database: their rules give each time's offset.
        var rules: [String: VTimezoneRules] = [:]
        /// Database zones found for VTIMEZONE rules, by the rules' fingerprint.
        var matched: [String: TimeZone] = [:]
    }

    struct Context {
        var source: String
        var vtimezones: [String: ICalComponent]
        var calendarZone: TimeZone
        /// The calendar names its zone (X-WR-TIMEZONE): its UTC times are meant on that clock.
        var namesZone = false
        /// METHOD:CANCEL: every event in the file is a cancellation.
        var cancelMethod: Bool
        /// The calendar's owner, chair of events that name nobody: a guest known by an address, or by a name.
        var owner: Person?
        var resolved = ZoneResolutions()
        var windowEnd = Date()

        func fail(_ line: Int, _ problem: ICalError.Problem) -> ICalError { ICalError(source: source, line: line, problem) }

        /// The zone a TZID names: a name of the time zone database (aliases such as "Japan" or "US/Eastern" too),
        /// a Windows name, a vendor path ending in one, or any name its VTIMEZONE defines ("Eastern",
        /// "custom_America/New_York"): then the database zone that agrees with its rules over the years around the
        /// import, or, when none does, its own rules (`time` reads each instant with them).
        func zone(_ tzid: String, line: Int) throws -> TimeZone {
            if let known = resolved.zones[tzid] { return known }
            let zone = try resolve(tzid, line: line)
            resolved.zones[tzid] = zone
            return zone
        }

        private func resolve(_ tzid: String, line: Int) throws -> TimeZone {
            let name = tzid.trimmed
            if let z = TimeZone(identifier: name) {
                // Foundation reads "UTC+11" or "GMT-3" as a fixed offset named "GMT+1100": named as the database names it.
                return z.identifier.hasPrefix("GMT") && z.identifier != "GMT" ? Self.fixedZone(z.secondsFromGMT()) ?? z : z
            }
            if let iana = WindowsZones.iana[name], let z = TimeZone(identifier: iana) { return z }
            let parts = name.split(separator: "/")
            for n in [3, 2] where parts.count >= n {
                if let z = TimeZone(identifier: parts.suffix(n).joined(separator: "/")) { return z }
            }
            for n in [3, 2] where parts.count >= n {
                // "custom_America/New_York", "/mozilla.org/20070129_1/Europe/Berlin": the name inside the decoration.
                let tail = parts.suffix(n).joined(separator: "/")
                if let id = TimeZone.knownTimeZoneIdentifiers.first(where: { tail.hasSuffix($0) && $0.contains("/") }), let z = TimeZone(identifier: id) {
                    return z
                }
            }
            if let vtz = vtimezones[tzid], let rules = VTimezoneRules(vtz, horizon: windowEnd.addingTimeInterval(366 * 86400)) {
                // The search through the database is made once per distinct set of rules, and for a bounded number of them.
                let key = rules.fingerprint
                if let known = resolved.matched[key] ?? (resolved.matched.count < 32
                    ? rules.matchingZone(from: windowEnd.addingTimeInterval(-4 * 366 * 86400), to: windowEnd, hint: name) : nil) {
                    resolved.matched[key] = known
                    return known
                }
                resolved.rules[tzid] = rules
                return Self.fixedZone(rules.offset(at: windowEnd)) ?? calendarZone
            }
            throw fail(line, .unknownTimeZone(tzid))
        }

        /// A zone of one offset, named as the time zone database names it when it can (`Etc/GMT-11` is UTC+11),
        /// so other calendars read it back.
        static func fixedZone(_ seconds: Int) -> TimeZone? {
            if seconds % 3600 == 0, abs(seconds) <= 14 * 3600 {
                let hours = -seconds / 3600
                if let z = TimeZone(identifier: hours == 0 ? "Etc/UTC" : "Etc/GMT" + (hours > 0 ? "+" : "") + String(hours)) { return z }
            }
            return TimeZone(secondsFromGMT: seconds)
        }

        static func offsetSeconds(_ text: String) -> Int? {
            let sign = text.hasPrefix("-") ? -1 : 1
            let digits = text.drop { $0 == "+" || $0 == "-" }
            guard digits.count == 4 || digits.count == 6, let h = Int(digits.prefix(2)), let m = Int(digits.dropFirst(2).prefix(2)) else { return nil }
            let s = digits.count == 6 ? Int(digits.suffix(2)) ?? 0 : 0
            return sign * (h * 3600 + m * 60 + s)
        }

        /// A DATE-TIME or DATE property as (instant, zone it was written in, all-day?).
        func time(_ p: ContentLine) throws -> (Date, TimeZone, Bool) {
            let v = p.value
            let digits = Array(v.utf8)
            func number(_ r: Range<Int>) -> Int? {
                var n = 0
                for i in r { guard i < digits.count, digits[i] >= 0x30, digits[i] <= 0x39 else { return nil }; n = n * 10 + Int(digits[i] - 0x30) }
                return n
            }
            guard let y = number(0..<4), let mo = number(4..<6), let d = number(6..<8), (1...12).contains(mo),
                  d >= 1, d <= CivilDate.daysIn(month: mo, year: y)
            else { throw fail(p.line, .badDate(v, property: p.name)) }
            if p.parameter("VALUE") == "DATE" || digits.count == 8 {
                guard digits.count == 8 else { throw fail(p.line, .badDateValue(v, property: p.name)) }
                let day = try! CivilDate(year: y, month: mo, day: d)
                return (day.at(hour: 0, minute: 0, in: calendarZone), calendarZone, true)
            }
            guard digits.count == 15 || (digits.count == 16 && digits[15] == UInt8(ascii: "Z")), digits[8] == UInt8(ascii: "T"),
                  let h = number(9..<11), let mi = number(11..<13), let s = number(13..<15), h < 24, mi < 60, s < 61
            else { throw fail(p.line, .badDateTime(v, property: p.name)) }
            let localSeconds = (ICalTime.days(fromCivil: y, mo, d) * 86400) + h * 3600 + mi * 60 + min(s, 59)
            if digits.count == 16 {
                return (Date(timeIntervalSince1970: TimeInterval(localSeconds)), calendarZone, false)
            }
            if let tzid = p.parameter("TZID"), case _ = try zone(tzid, line: p.line), let rules = resolved.rules[tzid] {
                // Offsets from the file's own VTIMEZONE; the meeting keeps the offset of its start.
                var offset = rules.offset(at: Date(timeIntervalSince1970: TimeInterval(localSeconds)))
                offset = rules.offset(at: Date(timeIntervalSince1970: TimeInterval(localSeconds - offset)))
                let instant = Date(timeIntervalSince1970: TimeInterval(localSeconds - offset))
                return (instant, Self.fixedZone(offset) ?? calendarZone, false)
            }
            let zone = try p.parameter("TZID").map { try self.zone($0, line: p.line) } ?? calendarZone
            let guess = Date(timeIntervalSince1970: TimeInterval(localSeconds - zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(localSeconds)))))
            return (Date(timeIntervalSince1970: TimeInterval(localSeconds - zone.secondsFromGMT(for: guess))), zone, false)
        }
    }

    /// The event, or what makes it unreadable (a store skips it, or refuses the import when strict).
    func readable(uid: String, components: [ICalComponent], _ ctx: Context) -> ImportedEvent {
        do {
            return try event(uid: uid, components: components, ctx)
        } catch {
            let master = components.first { $0.first("RECURRENCE-ID") == nil } ?? components[0]
            return ImportedEvent(source: ctx.source, line: master.line, uid: uid, sequence: 0, cancelled: false,
                                 summary: master.first("SUMMARY")?.text.trimmed ?? "", meetings: [], series: nil, unknownAttendees: [],
                                 unreadable: error)
        }
    }

    func event(uid: String, components: [ICalComponent], _ ctx: Context) throws -> ImportedEvent {
        let master = components.first { $0.first("RECURRENCE-ID") == nil } ?? components[0]
        var unknown: [String] = []
        var guests: [PersonID: Person] = [:]
        var template = try meeting(master, ctx, unknown: &unknown, guests: &guests)
        template.icalUID = uid
        let sequence = Int(master.first("SEQUENCE")?.value ?? "0") ?? 0
        var event = ImportedEvent(source: ctx.source, line: master.line, uid: uid, sequence: sequence,
                                  cancelled: ctx.cancelMethod || master.first("STATUS")?.value.uppercased() == "CANCELLED",
                                  summary: template.title, meetings: [template], series: nil, unknownAttendees: [])
        let recurring = master.first("RECURRENCE-ID") == nil && (master.first("RRULE") != nil || master.first("RDATE") != nil)
        if !recurring {
            if let rid = master.first("RECURRENCE-ID") {
                // One instance of a series sent on its own (an iTIP update or cancellation of one occurrence).
                event.meetings[0].occurrenceStart = try ctx.time(rid).0
            }
            event.unknownAttendees = Array(Set(unknown)).sorted()
            event.guests = guests.values.sorted { $0.id < $1.id }
            return event
        }
        // RFC 5545: a rule repeats on the clock of its DTSTART. A start in UTC repeats in UTC (BYDAY=2TU at 18:00Z is
        // a Tuesday there, a Wednesday in WIB), unless the calendar names its zone (X-WR-TIMEZONE, as Google means it).
        let utcRule = master.first("DTSTART")?.value.hasSuffix("Z") == true && !ctx.namesZone
        if utcRule { template.timeZone = "Etc/UTC" }
        let zone = template.zone
        let first = LocalDateTime(template.start, in: zone)
        let window = LocalDateTime(windowEnd, in: zone)
        var rules: [RecurrenceRule] = []
        for line in master.all("RRULE") {
            do {
                var rule = try RecurrenceRule(parsing: line.value)
                // UNTIL as a date with a timed start: that day's midnight, as python-dateutil and most clients read it.
                if case let .date(day)? = rule.until, !template.isAllDay { rule.until = .local(LocalDateTime(day)) }
                rules.append(rule)
            } catch { throw ctx.fail(line.line, .refused(error)) }
        }
        // RFC 5545: the set is DTSTART, every RRULE's and RDATE's instances, less EXDATE's.
        var starts: Set<LocalDateTime> = [first]
        var cutAfter: LocalDateTime?
        var rdateCut = false
        @discardableResult func add(_ t: LocalDateTime) -> Bool {
            if t > window || starts.count >= maxOccurrences {
                if t > first { cutAfter = min(cutAfter ?? t, t) }
                return false
            }
            starts.insert(t)
            return true
        }
        for rule in rules {
            for t in rule.expand(from: first, zone: zone) {
                add(t)
                if t > window || starts.count >= maxOccurrences { break }
            }
        }
        for line in master.all("RDATE") {
            for (instant, isDate) in try Self.dates(line, ctx) {
                if !add(isDate ? LocalDateTime(CivilDate(instant, in: ctx.calendarZone), secondOfDay: first.secondOfDay)
                               : LocalDateTime(instant, in: zone)) { rdateCut = true }
            }
        }
        var excluded: Set<LocalDateTime> = []
        var excludedDays: Set<CivilDate> = []
        for line in master.all("EXDATE") {
            for (instant, isDate) in try Self.dates(line, ctx) {
                if isDate { excludedDays.insert(CivilDate(instant, in: ctx.calendarZone)) } else { excluded.insert(LocalDateTime(instant, in: zone)) }
            }
        }
        let length = template.end.timeIntervalSince(template.start)
        var occurrences: [Meeting] = starts.sorted().filter { !excluded.contains($0) && !excludedDays.contains($0.date) }.map { t in
            var m = template
            m.start = t.instant(in: zone)
            m.end = m.start.addingTimeInterval(length)
            m.occurrenceStart = m.start
            return m
        }
        // Overrides, in the order of the instances they replace; RANGE=THISANDFUTURE carries a change to every later one.
        let overrides = components.filter { $0.first("RECURRENCE-ID") != nil }
            .map { ($0, try? ctx.time($0.first("RECURRENCE-ID")!).0) }
            .sorted { ($0.1 ?? .distantPast) < ($1.1 ?? .distantPast) }
        for (override, original) in overrides {
            guard let original else { throw ctx.fail(override.line, .badRecurrenceID(override.first("RECURRENCE-ID")!.value)) }
            var changed = try meeting(override, ctx, unknown: &unknown, guests: &guests)
            changed.icalUID = uid
            if utcRule { changed.timeZone = template.timeZone }
            if override.first("STATUS")?.value.uppercased() == "CANCELLED" { changed.status = .cancelled }
            let shift = changed.start.timeIntervalSince(original)
            let changedLength = changed.end.timeIntervalSince(changed.start)
            if override.first("RECURRENCE-ID")!.parameter("RANGE")?.uppercased() == "THISANDFUTURE" {
                for i in occurrences.indices where occurrences[i].occurrenceStart! > original {
                    var m = changed
                    // Cancelling "this and future" cancels them all; another change keeps each one's own status.
                    if changed.status != .cancelled { m.status = occurrences[i].status }
                    m.occurrenceStart = occurrences[i].occurrenceStart
                    m.start = occurrences[i].occurrenceStart!.addingTimeInterval(shift)
                    m.end = m.start.addingTimeInterval(changedLength)
                    occurrences[i] = m
                }
            }
            if let i = occurrences.firstIndex(where: { $0.occurrenceStart == original }) {
                changed.occurrenceStart = original
                occurrences[i] = changed
            } else if !excluded.contains(LocalDateTime(original, in: zone)) {
                // An instance the rule does not make (a client that moved it and dropped it from the set), or one past
                // the window (the series, continued later, finds it stored): kept as written.
                changed.occurrenceStart = original
                occurrences.append(changed)
            }
        }
        occurrences.sort { $0.occurrenceStart! < $1.occurrenceStart! }
        var recurrence = Recurrence(rule: rules.first ?? RecurrenceRule(frequency: .daily).counted(1))
        recurrence.moreRules = Array(rules.dropFirst())
        event.meetings = occurrences
        var horizon: Date?
        if let cut = cutAfter, !rules.isEmpty, !rdateCut {
            // Rules going on past the window: the series keeps them and is stored to its horizon, the rest added as
            // the calendar reaches it; the days EXDATE removes after the horizon stay removed.
            recurrence.exceptions = excludedDays.union(excluded.map(\.date)).filter { $0 >= cut.date }
            horizon = cut.instant(in: zone).addingTimeInterval(-1)
        } else {
            // RDATEs beyond the window: what lies beyond is reported, not continued.
            event.beyondWindow = cutAfter.map { $0.instant(in: zone) }
        }
        event.series = Series(id: "", title: template.title, rule: recurrence, horizon: horizon)
        event.unknownAttendees = Array(Set(unknown)).sorted()
        event.guests = guests.values.sorted { $0.id < $1.id }
        return event
    }

    /// Each value of a property listing times (RDATE, EXDATE), read as DTSTART is; a PERIOD (start/end or
    /// start/duration) by its start.
    static func dates(_ line: ContentLine, _ ctx: Context) throws -> [(instant: Date, isDate: Bool)] {
        var single = line
        if line.parameter("VALUE")?.uppercased() == "PERIOD" { single.parameters.removeAll { $0.name == "VALUE" } }
        return try line.value.split(separator: ",").map { value in
            single.value = String(value.split(separator: "/").first ?? value)
            let (instant, _, isDate) = try ctx.time(single)
            return (instant, isDate)
        }
    }

    /// One VEVENT as a meeting plan (id assigned by the store).
    /// A person an ATTENDEE or ORGANIZER names: registered (by X-RAPAT-NIP or e-mail), else a guest known by the
    /// e-mail address (named by CN); nil when it gives no usable address.
    func person(_ p: ContentLine, guests: inout [PersonID: Person]) -> PersonID? {
        let email = Self.mailto(p.value)
        if let id = p.parameter("X-RAPAT-NIP").flatMap({ try? PersonID($0) }), let known = people[id] { return known.linkedTo ?? id }
        if let id = byEmail[email.lowercased()] { return id }
        guard let address = try? Person.checkedEmail(email) else { return nil }
        let id = PersonID.guest(email: address)
        if guests[id] == nil {
            let cn = Self.plainText(p.parameter("CN") ?? "").split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ").trimmed
            guests[id] = try? Person(id: id, name: cn.isEmpty ? address : String(cn.prefix(200)), jabatan: "", opd: Person.guestOPD,
                                     email: address.lowercased())
        }
        return guests[id] == nil ? nil : id
    }

    /// The guest standing for the calendar's owner (or the registered person it was linked to).
    func owner(_ ctx: Context, guests: inout [PersonID: Person]) -> PersonID? {
        guard let owner = ctx.owner else { return nil }
        if let address = owner.email, let known = byEmail[address] { return known }
        if let known = people[owner.id] { return known.linkedTo ?? known.id }
        if guests[owner.id] == nil { guests[owner.id] = owner }
        return owner.id
    }

    func meeting(_ e: ICalComponent, _ ctx: Context, unknown: inout [String], guests: inout [PersonID: Person]) throws -> Meeting {
        guard let dtstart = e.first("DTSTART") else { throw ctx.fail(e.line, .noStart) }
        let (start, zone, allDay) = try ctx.time(dtstart)
        let end: Date
        if let dtend = e.first("DTEND") {
            end = try ctx.time(dtend).0
        } else if let duration = e.first("DURATION") {
            guard let seconds = Self.durationSeconds(duration.value) else { throw ctx.fail(duration.line, .badDuration(duration.value)) }
            // Days and weeks are nominal (RFC 5545 §3.3.6): P1D is the same time the next day, across a clock change too.
            end = LocalDateTime(start, in: zone).adding(seconds: seconds).instant(in: zone)
        } else {
            // RFC 5545 §3.6.1: a day for a DATE, no time at all for a DATE-TIME.
            end = allDay ? LocalDateTime(start, in: zone).adding(seconds: 86400).instant(in: zone) : start
        }
        var participants: [PersonID] = []
        var chair: PersonID?
        for a in e.all("ATTENDEE") {
            guard let nip = person(a, guests: &guests) else {
                let email = Self.mailto(a.value)
                unknown.append(a.parameter("CN").map { "\($0) <\(email)>" } ?? email)
                continue
            }
            if a.parameter("ROLE")?.uppercased() == "CHAIR", chair == nil { chair = nip } else { participants.append(nip) }
        }
        for p in e.all("X-RAPAT-PARTICIPANT") {
            if let nip = try? PersonID(p.value), people[nip] != nil { participants.append(nip) }
        }
        if chair == nil, let organizer = e.first("ORGANIZER") { chair = person(organizer, guests: &guests) }
        // A calendar that names no organizer (a personal calendar, an export of one's own events): its first attendee
        // chairs; when it names nobody at all, the calendar's owner does.
        if chair == nil, defaultChair == nil, !participants.isEmpty { chair = participants.removeFirst() }
        guard let chair = chair ?? defaultChair ?? owner(ctx, guests: &guests) else {
            throw ImportProblem.noChair(summary: e.first("SUMMARY")?.text.trimmed ?? "")
        }
        let notulis = e.first("X-RAPAT-NOTULIS").flatMap { try? PersonID($0.value) }.flatMap { people[$0] != nil ? $0 : nil }
        var link = e.first("CONFERENCE")?.value ?? e.first("URL")?.value
        var location = e.first("LOCATION")?.text
        if let l = location, link == nil, l.hasPrefix("https://") || l.hasPrefix("http://"), !l.contains(" ") { link = l }
        if location == link { location = nil }
        if let l = link, (try? Meeting.checkedLink(l)) == nil { link = nil }
        var agenda: [AgendaItem] = []
        for (i, a) in e.all("X-RAPAT-AGENDA").enumerated() {
            do {
                agenda.append(try AgendaItem(key: i + 1, title: a.text, presenter: a.parameter("X-PRESENTER"),
                                             presenterNIP: a.parameter("X-PRESENTER-NIP").flatMap { try? PersonID($0) }.flatMap { people[$0] != nil ? $0 : nil },
                                             boxMinutes: Int(a.parameter("X-BOX") ?? "") ?? 0))
            } catch { throw ctx.fail(a.line, .refused(error)) }
        }
        let kind = e.first("CATEGORIES").map { String($0.text.split(separator: ",").first ?? "rapat") } ?? "rapat"
        let title = e.first("SUMMARY")?.text.trimmed
        do {
            var m = try Meeting(id: MeetingID.unnumbered, title: title?.isEmpty == false ? title! : "(tanpa judul)", kind: kind,
                                chair: chair, notulis: notulis, participants: participants, start: start, end: end, timeZone: zone,
                                virtualLink: link, location: location?.isEmpty == true ? nil : location, agenda: agenda)
            m.icalUID = e.first("UID")?.text
            m.sequence = Int(e.first("SEQUENCE")?.value ?? "0") ?? 0
            m.details = e.first("DESCRIPTION").map { Self.plainText($0.text) }.flatMap { $0.isEmpty ? nil : $0 }
            let transparency = e.first("TRANSP")?.value.uppercased()
            if allDay {
                m.allDay = true
                // An all-day event (a holiday, a trip) does not take its people's time unless it says so.
                if transparency != "OPAQUE" { m.reservesTime = false }
            } else if transparency == "TRANSPARENT" {
                m.reservesTime = false
            }
            return m
        } catch {
            throw ctx.fail(e.line, .refused(error))
        }
    }

    /// Text as a person wrote it: line breaks and tabs kept, other control characters dropped, at most 100,000 characters.
    static func plainText(_ text: String) -> String {
        // Nearly every text has no control character (C0 but line break and tab, DEL, C1 as C2 80…9F): read bytes first.
        var previous: UInt8 = 0
        let clean = text.utf8.count <= 100_000 && text.utf8.allSatisfy { b in
            defer { previous = b }
            return (b >= 0x20 || b == 0x0A || b == 0x09) && b != 0x7F && !(previous == 0xC2 && b >= 0x80 && b <= 0x9F)
        }
        if clean {
            // Most texts have nothing to trim: answered without bridging to NSString.
            if let f = text.unicodeScalars.first, let l = text.unicodeScalars.last, !f.properties.isWhitespace, !l.properties.isWhitespace {
                return text
            }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let kept = text.unicodeScalars.filter { $0 == "\n" || $0 == "\t" || $0.properties.generalCategory != .control }
        return String(String.UnicodeScalarView(kept.prefix(100_000))).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func mailto(_ value: String) -> String {
        value.lowercased().hasPrefix("mailto:") ? String(value.dropFirst(7)) : value
    }

    /// RFC 5545 DURATION: `PT1H30M`, `P1D`, `-PT15M`, `P1W`. Nil for what is not one, and for a duration too
    /// long to count in seconds (`P99999999999999999999W`): every step is checked, none can overflow.
    static func durationSeconds(_ text: String) -> Int? {
        var s = Substring(text)
        var sign = 1
        if s.first == "-" { sign = -1; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        guard s.first == "P" else { return nil }
        s = s.dropFirst()
        var total = 0, number = 0, seenDigit = false, inTime = false
        func checked(_ r: (partialValue: Int, overflow: Bool)) -> Int? { r.overflow ? nil : r.partialValue }
        for c in s {
            if let d = c.wholeNumberValue, c.isASCII {
                guard let n = checked(number.multipliedReportingOverflow(by: 10)), let n2 = checked(n.addingReportingOverflow(d)) else { return nil }
                number = n2
                seenDigit = true
                continue
            }
            let unit: Int
            switch (c, inTime) {
            case ("T", false): inTime = true; continue
            case ("W", false): unit = 604_800
            case ("D", false): unit = 86400
            case ("H", true): unit = 3600
            case ("M", true): unit = 60
            case ("S", true): unit = 1
            default: return nil
            }
            guard seenDigit, let part = checked(number.multipliedReportingOverflow(by: unit)),
                  let sum = checked(total.addingReportingOverflow(part)) else { return nil }
            total = sum
            number = 0
            seenDigit = false
        }
        return seenDigit ? nil : sign * total
    }
}
