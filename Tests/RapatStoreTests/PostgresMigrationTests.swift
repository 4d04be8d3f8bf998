import Foundation
import RapatCore
@testable import RapatPostgres
import RapatStore
import Testing

/// A PostgreSQL archive left by an earlier version (schema v1-core only) opens, migrates and keeps working.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RAPAT_TEST_POSTGRES_URL"] != nil))
struct PostgresMigrationTests {
    @Test func anArchiveOfSchemaV1MigratesAndListsItsActionItems() async throws {
        let admin = try #require(ProcessInfo.processInfo.environment["RAPAT_TEST_POSTGRES_URL"])
        var url = try #require(URLComponents(string: admin))
        let name = "rapat_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresAdmin.createDatabase(name, adminURL: admin)
        url.path = "/" + name
        _ = try await PostgresStore(url: url.string!, migratingUpTo: "v1-core")
        // A held meeting with an action item, written as schema v1 stored it: the row without has_actions.
        var m = Seed.plan("2020-12-16 09:00", participants: [])
        m.id = try MeetingID("RP-2020-0001")
        m.status = .ended
        m.minutes.actions = [ActionItem(number: 1, itemKey: 1, text: "Rekap penyerapan", owner: .opd("BPKAD"), due: try CivilDate("2020-12-23"), status: .open)]
        let doc = String(decoding: try PostgresStore.encoder.encode(m), as: UTF8.self).replacingOccurrences(of: "'", with: "''")
        try PostgresAdmin.run(url.string!, """
            INSERT INTO person VALUES ('\(Seed.governor.key)', 'Gubernur Banten', 'Gubernur', 'Setda', NULL);
            INSERT INTO meeting VALUES ('RP-2020-0001', 2020, 1, '2020-12-16T02:00:00Z', 'ended', NULL, NULL, NULL, false, '\(doc)');
            """)
        let store = try await PostgresStore(url: url.string!)
        let actions = try await store.actions(ActionFilter(today: try CivilDate("2021-01-04")))
        #expect(actions.map(\.id.description) == ["RP-2020-0001/1"] && actions[0].ownerOPD == "BPKAD")
        #expect(try await store.actions(ActionFilter(status: .overdue, today: try CivilDate("2021-01-04"))).count == 1)
        #expect(try await store.meeting(try MeetingID("RP-2020-0001")).minutes.actions.count == 1)
    }
}

extension PostgresMigrationTests {
    @Test func anUndecodableDocumentIsSkippedByListingsAndNamedByVerify() async throws {
        let admin = try #require(ProcessInfo.processInfo.environment["RAPAT_TEST_POSTGRES_URL"])
        var url = try #require(URLComponents(string: admin))
        let name = "rapat_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresAdmin.createDatabase(name, adminURL: admin)
        url.path = "/" + name
        let store = try await PostgresStore(url: url.string!)
        for p in Seed.people { try await store.addPerson(p) }
        let bad = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        let good = try await store.createMeeting(Seed.plan("2020-12-18 09:00"))
        try PostgresAdmin.run(url.string!, "UPDATE meeting SET doc = '{\"broken\": true}' WHERE id = '\(bad.id)'")
        #expect(try await store.meetings(MeetingFilter()).map(\.id) == [good.id])
        #expect(try await store.exportBundle().meetings.map(\.meeting.id) == [good.id])
        let problems = try await store.verify(from: nil, to: nil)
        #expect(problems.map(\.meetingID) == [bad.id] && problems[0].problem.contains("cannot be read"))
    }
}

@Suite struct PostgresOpeningTests {
    /// The password of a PostgreSQL URL never appears in a message.
    @Test func aPasswordIsNeverShown() async throws {
        await #expect { _ = try await PostgresStore(url: "postgres://rapat:sangat-rahasia@/rapat") } throws: { error in
            let text = "\(error)"
            return text.contains("***") && !text.contains("sangat-rahasia")
        }
        #expect(StoreLocation.redacted("postgres://u:p%40ss@db:5432/x") == "postgres://u:***@db:5432/x")
        #expect(try StoreLocation.parse("postgres://u:pw@db/x").description == "postgres://u:***@db/x")
    }

    /// A server that is not there is said at once (one probe connection, not the pool's minute of retries), with what to
    /// check; a wrong user or database too. The password is still never shown.
    @Test func aDeadOrWrongServerIsNamedWithWhatToCheck() async throws {
        let port = try Self.closedPort()
        await #expect(throws: StoreError.unreachable("postgres://rapat:***@127.0.0.1:\(port)/rapat", "127.0.0.1:\(port)", seconds: 5)) {
            _ = try await PostgresStore(url: "postgres://rapat:rahasia@127.0.0.1:\(port)/rapat")
        }
        guard let url = ProcessInfo.processInfo.environment["RAPAT_TEST_POSTGRES_URL"], var parts = URLComponents(string: url) else { return }
        parts.path = "/tidak_ada_\(UInt32.random(in: 0...UInt32.max))"
        let missing = parts.path.dropFirst()
        await #expect { _ = try await PostgresStore(url: parts.string!) } throws: { error in
            guard case let .noDatabase(_, name)? = error as? StoreError else { return false }
            return name == missing
        }
    }

    /// A loopback port nobody listens on: bound, then closed.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
