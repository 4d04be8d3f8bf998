import Foundation
@testable import RapatCore

/// Small hand-made people and meetings shared by the core tests.
enum Fx {
    static let jakarta = Zone.jakarta
    static let governor = try! PersonID("197002051995021001")
    static let kadinkes = try! PersonID("197108021999062011")
    static let kabpkad = try! PersonID("196501101988111008")
    static let kabpbd = try! PersonID("197512052003021012")

    static let people: [PersonID: Person] = [
        governor: try! Person(id: governor, name: "Gubernur", jabatan: "Gubernur", opd: "Setda"),
        kadinkes: try! Person(id: kadinkes, name: "Kadinkes", jabatan: "Kepala Dinas Kesehatan", opd: "Dinkes"),
        kabpkad: try! Person(id: kabpkad, name: "Kaban BPKAD", jabatan: "Kepala BPKAD", opd: "BPKAD"),
        kabpbd: try! Person(id: kabpbd, name: "Kalak BPBD", jabatan: "Kepala Pelaksana BPBD", opd: "BPBD"),
    ]

    static func at(_ text: String, _ zone: TimeZone = jakarta) -> Date { try! TimeInput.parse(text, zone: zone) }

    /// Rabu, 16 Desember 2020 09.00–11.00 WIB with two agenda items (60 + 30 min).
    static func meeting(id serial: Int = 1, start: String = "2020-12-16 09:00", minutes: Int = 120,
                        participants: [PersonID] = [kadinkes, kabpkad]) -> Meeting {
        let s = at(start)
        return try! Meeting(id: MeetingID(year: 2020, serial: serial), title: "Rapat Pimpinan", chair: governor,
                            participants: participants, start: s, end: s.addingTimeInterval(TimeInterval(minutes * 60)),
                            agenda: [try! AgendaItem(key: 1, title: "Evaluasi penyerapan anggaran", presenterNIP: kabpkad, boxMinutes: 60),
                                     try! AgendaItem(key: 2, title: "Penanganan COVID-19", presenterNIP: kadinkes, boxMinutes: 30)])
    }

    static func slot(_ m: Meeting) -> BookedSlot {
        BookedSlot(meetingID: m.id, title: m.title, start: m.start, end: m.end, timeZone: m.timeZone, people: Set(m.everyone))
    }
}
