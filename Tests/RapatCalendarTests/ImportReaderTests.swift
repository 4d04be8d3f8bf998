import Foundation
@testable import RapatCalendar
import RapatCore
import RapatStore
import Testing

/// Importing a chunk at a time: the same events as reading whole files, in any order a client writes them.
@Suite struct ImportReaderTests {
    func file(_ name: String, _ data: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    func read(_ paths: [String], batch: Int = 1, chunk: Int = 7) throws -> [ImportedEvent] {
        let reader = ICalImportReader(importer: ICalImport(people: Cal.people), files: paths)
        reader.batchSize = batch
        reader.chunkBytes = chunk
        var all: [ImportedEvent] = []
        while let events = try reader.next() {
            #expect(events.count >= 1)
            all += events
        }
        #expect(reader.eventsRead == all.count)
        return all
    }

    func shape(_ events: [ImportedEvent]) -> [String] {
        events.map { e in "\(e.uid) \(e.sequence) \(e.cancelled) " + e.meetings.map { "\($0.title)@\($0.start.timeIntervalSince1970)" }.joined(separator: ",") }.sorted()
    }

    @Test(arguments: ["outlook.ics", "google.ics", "thunderbird.ics", "apple.ics"])
    func sevenByteChunksGiveTheSameEventsAsTheWholeFile(name: String) throws {
        let data = try Cal.fixture(name)
        let whole = try ICalImport(people: Cal.people).events(from: data, source: name)
        let chunked = try read([try file(name, data)])
        #expect(shape(chunked) == shape(whole) && !whole.isEmpty)
    }

    @Test func anOverrideBeforeItsMasterAndAVTimezoneAfterItsEventAreStillUnderstood() throws {
        let google = String(decoding: try Cal.fixture("google.ics"), as: UTF8.self)
        let parts = google.components(separatedBy: "BEGIN:VEVENT")
        #expect(parts.count == 3)
        let master = "BEGIN:VEVENT" + parts[1], override = "BEGIN:VEVENT" + parts[2].replacingOccurrences(of: "END:VCALENDAR", with: "")
        let plain = """
            BEGIN:VEVENT
            UID:plain-1
            DTSTART;TZID=Custom WIB:20201217T090000
            DTEND;TZID=Custom WIB:20201217T100000
            ORGANIZER:mailto:kadis@dinkes.bantenprov.go.id
            SUMMARY:Rapat tambahan
            END:VEVENT
            BEGIN:VTIMEZONE
            TZID:Custom WIB
            BEGIN:STANDARD
            DTSTART:19700101T000000
            TZOFFSETFROM:+0700
            TZOFFSETTO:+0700
            END:STANDARD
            END:VTIMEZONE

            """
        let reordered = parts[0] + override + plain + master + "END:VCALENDAR\n"
        let events = try read([try file("reordered.ics", Data(reordered.utf8))], batch: 1, chunk: 64)
        #expect(events.count == 2)
        let series = try #require(events.first { $0.series != nil })
        #expect(series.meetings.count == 3)
        let moved = try #require(series.meetings.first { $0.occurrenceStart == Cal.at("2020-12-30 09:00") })
        #expect(moved.title == "Rapat Mingguan Satgas COVID-19 (diundur)" && moved.start == Cal.at("2020-12-30 10:00"))
        let single = try #require(events.first { $0.uid == "plain-1" })
        #expect(single.meetings[0].start == Cal.at("2020-12-17 09:00") && single.meetings[0].zone.identifier == "Asia/Jakarta")
    }

    @Test func anUnreadableFileAndABrokenOneAreNamed() throws {
        #expect { try read(["/nonexistent/rapat.ics"]) } throws: { "\($0)".hasPrefix("/nonexistent/rapat.ics: the file cannot be read") }
        let broken = try file("broken.ics", Data("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\n".utf8))
        #expect { try read([broken]) } throws: { "\($0)".hasSuffix("broken.ics:3: END:VEVENT is missing (BEGIN:VEVENT at line 2)") }
    }

    @Test func aRefusalInALaterBatchKeepsNothingOfTheEarlierOnes() async throws {
        let store = try await ArchiveImportTests().store()
        let outlook = try Cal.fixture("outlook.ics")
        let clash = String(decoding: outlook, as: UTF8.self).replacingOccurrences(of: "010000000F1E2D3C4B5A69788", with: "0100000000000000000000000")
        let paths = [try file("outlook.ics", outlook), try file("thunderbird.ics", try Cal.fixture("thunderbird.ics")),
                     try file("clash.ics", Data(clash.utf8))]
        let reader = ICalImportReader(importer: ICalImport(people: Cal.people), files: paths)
        reader.batchSize = 1
        await #expect { try await store.importEvents(reader.batches(), dryRun: false, strict: true) } throws: { "\($0)".contains("clash.ics:14:") }
        #expect(reader.eventsRead == 3)
        #expect(try await store.meetings(MeetingFilter()).isEmpty)
        // The same files without the clash import in full, batch after batch.
        let good = ICalImportReader(importer: ICalImport(people: Cal.people), files: Array(paths.prefix(2)))
        good.batchSize = 1
        let summary = try await store.importEvents(good.batches(), dryRun: false, strict: true)
        #expect(summary.created.count == 2 && good.eventsRead == 2)
    }
}
