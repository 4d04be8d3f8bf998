import Foundation
@testable import RapatCalendar
import RapatCore
import Testing

@Suite struct WriterTests {
    @Test func a200ByteIndonesianLineFoldsAt75OctetsWithoutSplittingCharacters() throws {
        // Multibyte characters placed so that naive 75-byte cuts would land inside them.
        let text = String(repeating: "é", count: 37) + "“Penyerapan anggaran” " + String(repeating: "🗓️", count: 12) + " — selesai ✅ tepat waktu"
        #expect(text.utf8.count > 200)
        var w = ICalWriter()
        w.text("SUMMARY", [], text)
        try Lint.check(Array("BEGIN:VCALENDAR\r\n".utf8) + w.bytes + Array("END:VCALENDAR\r\n".utf8))
        // Checked on bytes: a fold may fall between two scalars of one grapheme (🗓 + U+FE0F), which is allowed.
        let physical = w.bytes.split(separator: 0x0A).map { Array($0) }
        #expect(physical.count >= 3 && physical.dropFirst().allSatisfy { $0.first == 0x20 })
        var parser = ICalParser(source: "fold")
        var properties: [ContentLine] = []
        try parser.feed(Data(Array("BEGIN:VCALENDAR\r\n".utf8) + w.bytes + Array("END:VCALENDAR\r\n".utf8))) { _ in }
        try parser.finish { _ in }
        properties = parser.calendarProperties
        #expect(properties.first?.text == text)
    }

    @Test func textEscapingRoundTrips() throws {
        let text = "Catatan: a\\b; c, d\nbaris kedua\r\nbaris ketiga"
        #expect(ICalWriter.escapeText(text) == "Catatan: a\\\\b\\; c\\, d\\nbaris kedua\\nbaris ketiga")
        #expect(ContentLine.unescape(ICalWriter.escapeText(text)) == "Catatan: a\\b; c, d\nbaris kedua\nbaris ketiga")
    }

    @Test func parameterValuesAreQuotedWhenTheyHoldSpecialCharacters() {
        var w = ICalWriter()
        w.raw("ATTENDEE", [.init("CN", "Dr. Rudi, S.E."), .init("ROLE", "CHAIR"), .init("X-N", "a:b;c\"d")], "mailto:a@b.id")
        #expect(String(decoding: w.bytes, as: UTF8.self) == "ATTENDEE;CN=\"Dr. Rudi, S.E.\";ROLE=CHAIR;X-N=\"a:b;c'd\":mailto:a@b.id\r\n")
    }

    @Test func timesAndDurations() {
        let t = Cal.at("2020-12-16 09:00")
        #expect(ICalTime.utc(t) == "20201216T020000Z")
        #expect(ICalTime.format(t, offset: 7 * 3600) == "20201216T090000")
        #expect(ICalTime.format(Date(timeIntervalSince1970: -1), offset: 0) == "19691231T235959")
        #expect(ICalTime.duration(seconds: -15 * 60) == "-PT15M" && ICalTime.duration(seconds: 5400) == "PT1H30M")
        #expect(ICalTime.offset(8 * 3600) == "+0800" && ICalTime.offset(-(3 * 3600 + 1800)) == "-0330")
    }

    @Test(arguments: [("Asia/Jakarta", "+0700", "WIB"), ("Asia/Makassar", "+0800", "WITA"), ("Asia/Jayapura", "+0900", "WIT")])
    func indonesianZonesGetOneStandardObservance(_ id: String, _ offset: String, _ name: String) throws {
        var w = ICalWriter()
        let d = Cal.at("2020-12-16 09:00")
        VTimezone.write(TimeZone(identifier: id)!, covering: d...d.addingTimeInterval(3600), into: &w)
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text.contains("TZID:\(id)\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:\(offset)\r\nTZOFFSETTO:\(offset)\r\nTZNAME:\(name)\r\nEND:STANDARD"))
        #expect(!text.contains("DAYLIGHT"))
    }

    @Test func aZoneWithDaylightSavingGetsItsTransitionsFromTheTzDatabase() throws {
        var w = ICalWriter()
        let a = Cal.at("2021-03-01 09:00", TimeZone(identifier: "Europe/Amsterdam")!), b = Cal.at("2021-11-30 09:00", TimeZone(identifier: "Europe/Amsterdam")!)
        VTimezone.write(TimeZone(identifier: "Europe/Amsterdam")!, covering: a...b, into: &w)
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20210328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"))
        #expect(text.contains("BEGIN:STANDARD\r\nDTSTART:20211031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"))
    }
}

@Suite struct ExportTests {
    @Test func anInvitationCarriesEverythingClientsNeed() throws {
        let bytes = Cal.export.message(for: Cal.meeting())
        try Lint.check(bytes)
        let (calendar, _) = try Cal.parse(bytes)
        #expect(calendar.map(\.name) == ["VERSION", "PRODID", "CALSCALE", "METHOD"] && calendar.last?.value == "REQUEST")
        let e = try #require(try Cal.events(bytes).first)
        #expect(e.first("UID")?.text == "RP-2020-0012@a1b2c3d4e5f6.rapat")
        #expect(e.first("DTSTAMP")?.value == "20201204T000000Z" && e.first("SEQUENCE")?.value == "0")
        #expect(e.first("DTSTART")?.parameter("TZID") == "Asia/Jakarta" && e.first("DTSTART")?.value == "20201216T090000")
        #expect(e.first("DTEND")?.value == "20201216T110000")
        #expect(e.first("SUMMARY")?.text == "Rapat Pimpinan Desember 2020")
        let description = try #require(e.first("DESCRIPTION")?.text)
        #expect(description.contains("1. Evaluasi penyerapan anggaran — Dr. Rudi Hartono, S.E. (BPKAD), 60 menit"))
        #expect(description.contains("2. Penanganan COVID-19; vaksinasi, tempat tidur — Kepala Dinkes, 30 menit"))
        #expect(description.contains("Tautan rapat: https://vicon.bantenprov.go.id/rapim"))
        // A purely virtual meeting: the link is in LOCATION too, for clients that ignore CONFERENCE.
        #expect(e.first("LOCATION")?.text == "https://vicon.bantenprov.go.id/rapim")
        #expect(e.first("URL")?.value == "https://vicon.bantenprov.go.id/rapim")
        let conference = try #require(e.first("CONFERENCE"))
        #expect(conference.parameter("VALUE") == "URI" && conference.parameters.first { $0.name == "FEATURE" }?.values == ["VIDEO", "AUDIO"])
        #expect(e.first("ORGANIZER")?.value == "mailto:rapim@bantenprov.go.id" && e.first("ORGANIZER")?.parameter("CN") == "Biro Umum Setda")
        let attendees = e.all("ATTENDEE")
        #expect(attendees.count == 4)
        #expect(attendees.filter { $0.parameter("ROLE") == "CHAIR" }.map(\.value) == ["mailto:gubernur@bantenprov.go.id"])
        #expect(attendees.filter { $0.parameter("ROLE") == "REQ-PARTICIPANT" }.allSatisfy { $0.parameter("RSVP") == "TRUE" && $0.parameter("PARTSTAT") == "NEEDS-ACTION" })
        #expect(attendees.contains { $0.parameter("CN") == "Dr. Rudi Hartono, S.E." })
        #expect(e.first("STATUS")?.value == "CONFIRMED")
        let alarms = e.components.filter { $0.name == "VALARM" }
        #expect(alarms.map { $0.first("TRIGGER")?.value } == ["-PT15M", "-PT5M"])
        #expect(alarms.allSatisfy { $0.first("ACTION")?.value == "DISPLAY" })
    }

    @Test func aHybridMeetingKeepsTheRoomInLocationAndTheLinkElsewhere() throws {
        let e = try #require(try Cal.events(Cal.export.message(for: Cal.meeting(location: "Ruang Rapat Gubernur, Pendopo"))).first)
        #expect(e.first("LOCATION")?.text == "Ruang Rapat Gubernur, Pendopo")
        #expect(e.first("CONFERENCE")?.value == "https://vicon.bantenprov.go.id/rapim")
        #expect(e.first("DESCRIPTION")?.text.contains("https://vicon.bantenprov.go.id/rapim") == true)
    }

    @Test func anUpdateKeepsTheUIDWithAHigherSequenceAndACancellationRemovesTheEvent() throws {
        var m = Cal.meeting()
        let first = try #require(try Cal.events(Cal.export.message(for: m)).first)
        let old = m
        m.start = m.start.addingTimeInterval(1800)
        m.end = m.end.addingTimeInterval(1800)
        m.settleSequence(after: old)
        let update = try #require(try Cal.events(Cal.export.message(for: m)).first)
        #expect(update.first("UID")?.text == first.first("UID")?.text && update.first("SEQUENCE")?.value == "1")
        let moved = m
        try m.cancel(reason: "bentrok")
        m.settleSequence(after: moved)
        let bytes = Cal.export.message(for: m)
        try Lint.check(bytes)
        #expect(try Cal.parse(bytes).calendar.first { $0.name == "METHOD" }?.value == "CANCEL")
        let cancel = try #require(try Cal.events(bytes).first)
        #expect(cancel.first("UID")?.text == first.first("UID")?.text && cancel.first("SEQUENCE")?.value == "2" && cancel.first("STATUS")?.value == "CANCELLED")
        #expect(cancel.components.isEmpty)
    }

    @Test func indonesianTextQuotesAndEmojiRoundTrip() throws {
        let title = "Rapat “Percepatan” Penyerapan — café ☕️ 🇮🇩, tahap; II"
        let e = try #require(try Cal.events(Cal.export.message(for: Cal.meeting(title: title))).first)
        #expect(e.first("SUMMARY")?.text == title)
    }

    /// A series stored only to its horizon: the meetings not stored yet are still the rule's, not EXDATEs.
    @Test func aSeriesStoredToItsHorizonIsWrittenAsItsRuleAlone() throws {
        let series = Series(id: "SR-2020-002", title: "Mingguan", rule: try Recurrence(rule: "FREQ=WEEKLY;BYDAY=WE;COUNT=10"))
        let (planned, meetings) = try series.planned(from: Cal.meeting(start: "2020-10-21 09:00", title: "Mingguan"), through: Cal.at("2020-11-30 00:00"))
        #expect(meetings.count == 6 && planned.horizon != nil)
        var numbered = meetings
        for i in numbered.indices { numbered[i].id = MeetingID(year: 2020, serial: i + 1) }
        let bytes = Cal.export.message(series: planned, meetings: numbered)
        try Lint.check(bytes)
        let master = try #require(try Cal.events(bytes).first)
        #expect(master.first("RRULE")?.value == "FREQ=WEEKLY;BYDAY=WE;COUNT=10" && master.all("EXDATE").isEmpty && master.all("RDATE").isEmpty)
    }

    @Test func aSeriesCarriesRRuleExdateAndOverridesForMovedOccurrences() throws {
        let rule = try Recurrence(rule: "FREQ=MONTHLY;BYDAY=3WE;UNTIL=20201231", exceptions: [try CivilDate("2020-11-18")])
        let series = Series(id: "SR-2020-001", title: "Rapim", rule: rule)
        var meetings = try series.occurrences(of: Cal.meeting(start: "2020-10-21 09:00", title: "Rapim"))
        for i in meetings.indices { meetings[i].id = MeetingID(year: 2020, serial: i + 1) }
        // December moves to 13:00.
        meetings[1].start = Cal.at("2020-12-16 13:00")
        meetings[1].end = Cal.at("2020-12-16 15:00")
        let bytes = Cal.export.message(series: series, meetings: meetings)
        try Lint.check(bytes)
        let events = try Cal.events(bytes)
        #expect(events.count == 2)
        let master = events[0], override = events[1]
        #expect(master.first("UID")?.text == "SR-2020-001@a1b2c3d4e5f6.rapat" && override.first("UID")?.text == master.first("UID")?.text)
        #expect(master.first("RRULE")?.value == "FREQ=MONTHLY;BYDAY=3WE;UNTIL=20201231T020000Z")
        #expect(master.all("EXDATE").map(\.value) == ["20201118T090000"] && master.first("EXDATE")?.parameter("TZID") == "Asia/Jakarta")
        #expect(override.first("RECURRENCE-ID")?.value == "20201216T090000" && override.first("DTSTART")?.value == "20201216T130000")
        // Cancelling October adds it to EXDATE.
        meetings[0].status = .cancelled
        let cancelled = try #require(try Cal.events(Cal.export.message(series: series, meetings: meetings)).first)
        #expect(cancelled.all("EXDATE").map(\.value).sorted() == ["20201021T090000", "20201118T090000"])
    }

    @Test func aFeedHasNoMethodOneTimezoneBeforeItsEventsAndRefreshHints() throws {
        let meetings = [Cal.meeting(1), Cal.meeting(2, start: "2020-12-17 10:00", zone: TimeZone(identifier: "Asia/Makassar")!), Cal.meeting(3, start: "2020-12-18 09:00")]
        var bytes: [UInt8] = []
        Cal.export.feed(name: "Rapat — Dinkes", meetings: meetings) { bytes += $0 }
        try Lint.check(bytes)
        let (calendar, components) = try Cal.parse(bytes)
        #expect(!calendar.contains { $0.name == "METHOD" || $0.name == "UID" })
        #expect(calendar.first { $0.name == "X-WR-CALNAME" }?.text == "Rapat — Dinkes")
        #expect(calendar.first { $0.name == "REFRESH-INTERVAL" }?.parameter("VALUE") == "DURATION")
        #expect(calendar.first { $0.name == "X-PUBLISHED-TTL" }?.value == "PT1H")
        #expect(components.map(\.name) == ["VTIMEZONE", "VTIMEZONE", "VEVENT", "VEVENT", "VEVENT"])
        #expect(Set(components.compactMap { $0.first("TZID")?.value }) == ["Asia/Jakarta", "Asia/Makassar"])
    }
}

@Suite struct WriterInjectionTests {
    /// Even a value that slipped past validation never starts a line of its own.
    @Test func controlCharactersInURIAndCalAddressValuesAreNeverWritten() throws {
        var m = Cal.meeting()
        m.virtualLink = "https://vicon.example.go.id/rapim\r\nATTENDEE;ROLE=CHAIR:mailto:palsu@evil.example"
        var people = Cal.people
        var chair = people[m.chair]!
        chair.email = "gubernur@banten.go.id\r\nX-INJECTED:1"
        people[m.chair] = chair
        var options = Cal.export.options
        options.people = people
        let bytes = ICalExport(options: options, archiveID: "test").message(for: m)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("\r\nATTENDEE;ROLE=CHAIR:mailto:palsu") && !text.contains("\r\nX-INJECTED"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { !$0.contains("\r") && !$0.contains("\n") })
        #expect(lines.filter { $0.hasPrefix("ATTENDEE") && $0.contains("ROLE=CHAIR") }.count == 1)
    }
}
