import Foundation
@testable import RapatCalendar
import RapatCore
import RapatStore
import Testing

enum Cal {
    static let governor = try! PersonID("197002051995021001")
    static let kadinkes = try! PersonID("197108021999062011")
    static let kabpkad = try! PersonID("196501101988111008")
    static let kabpbd = try! PersonID("197512052003021012")
    static let people: [PersonID: Person] = [
        governor: try! Person(id: governor, name: "Gubernur Banten", jabatan: "Gubernur", opd: "Setda", email: "gubernur@bantenprov.go.id"),
        kadinkes: try! Person(id: kadinkes, name: "dr. Ratna Dewi", jabatan: "Kepala Dinas Kesehatan", opd: "Dinkes", email: "kadis@dinkes.bantenprov.go.id"),
        kabpkad: try! Person(id: kabpkad, name: "Dr. Rudi Hartono, S.E.", jabatan: "Kepala BPKAD", opd: "BPKAD", email: "kaban@bpkad.bantenprov.go.id"),
        kabpbd: try! Person(id: kabpbd, name: "Joko Prasetyo", jabatan: "Kepala Pelaksana BPBD", opd: "BPBD", email: "kalak@bpbd.bantenprov.go.id"),
    ]
    static let stamp = Date(timeIntervalSince1970: 1_607_040_000)  // 2020-12-04T00:00:00Z
    static let export = ICalExport(options: CalendarOptions(organizerName: "Biro Umum Setda", organizerEmail: "rapim@bantenprov.go.id",
                                                           people: people, stamp: stamp), archiveID: "a1b2c3d4e5f6")

    static func at(_ text: String, _ zone: TimeZone = Zone.jakarta) -> Date { try! TimeInput.parse(text, zone: zone) }

    static func meeting(_ serial: Int = 12, start: String = "2020-12-16 09:00", zone: TimeZone = Zone.jakarta, title: String = "Rapat Pimpinan Desember 2020",
                        link: String? = "https://vicon.bantenprov.go.id/rapim", location: String? = nil) -> Meeting {
        let s = at(start, zone)
        return try! Meeting(id: MeetingID(year: 2020, serial: serial), title: title, chair: governor, notulis: kabpbd,
                            participants: [kadinkes, kabpkad], start: s, end: s.addingTimeInterval(7200), timeZone: zone,
                            virtualLink: link, location: location,
                            agenda: [try! AgendaItem(key: 1, title: "Evaluasi penyerapan anggaran", presenterNIP: kabpkad, boxMinutes: 60),
                                     try! AgendaItem(key: 2, title: "Penanganan COVID-19; vaksinasi, tempat tidur", presenter: "Kepala Dinkes", boxMinutes: 30)])
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)"))
    }

    static func parse(_ bytes: [UInt8]) throws -> (calendar: [ContentLine], components: [ICalComponent]) {
        try ICalParser.parse(Data(bytes), source: "test.ics")
    }

    static func events(_ bytes: [UInt8]) throws -> [ICalComponent] {
        try parse(bytes).components.filter { $0.name == "VEVENT" }
    }
}

/// Byte-level rules that no peer library checks: Rapat lints its own output.
enum Lint {
    static func check(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        // CRLF only.
        for (i, b) in bytes.enumerated() where b == 0x0A {
            #expect(i > 0 && bytes[i - 1] == 0x0D, "bare LF at byte \(i)", sourceLocation: sourceLocation)
        }
        #expect(bytes.suffix(2) == [0x0D, 0x0A], sourceLocation: sourceLocation)
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for b in bytes {
            if b == 0x0A { lines.append(Array(current.dropLast())); current = [] } else { current.append(b) }
        }
        for (n, line) in lines.enumerated() {
            #expect(line.count <= 75, "line \(n + 1) has \(line.count) octets", sourceLocation: sourceLocation)
            #expect(String(validating: line, as: UTF8.self) != nil, "line \(n + 1) splits a UTF-8 sequence", sourceLocation: sourceLocation)
        }
        let (_, components) = try Cal.parse(bytes)
        let zones = Set(components.filter { $0.name == "VTIMEZONE" }.compactMap { $0.first("TZID")?.value })
        for event in components where event.name == "VEVENT" {
            #expect(event.first("UID") != nil && event.first("DTSTAMP") != nil, sourceLocation: sourceLocation)
            let startTZ = event.first("DTSTART")?.parameter("TZID")
            for p in event.properties {
                if let tz = p.parameter("TZID") { #expect(zones.contains(tz), "TZID \(tz) has no VTIMEZONE", sourceLocation: sourceLocation) }
                if p.name == "EXDATE" || p.name == "RECURRENCE-ID" {
                    #expect(p.parameter("TZID") == startTZ && p.value.count == event.first("DTSTART")!.value.count,
                            "\(p.name) must take DTSTART's form", sourceLocation: sourceLocation)
                }
                if p.name == "RRULE", let until = p.value.split(separator: ";").first(where: { $0.hasPrefix("UNTIL=") }), startTZ != nil {
                    #expect(until.hasSuffix("Z"), "UNTIL must be UTC when DTSTART has a TZID", sourceLocation: sourceLocation)
                }
            }
            for alarm in event.components where alarm.name == "VALARM" {
                #expect(alarm.first("ACTION") != nil && alarm.first("TRIGGER") != nil && alarm.first("DESCRIPTION") != nil, sourceLocation: sourceLocation)
            }
        }
    }
}
