import Foundation
import RapatCore
@testable import RapatStore
import Testing

/// A store backend the conformance suite runs against. Each test gets a fresh, empty archive.
struct Backend: CustomTestStringConvertible, Sendable {
    let name: String
    let make: @Sendable () throws -> any MeetingStore

    var testDescription: String { name }

    static let sqlite = Backend(name: "sqlite") {
        try SQLiteStore(path: TempDir.make().appendingPathComponent("rapat.db").path)
    }

    /// Every backend available here; PostgreSQL joins when its issue lands.
    static let all: [Backend] = [.sqlite]
}

enum TempDir {
    static func make() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// People and plans shared by the store tests.
enum Seed {
    static let governor = try! NIP("197002051995021001")
    static let kadinkes = try! NIP("197108021999062011")
    static let kabpkad = try! NIP("196501101988111008")
    static let kabpbd = try! NIP("197512052003021012")

    static let people = [
        try! Person(nip: governor, name: "Gubernur Banten", jabatan: "Gubernur", opd: "Setda", email: "gubernur@bantenprov.example.go.id"),
        try! Person(nip: kadinkes, name: "dr. Ratna Dewi", jabatan: "Kepala Dinas Kesehatan", opd: "Dinkes"),
        try! Person(nip: kabpkad, name: "Dr. Rudi Hartono", jabatan: "Kepala BPKAD", opd: "BPKAD"),
        try! Person(nip: kabpbd, name: "Joko Prasetyo", jabatan: "Kepala Pelaksana BPBD", opd: "BPBD"),
    ]

    static func store(_ backend: Backend) async throws -> any MeetingStore {
        let store = try backend.make()
        for p in people { try await store.addPerson(p) }
        return store
    }

    static func at(_ text: String) -> Date { try! TimeInput.parse(text, zone: Zone.jakarta) }

    static func plan(_ start: String, minutes: Int = 120, chair: NIP = governor, participants: [NIP] = [kadinkes, kabpkad],
                     title: String = "Rapat Pimpinan") -> Meeting {
        let s = at(start)
        return try! Meeting(id: MeetingID(year: 0, serial: 0), title: title, chair: chair, participants: participants,
                            start: s, end: s.addingTimeInterval(TimeInterval(minutes * 60)), virtualLink: "https://vicon.example.go.id/rapim",
                            agenda: [try! AgendaItem(key: 1, title: "Evaluasi penyerapan anggaran", presenterNIP: kabpkad, boxMinutes: 60),
                                     try! AgendaItem(key: 2, title: "Penanganan COVID-19", presenter: "Dinkes", boxMinutes: 30)])
    }
}
