import Foundation
import RapatCore
import RapatStore
import Testing

/// Series whose rule has no end (Google's and Outlook's default, and Rapat's own open series): stored a window
/// ahead and continued when a listing, a check or a feed reaches past it, on every backend (#17).
@Suite struct SeriesWindowConformanceTests {
    /// Every Wednesday 09:00–11:00 from 2020-10-21, no end; stored through 2020-11-30.
    static func weekly(_ store: any MeetingStore, rule: String = "FREQ=WEEKLY;BYDAY=WE", except: Set<CivilDate> = []) async throws -> (Series, [Meeting]) {
        let series = Series(id: "", title: "Rapat mingguan", rule: try Recurrence(rule: rule, exceptions: except))
        var template = Seed.plan("2020-10-21 09:00")
        template.agenda = [try AgendaItem(key: 1, title: "Evaluasi mingguan", boxMinutes: 60)]
        let (planned, meetings) = try series.planned(from: template, through: Seed.at("2020-11-30 00:00"))
        let created = try await store.createMeetings(meetings, series: planned)
        return (try await store.series(try #require(created[0].seriesID)), created)
    }

    @Test(arguments: Backend.all)
    func aSeriesWithoutEndIsStoredToItsHorizonAndContinuedWhenReached(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let (series, created) = try await Self.weekly(store, except: [try CivilDate("2020-12-23")])
        #expect(created.count == 6 && series.horizon == Seed.at("2020-11-30 00:00"))
        // The first meeting is held; what it holds does not travel to the meetings added later.
        try await store.updateMeeting(created[0].id) { m, p in
            try m.checkIn(Seed.governor, as: .hadir, at: Seed.at("2020-10-21 08:58"))
            try m.start(at: Seed.at("2020-10-21 09:00"), reason: nil, policy: p.onTime)
        }
        let added = try await store.extendSeries(through: Seed.at("2020-12-31 00:00"))
        let all = try await store.meetings(MeetingFilter(seriesID: series.id))
        // 2, 9, 16 and 30 December; the 23rd is an exception.
        #expect(added.count == 4 && all.count == 10)
        #expect(all.suffix(4).map { CivilDate($0.start, in: Zone.jakarta).description } == ["2020-12-02", "2020-12-09", "2020-12-16", "2020-12-30"])
        #expect(all.suffix(4).allSatisfy { $0.status == .scheduled && $0.attendance.isEmpty && $0.participants == created[0].participants
                                           && $0.agenda.map(\.title) == ["Evaluasi mingguan"] && $0.plannedMinutes == 120 })
        #expect(try await store.series(series.id).horizon == Seed.at("2020-12-31 00:00"))
        // Asking again adds nothing.
        #expect(try await store.extendSeries(through: Seed.at("2020-12-31 00:00")).isEmpty)
    }

    @Test(arguments: Backend.all)
    func aPlanIsCheckedAgainstMeetingsTheSeriesHasNotStoredYet(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let (series, _) = try await Self.weekly(store)
        // Wednesday 3 February 2021, 10:00: the series' meeting that day is past its horizon, and still taken.
        await #expect {
            try await store.createMeeting(Seed.plan("2021-02-03 10:00", chair: Seed.kabpbd, participants: [Seed.kabpkad]))
        } throws: { error in
            guard case let PlanningError.doubleBooked(_, nip, _, _, _) = error else { return false }
            return nip == Seed.kabpkad
        }
        // The refusal keeps nothing: the meetings stored for the check went with it.
        #expect(try await store.series(series.id).horizon == Seed.at("2020-11-30 00:00"))
        #expect(try await store.meetings(MeetingFilter(seriesID: series.id)).count == 6)
        // A plan that fits is stored, and the series with it as far as the plan reaches.
        _ = try await store.createMeeting(Seed.plan("2021-02-03 13:00", chair: Seed.kabpbd, participants: [Seed.kabpkad]))
        #expect(try await store.series(series.id).horizon == Seed.at("2021-02-03 15:00"))
    }

    @Test(arguments: Backend.all)
    func aRuleThatEndsIsStoredWholeOnceItsEndIsReached(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let (series, created) = try await Self.weekly(store, rule: "FREQ=WEEKLY;BYDAY=WE;COUNT=10")
        #expect(created.count == 6 && series.horizon != nil)
        #expect(try await store.extendSeries(through: Seed.at("2021-06-30 00:00")).count == 4)
        #expect(try await store.series(series.id).horizon == nil)
        #expect(try await store.meetings(MeetingFilter(seriesID: series.id)).count == 10)
    }

    @Test(arguments: Backend.all)
    func anImportedRuleWithoutEndIsContinuedLikeAPlannedOne(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        var plan = Seed.plan("2020-10-21 13:00", minutes: 60, chair: Seed.kabpbd, participants: [])
        plan.agenda = []
        plan.icalUID = "mingguan@kalender"
        let series = Series(id: "", title: plan.title, rule: try Recurrence(rule: "FREQ=WEEKLY"), horizon: Seed.at("2020-10-28 12:59"))
        var occurrences = try series.occurrences(of: plan, through: Seed.at("2020-10-28 23:00"))
        // The file also moves the meeting of 25 November (past the window) to the afternoon, in another room.
        var moved = occurrences[0]
        moved.occurrenceStart = Seed.at("2020-11-25 13:00")
        moved.start = Seed.at("2020-11-25 15:00")
        moved.end = Seed.at("2020-11-25 16:00")
        moved.title = "Rapat mingguan (pindah ke aula)"
        occurrences.append(moved)
        let event = ImportedEvent(source: "k.ics", line: 1, uid: "mingguan@kalender", sequence: 0, cancelled: false, summary: plan.title,
                                  meetings: occurrences, series: series, unknownAttendees: [])
        let summary = try await store.importEvents([event], dryRun: false, strict: false)
        #expect(summary.created.count == 3 && summary.warnings.isEmpty)
        let added = try await store.extendSeries(through: Seed.at("2020-12-10 00:00"))
        let all = try await store.meetings(MeetingFilter(seriesID: try #require(try await store.meeting(summary.created[0]).seriesID)))
        // 4, 11, 18 November and 2, 9 December are added; 25 November stays as the file moved it; the added ones copy
        // the series as it runs, not the one-off change.
        #expect(added.count == 5 && all.count == 8 && all.allSatisfy { $0.icalUID == "mingguan@kalender" })
        #expect(all.filter { $0.title == moved.title }.map(\.start) == [moved.start])
        // Re-importing the same file changes nothing, and finds the continued meetings its own.
        #expect(try await store.importEvents([event], dryRun: false, strict: false).unchanged == 3)
    }

    /// An imported event with two RRULEs: both are kept in the series and both continue it.
    @Test(arguments: Backend.all)
    func aSeriesOfSeveralRulesKeepsThemAllAndContinuesTheirUnion(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        var rule = try Recurrence(rule: "FREQ=WEEKLY;BYDAY=WE")
        rule.moreRules = [try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=1FR")]
        var template = Seed.plan("2020-10-21 09:00", minutes: 60, chair: Seed.kabpbd, participants: [])
        template.agenda = []
        let (planned, meetings) = try Series(id: "", title: "Dua aturan", rule: rule).planned(from: template, through: Seed.at("2020-10-31 00:00"))
        // Wednesdays 21 and 28 October; the first Friday of October (2nd) is before the start.
        #expect(meetings.count == 2 && planned.horizon != nil)
        let created = try await store.createMeetings(meetings, series: planned)
        let id = try #require(created[0].seriesID)
        #expect(try await store.series(id).rule == rule)
        _ = try await store.extendSeries(through: Seed.at("2020-11-30 00:00"))
        let days = try await store.meetings(MeetingFilter(seriesID: id)).map { CivilDate($0.start, in: Zone.jakarta).description }
        #expect(days == ["2020-10-21", "2020-10-28", "2020-11-04", "2020-11-06", "2020-11-11", "2020-11-18", "2020-11-25"])
    }

    @Test(arguments: Backend.all)
    func nothingIsStoredFurtherAheadThanTheReach(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let (series, _) = try await Self.weekly(store)
        _ = try await store.extendSeries(through: Date().addingTimeInterval(100 * 366 * 86400))
        let horizon = try #require(try await store.series(series.id).horizon)
        #expect(horizon <= Date().addingTimeInterval(Series.reach) && horizon > Date().addingTimeInterval(Series.reach - 3600))
    }
}
