import Foundation
import Testing
@testable import RapatCore

/// A hand-computed fixture: two held meetings, one cancelled, one still ahead.
@Suite struct PunctualityReportTests {
    static func fixture() throws -> [Meeting] {
        var a = Fx.meeting(id: 1)
        try a.checkIn(Fx.governor, as: .hadir, at: Fx.at("2020-12-16 08:55"))
        try a.start(at: Fx.at("2020-12-16 09:04"), reason: "menunggu Gubernur", policy: .standard)
        try a.checkIn(Fx.kadinkes, as: .daring, at: Fx.at("2020-12-16 09:10"))
        try a.checkIn(Fx.kabpkad, as: .izin, at: Fx.at("2020-12-16 09:10"))
        try a.nextItem(at: Fx.at("2020-12-16 09:05"))
        try a.nextItem(at: Fx.at("2020-12-16 10:10"))  // 65 min in 60: +5
        try a.nextItem(at: Fx.at("2020-12-16 10:45"))  // 35 min in 30: +5
        try a.endMeeting(at: Fx.at("2020-12-16 10:50"))

        var b = Fx.meeting(id: 2, start: "2020-12-17 13:00", participants: [Fx.kadinkes, Fx.kabpbd])
        try b.checkIn(Fx.kadinkes, as: .hadir, at: Fx.at("2020-12-17 12:58"))
        try b.start(at: Fx.at("2020-12-17 13:00"), reason: nil, policy: .standard)
        try b.checkIn(Fx.governor, as: .hadir, at: Fx.at("2020-12-17 13:02"))
        try b.checkIn(Fx.kabpbd, as: .diwakili, at: Fx.at("2020-12-17 13:00"), representative: "Sekretaris BPBD")
        try b.nextItem(at: Fx.at("2020-12-17 13:00"))
        try b.endMeeting(at: Fx.at("2020-12-17 13:50"))  // item 1 closed at 50 min, item 2 never reached

        var c = Fx.meeting(id: 3, start: "2020-12-18 09:00")
        try c.cancel(reason: "bentrok dengan kunjungan kerja")
        let d = Fx.meeting(id: 4, start: "2020-12-21 09:00")
        return [b, a, c, d]
    }

    func report(grace: Int) throws -> PunctualityReport {
        PunctualityReport(meetings: try Self.fixture(), people: Fx.people, from: Fx.at("2020-12-01 00:00"), to: Fx.at("2021-01-01 00:00"),
                          policy: OnTimePolicy(graceMinutes: grace, earlyStartLimitMinutes: 10))
    }

    @Test func perMeetingDelaysAndOverruns() throws {
        let r = try report(grace: 0)
        #expect(r.meetings.map(\.id.serial) == [1, 2])
        let a = r.meetings[0], b = r.meetings[1]
        #expect((a.startDelayMinutes, a.lateStart, a.overrunItems, a.totalOverrunMinutes, a.invited, a.present) == (4, true, 2, 10, 3, 2))
        #expect(a.lateStartReason == "menunggu Gubernur" && a.endOverrunMinutes == 0)
        #expect((b.startDelayMinutes, b.lateStart, b.overrunItems, b.totalOverrunMinutes, b.invited, b.present) == (0, false, 0, 0, 3, 3))
    }

    @Test func perPersonArrivalsAndAbsences() throws {
        let r = try report(grace: 0)
        let byNIP = Dictionary(uniqueKeysWithValues: r.people.map { ($0.nip, $0.tally) })
        let gov = try #require(byNIP[Fx.governor])
        #expect((gov.invitations, gov.arrivals, gov.onTimeArrivals, gov.lateArrivals, gov.totalLateMinutes) == (2, 2, 1, 1, 2))
        #expect(gov.onTimeRate == 0.5 && gov.averageLateMinutes == 2)
        let dinkes = try #require(byNIP[Fx.kadinkes])
        #expect((dinkes.arrivals, dinkes.onTimeArrivals, dinkes.totalLateMinutes) == (2, 1, 6))
        let bpkad = try #require(byNIP[Fx.kabpkad])
        #expect((bpkad.invitations, bpkad.arrivals, bpkad.absences, bpkad.count(.izin)) == (1, 0, 1, 1))
        #expect(bpkad.onTimeRate == nil)
        let bpbd = try #require(byNIP[Fx.kabpbd])
        #expect((bpbd.arrivals, bpbd.count(.diwakili), bpbd.onTimeRate) == (1, 1, 1.0))
    }

    @Test func perOPDSumsItsPeople() throws {
        let r = try report(grace: 0)
        #expect(r.opds.map(\.opd) == ["BPBD", "BPKAD", "Dinkes", "Setda"])
        let setda = try #require(r.opds.first { $0.opd == "Setda" })
        #expect(setda.people == 1 && setda.tally.invitations == 2 && setda.tally.onTimeArrivals == 1)
    }

    @Test func graceChangesWhatCountsAsOnTime() throws {
        let r = try report(grace: 5)
        #expect(r.meetings[0].lateStart == false)
        #expect(r.people.first { $0.nip == Fx.governor }?.tally.onTimeRate == 1.0)
        #expect(r.people.first { $0.nip == Fx.kadinkes }?.tally.onTimeRate == 0.5)
    }

    @Test func endingAfterTheScheduledEndIsReported() throws {
        var m = Fx.meeting()
        try m.start(at: Fx.at("2020-12-16 09:00"), reason: nil, policy: .standard)
        try m.endMeeting(at: Fx.at("2020-12-16 11:04:59"))
        let r = PunctualityReport(meetings: [m], people: Fx.people, from: Fx.at("2020-12-16 00:00"), to: Fx.at("2020-12-17 00:00"), policy: .standard)
        #expect(r.meetings[0].endOverrunMinutes == 4)
    }

    @Test func meetingsOutsideThePeriodAreLeftOut() throws {
        let r = PunctualityReport(meetings: try Self.fixture(), people: Fx.people, from: Fx.at("2020-12-17 00:00"),
                                  to: Fx.at("2020-12-18 00:00"), policy: .standard)
        #expect(r.meetings.map(\.id.serial) == [2])
    }
}
