import Foundation
import RapatCore
import RapatStore
import Testing

/// One behaviour, every backend: each test runs once per store in `Backend.all`.
@Suite struct StoreConformanceTests {
    @Test(arguments: Backend.all)
    func pagesCoverEveryMeetingOnceInOrderEvenWhenStartsTie(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        for plan in [Seed.plan("2020-12-16 09:00", chair: Seed.governor, participants: [Seed.kadinkes]),
                     Seed.plan("2020-12-16 09:00", chair: Seed.kabpbd, participants: [Seed.kabpkad]),
                     Seed.plan("2020-12-15 09:00"), Seed.plan("2020-12-17 09:00"), Seed.plan("2020-12-18 09:00")] {
            _ = try await store.createMeeting(plan)
        }
        for filter in [MeetingFilter(), MeetingFilter(participant: Seed.kadinkes), MeetingFilter(from: Seed.at("2020-12-16 00:00"))] {
            var pages: [[MeetingID]] = []
            try await store.forEachPage(filter, pageSize: 2) { pages.append($0.map(\.id)) }
            let all = try await store.meetings(filter).map(\.id)
            #expect(pages.flatMap { $0 } == all && !all.isEmpty)
            #expect(pages.dropLast().allSatisfy { $0.count == 2 } && (pages.last?.count ?? 0) >= 1)
        }
    }

    @Test(arguments: Backend.all)
    func peopleAreRegisteredOnceAndFoundByNIPAndOPD(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        #expect(try await store.person(Seed.kadinkes).name == "dr. Ratna Dewi")
        #expect(try await store.people(opd: "dinkes").map(\.id) == [Seed.kadinkes])
        #expect(try await store.people(opd: nil).count == 4)
        await #expect(throws: StoreError.duplicatePerson(Seed.kadinkes, existing: "dr. Ratna Dewi (Dinkes)")) {
            try await store.addPerson(Seed.people[1])
        }
        let stranger = try PersonID("198001012005011001")
        await #expect(throws: StoreError.unknownPerson(stranger)) { try await store.person(stranger) }
        // Only the people asked for (a NIP not registered is left out), and the OPDs once each.
        #expect(Set(try await store.people([Seed.kadinkes, Seed.kabpkad, stranger]).map(\.id)) == [Seed.kadinkes, Seed.kabpkad])
        #expect(try await store.people([]).isEmpty)
        #expect(try await store.opds() == ["BPBD", "BPKAD", "Dinkes", "Setda"])
        var moved = Seed.people[1]
        moved.jabatan = "Plt. Kepala Dinas Kesehatan"
        try await store.updatePerson(moved)
        #expect(try await store.person(Seed.kadinkes).jabatan == "Plt. Kepala Dinas Kesehatan")
    }

    @Test(arguments: Backend.all)
    func meetingsGetSequentialIDsPerYearAndRoundTripWhole(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let a = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        let b = try await store.createMeeting(Seed.plan("2020-12-17 09:00"))
        let c = try await store.createMeeting(Seed.plan("2021-01-06 09:00"))
        #expect([a.id, b.id, c.id].map(\.description) == ["RP-2020-0001", "RP-2020-0002", "RP-2021-0001"])
        #expect(try await store.meeting(a.id) == a)
        await #expect(throws: StoreError.unknownMeeting(try MeetingID("RP-2020-0099"))) {
            try await store.meeting(try MeetingID("RP-2020-0099"))
        }
        await #expect(throws: StoreError.unknownMeeting(try MeetingID("RP-2020-0099"))) {
            try await store.minutesVersions(try MeetingID("RP-2020-0099"))
        }
        #expect(try await store.minutesVersions(a.id).isEmpty)
    }

    @Test(arguments: Backend.all)
    func aHeldMeetingWithMinutesRoundTripsEveryField(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let id = try await store.createMeeting(Seed.plan("2020-12-16 09:00")).id
        let held = try await store.updateMeeting(id, sealingWith: Seed.signer) { m, policy in
            m.location = "Ruang Rapat Gubernur"
            m.notulis = Seed.kabpbd
            try m.checkIn(Seed.governor, as: .hadir, at: Seed.at("2020-12-16 08:55"))
            try m.start(at: Seed.at("2020-12-16 09:04"), reason: "menunggu sambungan", policy: policy.onTime)
            try m.checkIn(Seed.kadinkes, as: .diwakili, at: Seed.at("2020-12-16 09:09"), representative: "Sekretaris Dinkes", note: "dinas ke Jakarta")
            try m.nextItem(at: Seed.at("2020-12-16 09:05"))
            try m.addNote(item: 1, text: "Per 30 November dari target 88 persen, penyerapan anggaran 71 persen lebih.", speaker: "Kepala BPKAD")
            try m.addDecision(item: 1, text: "OPD di bawah target menyusun rencana percepatan — “segera”.")
            try m.addAction(item: 1, text: "Rekap penyerapan", owner: .opd("BPKAD"), due: CivilDate("2020-12-23"))
            try m.addAction(item: nil, text: "Data vaksinasi", owner: .person(Seed.kadinkes), due: nil)
            try m.setAction(2, status: .done, at: Seed.at("2020-12-16 10:00"), note: "sudah dikirim")
            try m.nextItem(at: Seed.at("2020-12-16 10:12"))
            try m.endMeeting(at: Seed.at("2020-12-16 10:50"))
            try m.approveMinutes(by: Seed.governor, at: Seed.at("2020-12-17 10:00"))
        }
        let loaded = try await store.meeting(id)
        #expect(loaded == held)
        #expect(loaded.agenda[0].overrunMinutes == 7)
        #expect(loaded.attendance.count == 4)
        #expect(loaded.sequence == 1)  // the location and notulis changed what participants see
    }

    /// Someone else planned an overlapping event: imported with a warning, not reserving its people's time (the
    /// database's own guard against double booking stays on for everything else), and Rapat's own plans are still
    /// refused against the meeting that does reserve it.
    @Test(arguments: Backend.all)
    func anImportedOverlapIsKeptWithAWarningAndReservesNoTime(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let first = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        var plan = try Seed.plan("2020-12-16 10:30", minutes: 90, chair: Seed.kabpbd, participants: [Seed.kabpkad])
        plan.icalUID = "lain@kalender"
        let event = ImportedEvent(source: "x.ics", line: 3, uid: "lain@kalender", sequence: 0, cancelled: false, summary: plan.title,
                                  meetings: [plan], series: nil, unknownAttendees: [])
        await #expect(throws: ImportError.self) { try await store.importEvents([event], dryRun: false, strict: true) }
        let summary = try await store.importEvents([event], dryRun: false, strict: false)
        #expect(summary.created.count == 1 && summary.warnings.count == 1)
        guard case let PlanningError.doubleBooked(_, nip, other, _, _)? = summary.warnings.first?.cause as? PlanningError else {
            Issue.record("expected a double booking warning, got \(summary.warnings)")
            return
        }
        #expect(nip == Seed.kabpkad && other == first.id)
        let imported = try await store.meeting(summary.created[0])
        #expect(!imported.blocksTime)
        await #expect(throws: PlanningError.self) {
            try await store.createMeeting(Seed.plan("2020-12-16 09:30", minutes: 30, chair: Seed.kabpbd, participants: [Seed.kabpkad]))
        }
    }

    @Test(arguments: Backend.all)
    func doubleBookingIsRefusedNamingTheOtherMeetingAndNothingIsStored(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let first = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        await #expect {
            try await store.createMeeting(Seed.plan("2020-12-16 10:30", minutes: 90, chair: Seed.kabpbd, participants: [Seed.kabpkad]))
        } throws: { error in
            guard case let PlanningError.doubleBooked(_, nip, other, _, _) = error else { return false }
            return nip == Seed.kabpkad && other == first.id
        }
        #expect(try await store.meetings(MeetingFilter()).count == 1)
        // Someone else at the same time is fine, and so is the next slot.
        _ = try await store.createMeeting(Seed.plan("2020-12-16 10:30", minutes: 90, chair: Seed.kabpbd, participants: []))
        _ = try await store.createMeeting(Seed.plan("2020-12-16 11:00", minutes: 90, participants: []))
    }

    @Test(arguments: Backend.all)
    func aSeriesThatCollidesInOneMonthIsRefusedWhole(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let blocker = try await store.createMeeting(Seed.plan("2020-09-16 10:00", minutes: 90, chair: Seed.kabpbd, participants: [Seed.kadinkes]))
        let series = Series(id: "", title: "Rapim", rule: try Recurrence(rule: "FREQ=MONTHLY;BYDAY=3WE;COUNT=6"))
        await #expect {
            try await store.createMeetings(try series.occurrences(of: Seed.plan("2020-07-15 09:00")), series: series)
        } throws: { error in
            guard case let PlanningError.doubleBooked(_, _, other, _, time) = error else { return false }
            return other == blocker.id && time.hasPrefix("2020-09-16 10:00")
        }
        #expect(try await store.meetings(MeetingFilter()).map(\.id) == [blocker.id])
        // Skipping September with an exception plans the rest, in one series.
        let skipping = Series(id: "", title: "Rapim", rule: try Recurrence(rule: "FREQ=MONTHLY;BYDAY=3WE;COUNT=6", exceptions: [try CivilDate("2020-09-16")]))
        let created = try await store.createMeetings(try skipping.occurrences(of: Seed.plan("2020-07-15 09:00")), series: skipping)
        #expect(created.count == 5)
        let seriesID = try #require(created[0].seriesID)
        #expect(try await store.meetings(MeetingFilter(seriesID: seriesID)).count == 5)
        #expect(try await store.series(seriesID).rule.exceptions == [try CivilDate("2020-09-16")])
    }

    @Test(arguments: Backend.all)
    func holidaysAndWorkingHoursComeFromTheArchive(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        #expect(try await store.addHolidays([Holiday(date: try CivilDate("2020-12-09"), name: "Pilkada serentak")]) == 1)
        #expect(try await store.addHolidays([Holiday(date: try CivilDate("2020-12-09"), name: "Pemungutan suara Pilkada")]) == 0)
        await #expect(throws: PlanningError.holiday(date: "2020-12-09 (Wednesday, 9 December 2020)", name: "Pemungutan suara Pilkada")) {
            try await store.createMeeting(Seed.plan("2020-12-09 09:00"))
        }
        await #expect(throws: PlanningError.self) { try await store.createMeeting(Seed.plan("2020-12-19 09:00")) }
        var policy = try await store.policy()
        try policy.set("working-days", "mon-sat")
        try await store.setPolicy(policy)
        #expect(try await store.policy().workingHours.weekdays == [1, 2, 3, 4, 5, 6])
        _ = try await store.createMeeting(Seed.plan("2020-12-19 09:00"))
    }

    @Test(arguments: Backend.all)
    func aFailedChangeLeavesTheMeetingAsItWas(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let m = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        await #expect(throws: OnTimeError.lateStartNeedsReason(m.id, minutesLate: 20, grace: 0)) {
            try await store.updateMeeting(m.id) { m, policy in
                m.title = "changed before the failure"
                try m.start(at: Seed.at("2020-12-16 09:20"), reason: nil, policy: policy.onTime)
            }
        }
        await #expect(throws: PlanningError.agendaTooLong(agendaMinutes: 90, meetingMinutes: 60)) {
            try await store.updateMeeting(m.id) { m, _ in m.end = m.start.addingTimeInterval(3600) }
        }
        #expect(try await store.meeting(m.id) == m)
    }

    @Test(arguments: Backend.all)
    func sequenceCountsOnlyChangesParticipantsSee(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let m = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        #expect(try await store.updateMeeting(m.id) { m, _ in m.start = m.start.addingTimeInterval(1800); m.end = m.end.addingTimeInterval(1800) }.sequence == 1)
        #expect(try await store.updateMeeting(m.id) { m, _ in m.changeParticipants(adding: [Seed.kabpbd], removing: []) }.sequence == 2)
        #expect(try await store.updateMeeting(m.id) { m, _ in try m.checkIn(Seed.kadinkes, as: .izin, at: Seed.at("2020-12-16 08:00")) }.sequence == 2)
        let cancelled = try await store.updateMeeting(m.id) { m, _ in try m.cancel(reason: "bentrok") }
        #expect(cancelled.status == .cancelled && cancelled.sequence == 3)
        // A cancelled meeting frees its people's time.
        _ = try await store.createMeeting(Seed.plan("2020-12-16 09:30"))
        await #expect(throws: PlanningError.notEditable(m.id, .cancelled)) {
            try await store.updateMeeting(m.id) { m, _ in m.start = m.start.addingTimeInterval(600) }
        }
    }

    @Test(arguments: Backend.all)
    func reschedulingIntoAnotherMeetingIsRefused(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let a = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        let b = try await store.createMeeting(Seed.plan("2020-12-16 13:00"))
        await #expect {
            try await store.updateMeeting(b.id) { m, _ in m.start = Seed.at("2020-12-16 10:00"); m.end = Seed.at("2020-12-16 12:00") }
        } throws: { error in
            guard case let PlanningError.doubleBooked(_, _, other, _, _) = error else { return false }
            return other == a.id
        }
        // Moving a meeting within its own old slot does not conflict with itself.
        _ = try await store.updateMeeting(a.id) { m, _ in m.start = Seed.at("2020-12-16 09:30"); m.end = Seed.at("2020-12-16 11:30") }
    }

    @Test(arguments: Backend.all)
    func listingFiltersByDateParticipantOPDStatusAndSeries(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let a = try await store.createMeeting(Seed.plan("2020-11-18 09:00"))
        let b = try await store.createMeeting(Seed.plan("2020-12-16 09:00", chair: Seed.kabpbd, participants: []))
        let c = try await store.createMeeting(Seed.plan("2020-12-17 09:00"))
        _ = try await store.updateMeeting(c.id) { m, _ in try m.cancel(reason: nil) }
        let all = try await store.meetings(MeetingFilter())
        #expect(all.map(\.id) == [a.id, b.id, c.id])
        #expect(try await store.meetings(MeetingFilter(from: Seed.at("2020-12-01 00:00"), to: Seed.at("2020-12-17 00:00"))).map(\.id) == [b.id])
        #expect(try await store.meetings(MeetingFilter(participant: Seed.kadinkes)).map(\.id) == [a.id, c.id])
        #expect(try await store.meetings(MeetingFilter(opd: "BPBD")).map(\.id) == [b.id])
        #expect(try await store.meetings(MeetingFilter(status: .cancelled)).map(\.id) == [c.id])
        #expect(try await store.meetings(MeetingFilter(limit: 2)).count == 2)
    }

    @Test(arguments: Backend.all)
    func approvedMinutesStayFrozenThroughTheStore(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let id = try await store.createMeeting(Seed.plan("2020-12-16 09:00")).id
        try await store.updateMeeting(id, sealingWith: Seed.signer) { m, p in
            try m.start(at: Seed.at("2020-12-16 09:00"), reason: nil, policy: p.onTime)
            try m.endMeeting(at: Seed.at("2020-12-16 10:00"))
            try m.addDecision(item: nil, text: "Disetujui")
            try m.approveMinutes(by: Seed.governor, at: Seed.at("2020-12-16 12:00"))
        }
        let approved = try await store.meeting(id)
        await #expect(throws: MinutesError.self) { try await store.updateMeeting(id) { m, _ in try m.addNote(item: 1, text: "diam-diam") } }
        #expect(try await store.meeting(id) == approved)
    }

    @Test(arguments: Backend.all)
    func twoInstancesRacingForOnePersonBookHimOnce(_ backend: Backend) async throws {
        let (a, b) = try await backend.pair()
        for p in Seed.people { try await a.addPerson(p) }
        // Ten rounds: two instances plan, at the same moment, overlapping meetings for the Governor.
        for round in 0..<10 {
            let day = try CivilDate("2021-03-01").adding(days: round + (round / 5) * 2)
            async let first: Meeting? = try? a.createMeeting(Seed.plan("\(day) 09:00", participants: [Seed.kadinkes]))
            async let second: Meeting? = try? b.createMeeting(Seed.plan("\(day) 10:00", chair: Seed.kabpbd, participants: [Seed.governor]))
            let results = await [first, second].compactMap { $0 }
            #expect(results.count == 1, "round \(round): \(results.map(\.id))")
        }
        let governorMeetings = try await a.meetings(MeetingFilter(participant: Seed.governor))
        for (x, y) in zip(governorMeetings, governorMeetings.dropFirst()) { #expect(x.end <= y.start) }
    }

    @Test(arguments: Backend.all)
    func manyWritersOnTwoInstancesBookOncePerSlotAndNumberWithoutGaps(_ backend: Backend) async throws {
        let (a, b) = try await backend.pair()
        for p in Seed.people { try await a.addPerson(p) }
        // Four slots of the Governor's day; sixteen writers, half on each instance, each asking for one of them,
        // beside sixteen that book nobody in common (other days). No table lock keeps them apart on PostgreSQL: the
        // losers of a race run again and are told of the double booking like anyone else.
        let outcomes = try await withThrowingTaskGroup(of: (slot: Int?, result: Result<MeetingID, Error>).self) { group in
            for writer in 0..<32 {
                group.addTask {
                    let store = writer % 2 == 0 ? a : b
                    let slot: Int? = writer < 16 ? writer % 4 : nil
                    let plan = if let slot {
                        Seed.plan("2021-03-01 \(String(format: "%02d", 8 + 2 * slot)):00", minutes: 90, participants: [])
                    } else {
                        Seed.plan("2021-03-\(String(format: "%02d", 2 + (writer - 16) % 4)) \(String(format: "%02d", 8 + 2 * ((writer - 16) / 4))):00",
                                  minutes: 90, chair: Seed.kabpbd, participants: [])
                    }
                    do { return (slot, .success(try await store.createMeeting(plan).id)) } catch { return (slot, .failure(error)) }
                }
            }
            var all: [(slot: Int?, result: Result<MeetingID, Error>)] = []
            for try await o in group { all.append(o) }
            return all
        }
        for o in outcomes {
            if case let .failure(error) = o.result {
                // A loser hears which meeting holds the slot, never a database error.
                guard case PlanningError.doubleBooked(_, Seed.governor, _, _, _) = error, o.slot != nil else {
                    Issue.record("slot \(String(describing: o.slot)): \(error)")
                    continue
                }
            }
        }
        let won = outcomes.filter { if case .success = $0.result { true } else { false } }
        #expect(Set(won.compactMap(\.slot)) == Set(0..<4) && won.filter { $0.slot != nil }.count == 4)
        #expect(won.count == 20)
        let meetings = try await a.meetings(MeetingFilter())
        #expect(meetings.map(\.id.serial).sorted() == Array(1...20))
        let governors = meetings.filter { $0.chair == Seed.governor }.sorted { $0.start < $1.start }
        for (x, y) in zip(governors, governors.dropFirst()) { #expect(x.end <= y.start) }
    }

    @Test(arguments: Backend.all)
    func twoInstancesChangingOneMeetingLoseNoChange(_ backend: Backend) async throws {
        let (a, b) = try await backend.pair()
        for p in Seed.people { try await a.addPerson(p) }
        let id = try await a.createMeeting(Seed.plan("2021-03-01 09:00", participants: [Seed.kadinkes])).id
        // Twenty notes added at once through both instances: each read-change-write sees the one before it.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<20 {
                group.addTask {
                    _ = try await (n % 2 == 0 ? a : b).updateMeeting(id) { m, _ in m.title += " \(n)" }
                }
            }
            try await group.waitForAll()
        }
        let words = try await b.meeting(id).title.split(separator: " ").compactMap { Int($0) }
        #expect(words.sorted() == Array(0..<20))
    }

    @Test(arguments: Backend.all)
    func aReindexByOneInstanceLosesNoChangeAnotherMakesMeanwhile(_ backend: Backend) async throws {
        let (a, b) = try await backend.pair()
        for p in Seed.people { try await a.addPerson(p) }
        var ids: [MeetingID] = []
        for day in 0..<10 {
            let date = try CivilDate("2021-02-01").adding(days: day + (day / 5) * 2)
            ids.append(try await a.createMeeting(Seed.plan("\(date) 09:00", participants: [])).id)
        }
        // Instance b renames every meeting, one write after another, while instance a rebuilds the search index
        // again and again. Every rename must survive, in the meeting and in the index.
        let rounds = 6
        let targets = ids
        let renames = Task {
            for round in 1...rounds {
                for id in targets { _ = try await b.updateMeeting(id) { m, _ in m.title = "Rapat putaran \(round) \(id.serial)" } }
            }
        }
        for _ in 0..<8 { try await a.reindex(progress: nil) }
        try await renames.value
        try await a.reindex(progress: nil)
        for id in ids {
            #expect(try await a.meeting(id).title == "Rapat putaran \(rounds) \(id.serial)")
        }
        let hits = try await a.search(SearchQuery("putaran"))
        #expect(Set(hits.map(\.meetingID)) == Set(ids))
        #expect(hits.allSatisfy { $0.title.hasPrefix("Rapat putaran \(rounds) ") })
    }

    @Test(arguments: Backend.all)
    func tokensAreListedByIdExpireAndAreRevoked(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let secret = try await store.createToken(role: .secretariat, person: nil)
        let past = try await store.createToken(role: .participant, person: Seed.kadinkes, expiresAt: Date().addingTimeInterval(-60))
        let listed = try await store.tokens()
        #expect(listed.count == 2 && listed.allSatisfy { $0.id.count == 12 && !secret.hasPrefix($0.id) })
        let token = try #require(try await store.token(secret: secret))
        #expect(token.isValid(at: Date()) && token.id == APIToken.id(ofHash: APIToken.hash(secret)))
        let expired = try #require(try await store.token(secret: past))
        #expect(!expired.isValid(at: Date()) && expired.person == Seed.kadinkes)
        #expect(try await store.revokeTokens(prefix: String(token.id.prefix(8)).uppercased()) == 1)
        #expect(try await store.token(secret: secret) == nil)
        await #expect(throws: StoreError.tokenPrefixTooShort("abc")) { try await store.revokeTokens(prefix: "abc") }
        await #expect(throws: StoreError.unknownToken(token.id)) { try await store.revokeTokens(prefix: token.id) }
        #expect(try await store.tokens().map(\.id) == [expired.id])
    }

    @Test(arguments: Backend.all)
    func concurrentWritersLoseNothing(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        // Twenty one-hour meetings with different chairs but a shared participant would conflict; use disjoint days instead.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for day in 0..<20 {
                group.addTask {
                    let date = try CivilDate("2021-02-01").adding(days: day + (day / 5) * 2)  // weekdays only
                    _ = try await store.createMeeting(Seed.plan("\(date) 09:00", participants: []))
                }
            }
            try await group.waitForAll()
        }
        let ids = try await store.meetings(MeetingFilter()).map(\.id.serial)
        #expect(ids.sorted() == Array(1...20))
    }
}

@Suite struct FeedTokenConformanceTests {
    @Test(arguments: Backend.all)
    func aFeedTokenIsRotatedAndDiesWithItsOwner(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let api = try await store.createToken(role: .participant, person: Seed.kadinkes, expiresAt: nil)
        let feed = "person:\(Seed.kadinkes.key)"
        let first = try await store.createFeedToken(feed: feed, role: .participant, person: Seed.kadinkes, ownerHash: APIToken.hash(api))
        let token = try #require(try await store.feedToken(secret: first))
        #expect(token.feed == feed && token.role == .participant && token.person == Seed.kadinkes)
        // Feed tokens are not API tokens, and API tokens are not feed tokens.
        let asAPI = try await store.token(secret: first), asFeed = try await store.feedToken(secret: api)
        #expect(asAPI == nil && asFeed == nil)
        let second = try await store.createFeedToken(feed: feed, role: .participant, person: Seed.kadinkes, ownerHash: APIToken.hash(api))
        let old = try await store.feedToken(secret: first), new = try await store.feedToken(secret: second)
        #expect(old == nil && new != nil)
        // A console-made token for the same feed is another owner's: both work.
        let console = try await store.createFeedToken(feed: feed, role: .participant, person: Seed.kadinkes, ownerHash: nil)
        let both = (try await store.feedToken(secret: console), try await store.feedToken(secret: second))
        #expect(both.0 != nil && both.1 != nil)
        try await store.revokeTokens(prefix: APIToken.id(ofHash: APIToken.hash(api)))
        let after = (try await store.feedToken(secret: second), try await store.feedToken(secret: console))
        #expect(after.0 == nil && after.1 != nil)
    }
}

@Suite struct WebStateConformanceTests {
    @Test(arguments: Backend.all)
    func usersAndSharedValuesAreKeptInTheArchive(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let user = WebUser(username: "kadinkes", role: .participant, person: Seed.kadinkes, passwordHash: "$2b$11$x", createdAt: Date().wholeSecond)
        try await store.addUser(user)
        await #expect(throws: StoreError.duplicateUser("kadinkes")) { try await store.addUser(user) }
        var disabled = user
        disabled.disabled = true
        try await store.updateUser(disabled)
        let stored = try await store.user("kadinkes"), count = try await store.users().count
        #expect(stored == disabled && count == 1)
        // Shared values: set, read, refuse to overwrite when asked, expire, remove.
        #expect(try await store.setSharedValue("s:1", "a", expiresAt: Date().addingTimeInterval(60), onlyIfAbsent: true))
        #expect(try await !store.setSharedValue("s:1", "b", expiresAt: nil, onlyIfAbsent: true))
        #expect(try await store.sharedValue("s:1")?.value == "a")
        try await store.setSharedValue("s:2", "old", expiresAt: Date().addingTimeInterval(-1), onlyIfAbsent: false)
        #expect(try await store.sharedValue("s:2") == nil)
        #expect(try await store.setSharedValue("s:2", "new", expiresAt: nil, onlyIfAbsent: true))
        try await store.removeSharedValue("s:1")
        let gone = try await store.sharedValue("s:1"), kept = try await store.sharedValue("s:2")
        #expect(gone == nil && kept?.value == "new")
    }
}

@Suite struct MeetingsByIDConformanceTests {
    @Test(arguments: Backend.all)
    func severalMeetingsReadAtOnceInTheArchivesOrder(_ backend: Backend) async throws {
        let store = try await Seed.store(backend)
        let later = try await store.createMeeting(Seed.plan("2020-12-18 09:00"))
        let earlier = try await store.createMeeting(Seed.plan("2020-12-16 09:00"))
        let found = try await store.meetings(ids: [later.id, try MeetingID("RP-2019-0999"), earlier.id, later.id])
        #expect(found.map(\.id) == [earlier.id, later.id])
        #expect(try await store.meetings(ids: []).isEmpty)
    }
}
