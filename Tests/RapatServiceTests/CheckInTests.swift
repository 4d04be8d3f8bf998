import Foundation
import RapatCore
import RapatSQLite
@testable import RapatService
import RapatStore
import Testing

/// A participant checks in once, as themselves, at the server's clock; the secretariat changes a record with a reason.
@Suite struct CheckInTests {
    static let kadinkes = try! PersonID("197108021999062011")

    /// A meeting starting now (the archive open every day and hour, so the test runs whenever it runs).
    static func running() async throws -> (Services, Services, MeetingID) {
        let s = try await TextRulesTests.services()
        try await s.administration.set("working-days", "mon,tue,wed,thu,fri,sat,sun")
        try await s.administration.set("working-hours", "00:00-23:59")
        try await s.planning.register(try Person(id: kadinkes, name: "dr. Ratna Dewi", jabatan: "Kadinkes", opd: "Dinkes"))
        let now = Date()
        // Starting this minute, unless the hour would cross midnight WIB (a meeting may not): then the last hour of
        // the day, started late with the reason below, and checked in at most 12 hours after its end, as allowed.
        let lastHour = CivilDate(now, in: Zone.jakarta).at(hour: 22, minute: 59, in: Zone.jakarta)
        let start = min(now.addingTimeInterval(-now.timeIntervalSince1970.truncatingRemainder(dividingBy: 60)), lastHour)
        let stamp = ISO8601DateFormatter().string(from: start)
        let m = try await s.planning.plan(PlanRequest(title: "Rapat", chair: TextRulesTests.governor, participants: [kadinkes.key], start: stamp, minutes: 60))[0]
        // A reason in case the machine is slow and the start falls after the grace (it is ignored when on time).
        _ = try await s.room.start(m.id, at: nil, reason: "uji pada mesin yang sibuk")
        return (s, Services(store: s.store, principal: Principal(role: .participant, person: kadinkes)), m.id)
    }

    @Test func aParticipantChecksInOnceAtTheServersClock() async throws {
        let (secretariat, participant, id) = try await Self.running()
        await #expect(throws: InputError.self) { try await participant.room.checkIn(id, Self.kadinkes, as: .hadir, at: "2099-01-01 06:00", representative: nil, note: nil) }
        await #expect(throws: InputError.self) { try await participant.room.checkIn(id, Self.kadinkes, as: .izin, at: nil, representative: nil, note: nil) }
        let (_, first) = try await participant.room.checkIn(id, Self.kadinkes, as: .daring, at: nil, representative: nil, note: nil)
        #expect(first.category == .daring && abs(first.checkedInAt!.timeIntervalSinceNow) < 120)
        await #expect { try await participant.room.checkIn(id, Self.kadinkes, as: .hadir, at: nil, representative: nil, note: nil) } throws: {
            ($0 as? OnTimeError) == .attendanceAlreadyRecorded(Self.kadinkes, id, .daring)
        }
        await #expect { try await secretariat.room.checkIn(id, Self.kadinkes, as: .tanpaKeterangan, at: nil, representative: nil, note: nil) } throws: {
            ($0 as? OnTimeError) == .attendanceChangeNeedsReason(Self.kadinkes, id, .daring)
        }
        let (_, changed) = try await secretariat.room.checkIn(id, Self.kadinkes, as: .tanpaKeterangan, at: nil, representative: nil,
                                                                note: "tidak tampil di layar; salah catat")
        #expect(changed.category == .tanpaKeterangan)
        // What the change replaced is kept, with when and by whom, and survives a reload.
        let history = try #require(try await secretariat.store.meeting(id).attendance.first { $0.nip == Self.kadinkes }?.history)
        #expect(history.count == 1 && history[0].category == .daring && history[0].checkedInAt == first.checkedInAt
                && history[0].replacedBy == "secretariat" && abs(history[0].replacedAt.timeIntervalSinceNow) < 120)
        await #expect(throws: AccessDenied.self) { try await participant.room.checkIn(id, try PersonID(TextRulesTests.governor), as: .hadir, at: nil, representative: nil, note: nil) }
    }

    @Test func aCheckInLongAfterTheMeetingIsATypingError() async throws {
        let (secretariat, _, id) = try await Self.running()
        await #expect { try await secretariat.room.checkIn(id, Self.kadinkes, as: .hadir, at: "2099-01-01 06:00", representative: nil, note: nil) } throws: {
            if case .checkInAfterMeeting? = $0 as? OnTimeError { return true } else { return false }
        }
    }
}
