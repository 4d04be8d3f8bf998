import Foundation
import RapatCore
@testable import RapatStore
@testable import RapatSQLite
import RapatPostgres
import Testing

/// A store backend the conformance suite runs against. Each test gets a fresh, empty archive.
struct Backend: CustomTestStringConvertible, Sendable {
    let name: String
    /// Two independent handles on one new, empty archive (two processes, or two `rapat serve` instances).
    let pair: @Sendable () async throws -> (any MeetingStore, any MeetingStore)

    func make() async throws -> any MeetingStore { try await pair().0 }

    var testDescription: String { name }

    static let sqlite = Backend(name: "sqlite") {
        let path = try TempDir.make().appendingPathComponent("rapat.db").path
        return (try SQLiteStore(path: path), try SQLiteStore(path: path))
    }

    /// A fresh database per test on the server named by `RAPAT_TEST_POSTGRES_URL` (e.g.
    /// postgres://postgres@127.0.0.1:55432/postgres, as .ci/run starts it).
    static let postgres = Backend(name: "postgres") {
        guard let admin = ProcessInfo.processInfo.environment["RAPAT_TEST_POSTGRES_URL"], var url = URLComponents(string: admin) else {
            throw StoreError.unsupportedURL("RAPAT_TEST_POSTGRES_URL is not set")
        }
        let name = "rapat_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresAdmin.createDatabase(name, adminURL: admin)
        url.path = "/" + name
        return (try await PostgresStore(url: url.string!), try await PostgresStore(url: url.string!))
    }

    /// Every backend available here: SQLite always, PostgreSQL when a test server is given.
    static let all: [Backend] = ProcessInfo.processInfo.environment["RAPAT_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
}

/// Creates test databases with psql (the client ships with the server the tests run against).
enum PostgresAdmin {
    static func createDatabase(_ name: String, adminURL: String) throws {
        try run(adminURL, "CREATE DATABASE \(name)")
    }

    /// Runs SQL with psql against `url`, stopping at the first error.
    static func run(_ url: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]
        p.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw StoreError.cannotOpen(url, String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
    }
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
    static let governor = try! PersonID("197002051995021001")
    static let kadinkes = try! PersonID("197108021999062011")
    static let kabpkad = try! PersonID("196501101988111008")
    static let kabpbd = try! PersonID("197512052003021012")

    static let people = [
        try! Person(id: governor, name: "Gubernur Banten", jabatan: "Gubernur", opd: "Setda", email: "gubernur@bantenprov.example.go.id"),
        try! Person(id: kadinkes, name: "dr. Ratna Dewi", jabatan: "Kepala Dinas Kesehatan", opd: "Dinkes"),
        try! Person(id: kabpkad, name: "Dr. Rudi Hartono", jabatan: "Kepala BPKAD", opd: "BPKAD"),
        try! Person(id: kabpbd, name: "Joko Prasetyo", jabatan: "Kepala Pelaksana BPBD", opd: "BPBD"),
    ]

    /// The approving office's key the tests seal with; `store` registers its public half.
    static let signer = SealSigner()
    static var signingKey: SigningKey { try! SigningKey(publicKeyPEM: signer.publicKeyPEM, office: "Setda Banten", registeredAt: Date()) }

    static func store(_ backend: Backend) async throws -> any MeetingStore {
        let store = try await backend.make()
        for p in people { try await store.addPerson(p) }
        try await store.registerSigningKey(signingKey)
        return store
    }

    static func at(_ text: String) -> Date { try! TimeInput.parse(text, zone: Zone.jakarta) }

    static func plan(_ start: String, minutes: Int = 120, chair: PersonID = governor, participants: [PersonID] = [kadinkes, kabpkad],
                     title: String = "Rapat Pimpinan") -> Meeting {
        let s = at(start)
        return try! Meeting(id: MeetingID(year: 0, serial: 0), title: title, chair: chair, participants: participants,
                            start: s, end: s.addingTimeInterval(TimeInterval(minutes * 60)), virtualLink: "https://vicon.example.go.id/rapim",
                            agenda: [try! AgendaItem(key: 1, title: "Evaluasi penyerapan anggaran", presenterNIP: kabpkad, boxMinutes: 60),
                                     try! AgendaItem(key: 2, title: "Penanganan COVID-19", presenter: "Dinkes", boxMinutes: 30)])
    }
}
