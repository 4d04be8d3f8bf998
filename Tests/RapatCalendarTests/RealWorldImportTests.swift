import Foundation
import Testing
@testable import RapatCalendar
import RapatCore
import RapatSQLite
import RapatStore

/// What real calendars contain, each in a small file written for the purpose: #17.
@Suite struct RealWorldImportTests {
    static let newYork = TimeZone(identifier: "America/New_York")!
    let importer = ICalImport(people: Cal.people, defaultChair: Cal.governor, windowEnd: Cal.at("2026-12-31 00:00"))

    func calendar(_ body: String, header: String = "") -> Data {
        Data(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + header + body + "END:VCALENDAR\r\n")
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    func event(_ lines: String, uid: String? = "e1") -> String {
        "BEGIN:VEVENT\n" + (uid.map { "UID:\($0)\n" } ?? "") + lines + "END:VEVENT\n"
    }

    func events(_ data: Data) throws -> [ImportedEvent] { try importer.events(from: data, source: "t.ics") }

    func store() async throws -> any MeetingStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-rw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("rapat.db").path)
        for p in Cal.people.values.sorted(by: { $0.id < $1.id }) { try await store.addPerson(p) }
        return store
    }

    /// A rule with a UTC start repeats on the UTC clock (RFC 5545): the second Tuesday at 18:00Z, which is a
    /// Wednesday in WIB. A calendar that names its zone (X-WR-TIMEZONE) means its UTC times on that clock.
    @Test func aRuleWithAUTCStartRepeatsInUTC() throws {
        let body = event("DTSTART:20250909T180000Z\nDTEND:20250909T190000Z\nRRULE:FREQ=MONTHLY;COUNT=3;BYDAY=2TU\nSUMMARY:Rapat bulanan\n")
        let utc = try #require(try events(calendar(body)).first)
        let utcZone = TimeZone(identifier: "UTC")!
        #expect(utc.meetings.map { CivilDate($0.start, in: utcZone).description } == ["2025-09-09", "2025-10-14", "2025-11-11"])
        #expect(utc.meetings.allSatisfy { LocalDateTime($0.start, in: utcZone).secondOfDay == 18 * 3600 })
        let named = try #require(try events(calendar(body, header: "X-WR-TIMEZONE:Asia/Jakarta\n")).first)
        // On the Jakarta clock the start is Wednesday 01:00 (kept, though the rule does not make it), and the second
        // Tuesdays at 01:00 WIB follow it.
        #expect(named.meetings.map { CivilDate($0.start, in: Zone.jakarta).description }.prefix(3) == ["2025-09-10", "2025-10-14", "2025-11-11"])
    }

    @Test func aByteOrderMarkANestedCalendarAndUnknownPartsAreRead() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data += calendar("BEGIN:VCALENDAR\nX-WHAT:ever\n" + event("DTSTART:20201216T020000Z\nDTEND:20201216T030000Z\nX-ODD;X-P=1:y\nSUMMARY:Nested\n")
                         + "END:VCALENDAR\n")
        let e = try #require(try events(data).first)
        #expect(e.unreadable == nil && e.summary == "Nested" && e.meetings[0].start == Cal.at("2020-12-16 09:00"))
    }

    @Test func anEmptyRecurrencePropertySaysTheEventDoesNotRepeat() throws {
        // A holiday feed writes "RRULE:" on every event that does not repeat; an empty RDATE or EXDATE is as empty.
        let data = calendar(event("DTSTART;VALUE=DATE:20201225\nRRULE:\nRDATE: \nEXDATE:\nSUMMARY:Natal\n"))
        let e = try #require(try events(data).first)
        #expect(e.unreadable == nil && e.meetings.count == 1 && e.series == nil && e.meetings[0].isAllDay)
        // A rule that says something wrong is still refused with its line.
        let wrong = try #require(try events(calendar(event("DTSTART;VALUE=DATE:20201225\nRRULE:INTERVAL=2\nSUMMARY:Natal\n"))).first)
        #expect("\(wrong.unreadable!)".contains("FREQ is required"))
    }

    @Test func anEventWithoutUIDGetsOneFromItsContentAndReimportsAsTheSame() async throws {
        let data = calendar(event("DTSTART:20201216T020000Z\nDTEND:20201216T030000Z\nSUMMARY:Tanpa UID\n", uid: nil))
        let a = try events(data), b = try events(data)
        #expect(a[0].uid.hasPrefix("rapat-derived-") && a[0].uid == b[0].uid)
        let store = try await store()
        #expect(try await store.importEvents(a, dryRun: false, strict: false).created.count == 1)
        #expect(try await store.importEvents(b, dryRun: false, strict: false).unchanged == 1)
    }

    @Test func eventsOfNoLengthAndUnknownPresentersAreStored() async throws {
        let data = calendar(event("DTSTART:20201216T030000Z\nSUMMARY:Pengingat\n", uid: "zero")
            + event("DTSTART:20201217T030000Z\nDTEND:20201217T040000Z\nSUMMARY:Paparan\nX-RAPAT-AGENDA;X-BOX=30;X-PRESENTER-NIP=199001012020011001;X-PRESENTER=Tamu:Paparan\n", uid: "agenda"))
        let store = try await store()
        let summary = try await store.importEvents(try events(data), dryRun: false, strict: false)
        #expect(summary.created.count == 2 && summary.skipped.isEmpty)
        let meetings = try await store.meetings(MeetingFilter())
        #expect(meetings.contains { $0.title == "Pengingat" && $0.plannedMinutes == 0 })
        #expect(meetings.first { $0.title == "Paparan" }?.agenda.first.map { $0.presenter == "Tamu" && $0.presenterNIP == nil } == true)
    }

    @Test func startsWithoutEndFollowRFC5545() throws {
        let data = calendar(event("DTSTART:20201216T020000Z\nSUMMARY:Sama\nDTEND:20201216T020000Z\n", uid: "a")
                            + event("DTSTART:20201216T030000Z\nSUMMARY:Tanpa akhir\n", uid: "b")
                            + event("DTSTART;VALUE=DATE:20201217\nSUMMARY:Sehari\n", uid: "c"))
        let e = try events(data)
        #expect(e[0].meetings[0].plannedMinutes == 0 && e[1].meetings[0].plannedMinutes == 0)
        #expect(e[2].meetings[0].isAllDay && e[2].meetings[0].start == Cal.at("2020-12-17 00:00") && e[2].meetings[0].end == Cal.at("2020-12-18 00:00"))
    }

    @Test func aThreeDayAllDayEventStaysAllDayAndExportsAsDates() async throws {
        let data = calendar(event("DTSTART;VALUE=DATE:20201228\nDTEND;VALUE=DATE:20201231\nSUMMARY:Kunjungan kerja\nDESCRIPTION:Tiga hari\\, ke Lebak.\\nMembawa laporan.\n"))
        let e = try #require(try events(data).first)
        let m = e.meetings[0]
        #expect(m.isAllDay && !m.blocksTime && m.start == Cal.at("2020-12-28 00:00") && m.end == Cal.at("2020-12-31 00:00"))
        #expect(m.details == "Tiga hari, ke Lebak.\nMembawa laporan.")
        let store = try await store()
        let summary = try await store.importEvents([e], dryRun: false, strict: false)
        #expect(summary.created.count == 1 && summary.warnings.isEmpty)
        let stored = try await store.meeting(summary.created[0])
        let text = String(decoding: Cal.export.message(for: stored), as: UTF8.self)
        #expect(text.contains("DTSTART;VALUE=DATE:20201228\r\n") && text.contains("DTEND;VALUE=DATE:20201231\r\n"))
        #expect(text.contains("TRANSP:TRANSPARENT") && text.contains("DESCRIPTION:Tiga hari\\, ke Lebak.\\nMembawa laporan."))
    }

    @Test func aDescriptionKeepsItsLinesAndLosesControlCharacters() {
        #expect(ICalImport.plainText(" Rapat\tpagi\nruang 2 ") == "Rapat\tpagi\nruang 2")
        #expect(ICalImport.plainText("a\u{7}b\u{85}c\u{7F}\n d ") == "abc\n d")
        #expect(ICalImport.plainText("Kopi ☕️ — “rapat”") == "Kopi ☕️ — “rapat”")
    }

    @Test func aVTimezoneDefinesAnyTZIDAndAliasesResolve() throws {
        let zones = """
            BEGIN:VTIMEZONE
            TZID:Eastern
            BEGIN:STANDARD
            DTSTART:19501105T020000
            TZOFFSETFROM:-0400
            TZOFFSETTO:-0500
            RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:19500312T020000
            TZOFFSETFROM:-0500
            TZOFFSETTO:-0400
            RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
            END:DAYLIGHT
            END:VTIMEZONE
            BEGIN:VTIMEZONE
            TZID:Pulau Khayalan
            BEGIN:STANDARD
            DTSTART:19700101T000000
            TZOFFSETFROM:+0533
            TZOFFSETTO:+0533
            END:STANDARD
            END:VTIMEZONE

            """
        let data = calendar(zones
            + event("DTSTART;TZID=Eastern:20240710T090000\nDTEND;TZID=Eastern:20240710T100000\nSUMMARY:Summer\n", uid: "a")
            + event("DTSTART;TZID=Eastern:20241210T090000\nDTEND;TZID=Eastern:20241210T100000\nSUMMARY:Winter\n", uid: "b")
            + event("DTSTART;TZID=Pulau Khayalan:20241210T090000\nDURATION:PT1H\nSUMMARY:Odd\n", uid: "c")
            + event("DTSTART;TZID=Japan:20241210T090000\nDURATION:PT1H\nSUMMARY:Alias\n", uid: "d")
            + event("DTSTART;TZID=custom_America/New_York:20241210T090000\nDURATION:PT1H\nSUMMARY:Decorated\n", uid: "e"))
        let m = try events(data).map { try #require($0.meetings.first, "\($0.unreadable.map { "\($0)" } ?? "")") }
        #expect(m[0].timeZone == "America/New_York" && m[0].start == Date(timeIntervalSince1970: 1_720_616_400))  // 13:00Z
        #expect(m[1].timeZone == "America/New_York" && m[1].start == Date(timeIntervalSince1970: 1_733_839_200))  // 14:00Z
        #expect(m[2].start == Date(timeIntervalSince1970: 1_733_801_220) && m[2].zone.secondsFromGMT() == 5 * 3600 + 33 * 60)  // 03:27Z
        #expect(m[3].start == Date(timeIntervalSince1970: 1_733_788_800))  // 00:00Z
        #expect(m[4].timeZone == "America/New_York" && m[4].start == m[1].start)
    }

    @Test func recurrenceTakesEveryPartOfTheRFC() throws {
        let base = "DTSTART;TZID=Asia/Jakarta:20200817T090000\nDTEND;TZID=Asia/Jakarta:20200817T100000\nSUMMARY:Upacara\n"
        let yearly = try #require(try events(calendar(event(base + "RRULE:FREQ=YEARLY;COUNT=3\n"))).first)
        #expect(yearly.meetings.map(\.start) == [Cal.at("2020-08-17 09:00"), Cal.at("2021-08-17 09:00"), Cal.at("2022-08-17 09:00")])
        // UNTIL keeps its time of day: 2020-08-19 08:00 WIB ends before the third 09:00.
        let until = try #require(try events(calendar(event(base + "RRULE:FREQ=DAILY;UNTIL=20200819T010000Z\n"))).first)
        #expect(until.meetings.count == 2)
        // Two RRULEs, an RDATE (a date-time and a period), an EXDATE.
        let combined = try #require(try events(calendar(event(base + """
            RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3
            RRULE:FREQ=MONTHLY;BYMONTHDAY=20;COUNT=2
            RDATE;TZID=Asia/Jakarta:20200901T090000
            RDATE;VALUE=PERIOD:20200902T020000Z/PT1H
            EXDATE;TZID=Asia/Jakarta:20200824T090000

            """))).first)
        #expect(combined.meetings.map(\.start) == ["2020-08-17 09:00", "2020-08-20 09:00", "2020-08-31 09:00", "2020-09-01 09:00",
                                                   "2020-09-02 09:00", "2020-09-20 09:00"].map { Cal.at($0) })
    }

    @Test func thisAndFutureMovesEveryLaterOccurrence() throws {
        let data = calendar(event("DTSTART;TZID=Asia/Jakarta:20201202T090000\nDTEND;TZID=Asia/Jakarta:20201202T100000\nSUMMARY:Mingguan\nRRULE:FREQ=WEEKLY;COUNT=4\n")
            + event("RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Asia/Jakarta:20201216T090000\nDTSTART;TZID=Asia/Jakarta:20201216T130000\nDTEND;TZID=Asia/Jakarta:20201216T143000\nSUMMARY:Mingguan (siang)\nSEQUENCE:1\n")
            + event("RECURRENCE-ID;TZID=Asia/Jakarta:20201209T090000\nDTSTART;TZID=Asia/Jakarta:20201209T090000\nDTEND;TZID=Asia/Jakarta:20201209T100000\nSTATUS:CANCELLED\nSUMMARY:Mingguan\n"))
        let e = try #require(try events(data).first)
        #expect(e.meetings.map(\.start) == ["2020-12-02 09:00", "2020-12-09 09:00", "2020-12-16 13:00", "2020-12-23 13:00"].map { Cal.at($0) })
        #expect(e.meetings[1].status == .cancelled && e.meetings[3].title == "Mingguan (siang)" && e.meetings[3].plannedMinutes == 90)
        #expect(e.meetings[3].occurrenceStart == Cal.at("2020-12-23 09:00"))
        // Cancelled from the third on: the third and the fourth are cancelled, the first two stay.
        let cancelled = calendar(event("DTSTART;TZID=Asia/Jakarta:20201202T090000\nDTEND;TZID=Asia/Jakarta:20201202T100000\nSUMMARY:Mingguan\nRRULE:FREQ=WEEKLY;COUNT=4\n")
            + event("RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Asia/Jakarta:20201216T090000\nDTSTART;TZID=Asia/Jakarta:20201216T090000\nDTEND;TZID=Asia/Jakarta:20201216T100000\nSTATUS:CANCELLED\nSUMMARY:Mingguan\nSEQUENCE:1\n"))
        #expect(try #require(try events(cancelled).first).meetings.map(\.status) == [.scheduled, .scheduled, .cancelled, .cancelled])
    }

    @Test func planningRulesWarnAndWhatCannotBeReadIsSkippedWithItsLine() async throws {
        let data = calendar(event("DTSTART;TZID=Asia/Jakarta:20201219T200000\nDTEND;TZID=Asia/Jakarta:20201220T010000\nSUMMARY:Malam Minggu\n", uid: "night")
            + event("DTSTART;TZID=Asia/Jakarta:20201219T210000\nDTEND;TZID=Asia/Jakarta:20201219T220000\nSUMMARY:Bertumpuk\n", uid: "overlap")
            + event("DTSTART:20201232T090000\nSUMMARY:Rusak\n", uid: "broken")
            + event("DTSTART;TZID=Asia/Jakarta:20201222T110000\nDTEND;TZID=Asia/Jakarta:20201222T100000\nSUMMARY:Terbalik\n", uid: "backwards")
            + "BEGIN:VTODO\nUID:t\nSUMMARY:tugas\nEND:VTODO\nBEGIN:VJOURNAL\nUID:j\nEND:VJOURNAL\n")
        let store = try await store()
        let summary = try await store.importEvents(try events(data), dryRun: false, strict: false)
        #expect(summary.created.count == 2)
        #expect(summary.skipped.map(\.uid) == ["broken", "backwards"] && summary.skipped[0].line == 18 && summary.skipped[0].reason.hasPrefix("bad date"), "\(summary.skipped)")
        let reasons = summary.warnings.map(\.reason)
        #expect(reasons.contains { $0.contains("not a working day") } && reasons.contains { $0.contains("already in") })
        let overlap = try #require(try await store.meetings(MeetingFilter()).first { $0.title == "Bertumpuk" })
        #expect(!overlap.blocksTime)
        // --strict: the first refusal refuses the whole file.
        let strictStore = try await self.store()
        await #expect(throws: (any Error).self) { try await strictStore.importEvents(try events(data), dryRun: false, strict: true) }
        #expect(try await strictStore.meetings(MeetingFilter()).isEmpty)
    }

    @Test func otherComponentsAreCountedByTheReader() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-rw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("c.ics")
        try calendar("BEGIN:VTODO\nUID:t\nEND:VTODO\nBEGIN:VTODO\nUID:u\nEND:VTODO\nBEGIN:VFREEBUSY\nUID:f\nEND:VFREEBUSY\n").write(to: file)
        let reader = ICalImportReader(importer: importer, files: [file.path])
        while try reader.next() != nil {}
        #expect(reader.otherComponents == ["VTODO": 2, "VFREEBUSY": 1])
    }

    @Test func ourOwnFeedOfAnImportedSeriesReimportsUnchanged() async throws {
        let store = try await store()
        let data = calendar(event("DTSTART;TZID=Asia/Jakarta:20201202T090000\nDTEND;TZID=Asia/Jakarta:20201202T100000\nSUMMARY:Mingguan\nRRULE:FREQ=WEEKLY;COUNT=4\n"))
        #expect(try await store.importEvents(try events(data), dryRun: false, strict: false).created.count == 4)
        var feed: [UInt8] = []
        try Cal.export.feed(name: "semua", meetings: try await store.meetings(MeetingFilter())) { feed += $0 }
        let again = try await store.importEvents(try importer.events(from: Data(feed), source: "feed.ics"), dryRun: false, strict: false)
        #expect(again.created.isEmpty && again.unchanged == 4 && again.skipped.isEmpty)
    }
}
