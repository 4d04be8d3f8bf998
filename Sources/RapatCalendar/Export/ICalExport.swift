import Foundation
import RapatCore

/// Turns meetings into iCalendar: iTIP invitations, updates and cancellations (RFC 5546), series with
/// RRULE/EXDATE/RECURRENCE-ID, and subscribable feeds; RFC 7986 CONFERENCE for the virtual link.
public struct ICalExport: Sendable {
    public var options: CalendarOptions
    /// Identifies this archive inside UIDs, so meetings of two installations never share one.
    public var archiveID: String

    public init(options: CalendarOptions, archiveID: String) {
        self.options = options
        self.archiveID = archiveID
    }

    /// A meeting's UID: the one it was imported with, else its series', else derived from its id.
    public func uid(_ m: Meeting) -> String { m.icalUID ?? m.seriesID.map(uid(series:)) ?? ArchiveUID.make(m.id.description, archiveID: archiveID) }
    public func uid(series id: String) -> String { ArchiveUID.make(id, archiveID: archiveID) }

    // MARK: Messages

    /// METHOD:REQUEST for a meeting (or METHOD:CANCEL once it is cancelled). A meeting of a series is sent as
    /// one instance of the series' UID, identified by its RECURRENCE-ID.
    public func message(for m: Meeting) -> [UInt8] {
        var w = ICalWriter()
        let cancel = m.status == .cancelled
        header(&w, method: cancel ? "CANCEL" : "REQUEST")
        timezones(for: [m], into: &w)
        // An occurrence of a series (planned here or imported as one instance) is addressed by its RECURRENCE-ID.
        let recurrence = m.seriesID != nil || m.icalUID != nil ? m.occurrenceStart : nil
        event(m, uid: uid(m), recurrenceID: recurrence, sequence: m.sequence,
              attendees: true, alarms: !cancel, clock: ZoneClock(), into: &w)
        w.end("VCALENDAR")
        return w.bytes
    }

    /// METHOD:REQUEST for a whole series: one master VEVENT with RRULE and EXDATE (exceptions and cancelled
    /// occurrences) and an override VEVENT with RECURRENCE-ID for every occurrence that differs from the rule.
    public func message(series: Series, meetings: [Meeting]) -> [UInt8] {
        var w = ICalWriter()
        header(&w, method: "REQUEST")
        let members = meetings.filter { $0.seriesID == series.id }.sorted { ($0.occurrenceStart ?? $0.start) < ($1.occurrenceStart ?? $1.start) }
        guard let first = members.first else {
            w.end("VCALENDAR")
            return w.bytes
        }
        timezones(for: members, into: &w)
        let sequence = members.map(\.sequence).max() ?? 0
        let zone = first.zone
        let clock = ZoneClock()
        let masterStart = first.occurrenceStart ?? first.start
        let length = first.end.timeIntervalSince(first.start)
        var master = first
        master.start = masterStart
        master.end = masterStart.addingTimeInterval(length)
        master.status = .scheduled
        let masterUID = uid(first)
        // The set the archive holds is the rule's instances less EXDATE plus RDATE: whatever was skipped, cancelled
        // or added (an imported event's RDATE, a second RRULE) is written so, and a calendar shows exactly these.
        let held = Set(members.filter { $0.status != .cancelled }.map { $0.occurrenceStart ?? $0.start })
        let last = members.map { $0.occurrenceStart ?? $0.start }.max()!
        let dtstart = LocalDateTime(masterStart, in: zone)
        var made: Set<Date> = [masterStart]
        // A rule without an end, or a series stored only to its horizon, is compared as far as its meetings are stored:
        // the instances not stored yet are still the rule's, not exceptions.
        let whole = series.rule.isBounded && series.horizon == nil
        for rule in series.rule.rules {
            var count = 0
            for t in rule.expand(from: dtstart, zone: zone, through: whole ? nil : LocalDateTime(last, in: zone)) {
                made.insert(t.instant(in: zone))
                count += 1
                if count > 10_000 { break }
            }
        }
        event(master, uid: masterUID, recurrenceID: nil, sequence: sequence, attendees: true, alarms: true, clock: clock, into: &w) { w in
            for rule in series.rule.rules { w.raw("RRULE", [], rrule(rule, dtstart: masterStart, zone: zone)) }
            for ex in made.subtracting(held).sorted() {
                w.dateTime("EXDATE", [.init("TZID", zone.identifier)], ex, offset: clock.offset(zone, at: ex))
            }
            for extra in held.subtracting(made).sorted() {
                w.dateTime("RDATE", [.init("TZID", zone.identifier)], extra, offset: clock.offset(zone, at: extra))
            }
        }
        for m in members where m.status != .cancelled {
            let occurrence = m.occurrenceStart ?? m.start
            var implied = master
            implied.start = occurrence
            implied.end = occurrence.addingTimeInterval(length)
            if eventSignature(m) != eventSignature(implied) {
                event(m, uid: masterUID, recurrenceID: occurrence, sequence: sequence, attendees: true, alarms: true, clock: clock, into: &w)
            }
        }
        w.end("VCALENDAR")
        return w.bytes
    }

    /// A calendar to subscribe to: no METHOD, calendar name and refresh hints, one VTIMEZONE per zone before
    /// the events, each meeting its own VEVENT. Output goes to `sink` in pieces, so memory stays flat.
    public func feed(name: String, meetings: [Meeting], refresh: String = "PT1H", sink: (inout [UInt8]) throws -> Void) rethrows {
        var zones = ZoneSpans()
        zones.add(meetings)
        var stream = FeedStream(export: self, name: name, zones: zones, refresh: refresh)
        try stream.write(meetings, sink: sink)
        try stream.finish(sink: sink)
    }

    /// The zones of a feed's meetings and the time each spans, gathered (page by page if need be) before
    /// the feed is written, so every VTIMEZONE comes first and covers its meetings' transitions.
    public struct ZoneSpans: Sendable {
        var spans: [String: ClosedRange<Date>] = [:]
        var order: [String] = []

        public init() {}

        public mutating func add(_ meetings: [Meeting]) {
            for m in meetings {
                let lo = min(m.start, m.occurrenceStart ?? m.start), hi = max(m.end, m.occurrenceStart ?? m.end)
                if let s = spans[m.timeZone] {
                    spans[m.timeZone] = min(s.lowerBound, lo)...max(s.upperBound, hi)
                } else {
                    spans[m.timeZone] = lo...hi
                    order.append(m.timeZone)
                }
            }
        }

        func write(into w: inout ICalWriter) {
            for id in order { VTimezone.write(TimeZone(identifier: id) ?? Zone.jakarta, covering: spans[id]!, into: &w) }
        }
    }

    /// A feed written a page of meetings at a time: the calendar's head and VTIMEZONEs, then `write` for each
    /// page, then `finish`. Memory holds one page and 64 KiB of output, whatever the feed's size.
    public struct FeedStream {
        let export: ICalExport
        var w = ICalWriter(capacity: 1 << 16)
        let clock = ZoneClock()

        public init(export: ICalExport, name: String, zones: ZoneSpans, refresh: String = "PT1H") {
            self.export = export
            w.raw("BEGIN", [], "VCALENDAR")
            w.raw("VERSION", [], "2.0")
            w.text("PRODID", [], CalendarOptions.productID)
            w.raw("CALSCALE", [], "GREGORIAN")
            w.text("NAME", [], name)
            w.text("X-WR-CALNAME", [], name)
            // Only a name of the time zone database: a fixed offset such as GMT+0533 has its VTIMEZONE and nothing else.
            let zone = zones.order.first ?? Zone.jakarta.identifier
            if !zone.hasPrefix("GMT") || zone == "GMT" { w.text("X-WR-TIMEZONE", [], zone) }
            w.raw("REFRESH-INTERVAL", [.init("VALUE", "DURATION")], refresh)
            w.raw("X-PUBLISHED-TTL", [], refresh)
            zones.write(into: &w)
        }

        public mutating func write(_ meetings: [Meeting], sink: (inout [UInt8]) throws -> Void) rethrows {
            for m in meetings {
                // Each meeting is its own event in a feed, so a series member gets a UID of its own here.
                export.event(m, uid: m.icalUID.map { m.occurrenceStart == nil ? $0 : "\(m.id)-\($0)" } ?? ArchiveUID.make(m.id.description, archiveID: export.archiveID),
                             recurrenceID: nil, sequence: m.sequence, attendees: true, alarms: m.status != .cancelled, clock: clock, into: &w)
                if w.bytes.count > 1 << 16 { try w.flush(to: sink) }
            }
        }

        public mutating func finish(sink: (inout [UInt8]) throws -> Void) rethrows {
            w.end("VCALENDAR")
            try w.flush(to: sink)
        }
    }

    // MARK: Pieces

    func header(_ w: inout ICalWriter, method: String?) {
        w.begin("VCALENDAR")
        w.raw("VERSION", [], "2.0")
        w.text("PRODID", [], CalendarOptions.productID)
        w.raw("CALSCALE", [], "GREGORIAN")
        if let method { w.raw("METHOD", [], method) }
    }

    /// One VTIMEZONE per zone the meetings use, covering their time span.
    func timezones(for meetings: [Meeting], into w: inout ICalWriter) {
        var zones = ZoneSpans()
        zones.add(meetings)
        zones.write(into: &w)
    }

    /// RRULE text; UNTIL becomes a UTC date-time at the series' wall-clock start, as RFC 5545 requires with TZID.
    func rrule(_ rule: RecurrenceRule, dtstart: Date, zone: TimeZone) -> String {
        var r = rule
        switch r.until {
        case let .date(day)?:
            let c = Calendar.gregorian(zone).dateComponents([.hour, .minute], from: dtstart)
            r.until = .utc(day.at(hour: c.hour!, minute: c.minute!, in: zone))
        case let .local(t)?:
            r.until = .utc(t.instant(in: zone))
        case .utc?, nil:
            break
        }
        return r.description
    }

    /// What a participant's calendar shows of an event; two occurrences with the same signature need no override.
    func eventSignature(_ m: Meeting) -> [String] {
        [String(m.start.timeIntervalSince1970), String(m.end.timeIntervalSince1970), m.timeZone, m.title, description(m),
         m.location ?? "", m.virtualLink ?? "", m.status.rawValue, m.everyone.map(\.key).joined(separator: ","), m.kind]
    }

    func event(_ m: Meeting, uid: String, recurrenceID: Date?, sequence: Int, attendees: Bool, alarms: Bool, clock: ZoneClock,
               into w: inout ICalWriter, extra: (inout ICalWriter) -> Void = { _ in }) {
        let zoneID = m.timeZone
        func local(_ name: StaticString, _ instant: Date) {
            w.line { b in
                b.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
                b.append(contentsOf: Self.tzidParameter)
                ICalWriter.appendParameterValue(zoneID, to: &b)
                b.append(UInt8(ascii: ":"))
                ICalTime.append(instant, offset: clock.offset(zoneID, at: instant), utc: false, to: &b)
            }
        }
        w.begin("VEVENT")
        w.text("UID", [], uid)
        w.dateTime("DTSTAMP", [], options.stamp, offset: 0, utc: true)
        w.raw("SEQUENCE", [], String(sequence))
        let startOffset = clock.offset(zoneID, at: m.start)
        if m.isAllDay {
            // An all-day event goes back as DATE values: its days, not hours.
            let zone = clock.zone(zoneID)
            func day(_ instant: Date) -> String { ICalTime.date(CivilDate(instant, in: zone)) }
            if let recurrenceID { w.raw("RECURRENCE-ID", [.init("VALUE", "DATE")], day(recurrenceID)) }
            w.raw("DTSTART", [.init("VALUE", "DATE")], day(m.start))
            w.raw("DTEND", [.init("VALUE", "DATE")], day(max(m.end, m.start.addingTimeInterval(86400))))
        } else {
            if let recurrenceID { local("RECURRENCE-ID", recurrenceID) }
            local("DTSTART", m.start)
            local("DTEND", m.end)
        }
        extra(&w)
        w.text("SUMMARY", [], m.title)
        // An imported event keeps the text its organizer wrote; Rapat's own invitations describe themselves.
        w.text("DESCRIPTION", [], m.details ?? description(m, offset: startOffset, zone: clock.zone(zoneID)))
        if let location = m.location {
            w.text("LOCATION", [], location)
        } else if let link = m.virtualLink {
            w.text("LOCATION", [], link)
        }
        if let link = m.virtualLink {
            w.raw("URL", [.init("VALUE", "URI")], link)
            w.raw("CONFERENCE", [.init("VALUE", "URI"), .init("FEATURE", "VIDEO", "AUDIO"),
                                 .init("LABEL", options.language == .id ? "Tautan rapat" : "Meeting link")], link)
        }
        w.text("CATEGORIES", [], m.kind)
        w.raw("STATUS", [], m.status == .cancelled ? "CANCELLED" : "CONFIRMED")
        w.raw("TRANSP", [], m.blocksTime ? "OPAQUE" : "TRANSPARENT")
        w.raw("ORGANIZER", [.init("CN", options.organizerName)], "mailto:" + options.organizerEmail)
        if attendees {
            for nip in m.everyone {
                let p = options.people[nip]
                guard let email = p?.email else {
                    w.raw("X-RAPAT-PARTICIPANT", [], nip.key)
                    continue
                }
                let chair = nip == m.chair
                w.line { b in
                    b.append(contentsOf: chair ? Self.chairPrefix : Self.participantPrefix)
                    ICalWriter.appendParameterValue(p?.name ?? nip.key, to: &b)
                    b.append(contentsOf: Self.nipParameter)
                    b.append(contentsOf: nip.key.utf8)
                    b.append(contentsOf: Self.mailto)
                    ICalWriter.appendValue(email, to: &b)
                }
            }
        }
        if let notulis = m.notulis { w.raw("X-RAPAT-NOTULIS", [], notulis.key) }
        for item in m.agenda {
            var params = [ICalWriter.Parameter("X-BOX", String(item.boxMinutes))]
            if let nip = item.presenterNIP { params.append(.init("X-PRESENTER-NIP", nip.key)) }
            if let presenter = item.presenter { params.append(.init("X-PRESENTER", presenter)) }
            w.text("X-RAPAT-AGENDA", params, item.title)
        }
        if alarms {
            for minutes in options.alarmMinutes {
                w.begin("VALARM")
                w.raw("ACTION", [], "DISPLAY")
                w.raw("TRIGGER", [], ICalTime.duration(seconds: -minutes * 60))
                w.text("DESCRIPTION", [], options.language == .id ? "\(m.title) dimulai \(minutes) menit lagi" : "\(m.title) starts in \(minutes) minutes")
                w.end("VALARM")
            }
        }
        w.end("VEVENT")
    }

    static let tzidParameter = Array(";TZID=".utf8)
    static let chairPrefix = Array("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=CHAIR;PARTSTAT=ACCEPTED;RSVP=FALSE;CN=".utf8)
    static let participantPrefix = Array("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=".utf8)
    static let nipParameter = Array(";X-RAPAT-NIP=".utf8)
    static let mailto = Array(":mailto:".utf8)

    /// The human text of an invitation: who chairs, where to join, the agenda with time boxes.
    public func description(_ m: Meeting, offset: Int? = nil, zone: TimeZone? = nil) -> String {
        let zone = zone ?? m.zone
        let id = options.language == .id
        let text = DateText(options.language)
        func name(_ nip: PersonID) -> String { options.people[nip]?.name ?? "NIP \(nip)" }
        var lines = ["\(m.title) (\(m.kind))", (id ? "Pimpinan rapat: " : "Chair: ") + name(m.chair)]
        if let link = m.virtualLink { lines.append((id ? "Tautan rapat: " : "Meeting link: ") + link) }
        if let location = m.location { lines.append((id ? "Tempat: " : "Location: ") + location) }
        if !m.agenda.isEmpty {
            lines.append("")
            lines.append(id ? "Acara:" : "Agenda:")
            for (i, item) in m.agenda.enumerated() {
                let presenter = item.presenterNIP.map { nip in options.people[nip].map { "\($0.name) (\($0.opd))" } ?? "NIP \(nip)" } ?? item.presenter
                lines.append("\(i + 1). \(item.title)" + (presenter.map { " — \($0)" } ?? "") + ", " + text.minutes(item.boxMinutes))
            }
        }
        lines.append("")
        let (h, mi) = ICalTime.clock(m.start, offset: offset ?? zone.secondsFromGMT(for: m.start))
        let clock = (h < 10 ? "0" : "") + String(h) + (id ? "." : ":") + (mi < 10 ? "0" : "") + String(mi) + " " + Zone.abbreviation(zone, at: m.start)
        lines.append(id ? "Rapat dimulai tepat waktu pukul \(clock)." : "The meeting starts on time at \(clock).")
        return lines.joined(separator: "\n")
    }
}
