import Foundation
import RapatCore
import RapatStore
import Testing

/// A three-month series through the store: carry-over, follow-up of action items, indicators.
@Suite struct SeriesConformanceTests {
    /// October–December 2020, third Wednesday, 09:00–11:00, agenda 60 + 30 min.
    static func threeMonths(_ store: any MeetingStore) async throws -> [Meeting] {
        let series = Series(id: "", title: "Rapim", rule: try Recurrence(rule: "FREQ=MONTHLY;BYDAY=3WE;COUNT=3"))
        return try await store.createMeetings(try series.occurrences(of: Seed.plan("2020-10-21 09:00")), series: series)
    }

    static func hold(_ store: any MeetingStore, _ id: MeetingID, day: String, itemMinutes: [Int], approve: Bool,
                     minutes: @escaping @Sendable (inout Meeting) throws -> Void = { _ in }) async throws {
        try await store.updateMeeting(id, sealingWith: Seed.signer) { m, p in
            var clock = Seed.at("\(day) 09:00")
            try m.start(at: clock, reason: nil, policy: p.onTime)
            for length in itemMinutes {
                try m.nextItem(at: clock)
                clock = clock.addingTimeInterval(TimeInterval(length * 60))
            }
            try m.endMeeting(at: clock)
            try minutes(&m)
            if approve { try m.approveMinutes(by: Seed.governor, at: clock.addingTimeInterval(3600)) }
        }
    }

    @Test(arguments: Backend.all)
    func anOverrunItemIsCarriedAndAnOpenActionIsFlaggedOverdueTwoMonthsLater(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let months = try await Self.threeMonths(store)
        let seriesID = try #require(months[0].seriesID)
        // Month 1: the budget item runs 72 min in its 60 min box; an action for BPKAD is due 4 November.
        try await Self.hold(store, months[0].id, day: "2020-10-21", itemMinutes: [72, 30], approve: true) { m in
            try m.addAction(item: 1, text: "Rencana percepatan penyerapan", owner: .opd("BPKAD"), due: CivilDate("2020-11-04"))
            try m.addAction(item: 2, text: "Data vaksinasi", owner: .person(Seed.kadinkes), due: CivilDate("2020-11-04"))
        }
        // The Dinkes action is done after the minutes were approved: recorded beside them.
        let approved = try await store.meeting(months[0].id)
        let done = try await store.setActionStatus(ActionID(meeting: months[0].id, number: 2), .done, at: Seed.at("2020-11-02 10:00"), note: "terkirim")
        #expect(done.status == .done && done.ownerOPD == "Dinkes" && done.completionNote == "terkirim")
        #expect(try await store.meeting(months[0].id) == approved)

        let november = try await store.prepareNextMeeting(series: seriesID, today: try CivilDate("2020-11-11"))
        #expect(november.meeting.id == months[1].id && november.previous == months[0].id)
        let carried = try #require(november.meeting.agenda.first { $0.isCarried })
        #expect(carried.title == "Evaluasi penyerapan anggaran" && carried.carriedFrom == [months[0].id] && carried.boxMinutes == 15)
        #expect(november.meeting.agenda.first { $0.isFollowUp }?.details?.contains("RP-2020-0001/1") == true)
        #expect(try await store.meeting(months[1].id).agenda == november.meeting.agenda)

        // Month 2 is held without touching the action; in month 3 it is still open and overdue.
        try await Self.hold(store, months[1].id, day: "2020-11-18", itemMinutes: [58, 15, 15, 30], approve: false)
        let december = try await store.prepareNextMeeting(series: seriesID, today: try CivilDate("2020-12-14"))
        let followUp = try #require(december.meeting.agenda.first { $0.isFollowUp })
        #expect(followUp.details == "BPKAD:\n- RP-2020-0001/1 Rencana percepatan penyerapan (tenggat 2020-11-04, TERLAMBAT 40 hari)")
        let overdue = try await store.actions(ActionFilter(status: .overdue, seriesID: seriesID, today: try CivilDate("2020-12-16")))
        #expect(overdue.map(\.id.description) == ["RP-2020-0001/1"])
        #expect(try await store.actions(ActionFilter(opd: "dinkes", status: .done, today: try CivilDate("2020-12-16"))).count == 1)
    }

    @Test(arguments: Backend.all)
    func anAgendaThatNoLongerFitsIsRefusedUntilItemsAreDropped(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let months = try await Self.threeMonths(store)
        let seriesID = try #require(months[0].seriesID)
        // Month 1 reaches only 10 minutes of the first item: both items carry over, 60 + 30 more minutes.
        try await Self.hold(store, months[0].id, day: "2020-10-21", itemMinutes: [], approve: false)
        await #expect {
            try await store.prepareNextMeeting(series: seriesID, today: try CivilDate("2020-11-11"))
        } throws: { error in
            guard case let SeriesError.agendaDoesNotFit(id, total, planned, items) = error else { return false }
            return id == months[1].id && total == 180 && planned == 120 && items.count == 4
        }
        #expect(try await store.meeting(months[1].id) == months[1])
        let dryRun = try await store.prepareNextMeeting(series: seriesID, drop: [2], today: try CivilDate("2020-11-11"), store: false)
        #expect(try await store.meeting(months[1].id) == months[1])
        let stored = try await store.prepareNextMeeting(series: seriesID, drop: [2], today: try CivilDate("2020-11-11"))
        #expect(stored.meeting.agenda == dryRun.meeting.agenda && stored.meeting.agenda.count == 3 && stored.meeting.agendaMinutes == 120)
    }

    @Test(arguments: Backend.all)
    func indicatorsAreStoredWithTheMinutesAndReportedAcrossTheSeries(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let months = try await Self.threeMonths(store)
        for (i, (target, actual)) in [(70.0, 52.5), (80.0, 62.0)].enumerated() {
            let asOf = try CivilDate(["2020-09-30", "2020-10-31"][i])
            try await store.updateMeeting(months[i].id) { m, _ in
                try m.recordIndicator(Indicator(opd: "BPKAD", name: "penyerapan-anggaran", target: target, actual: actual, unit: "%", asOf: asOf))
            }
        }
        let seriesMeetings = try await store.meetings(MeetingFilter(seriesID: months[0].seriesID))
        let report = IndicatorReport(meetings: seriesMeetings)
        #expect(report.rows.count == 1 && report.rows[0].points.map(\.gap) == [-17.5, -18])
        #expect(try await store.allSeries().map(\.id) == [months[0].seriesID!])
    }
}
