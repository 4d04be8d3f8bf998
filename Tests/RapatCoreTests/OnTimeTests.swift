import Foundation
import Testing
@testable import RapatCore

@Suite struct OnTimeTests {
    let policy = OnTimePolicy.standard

    @Test func lateStartWithoutReasonIsRefusedAndChangesNothing() {
        var m = Fx.meeting()
        let before = m
        #expect(throws: OnTimeError.lateStartNeedsReason(m.id, minutesLate: 7, grace: 0)) {
            try m.start(at: Fx.at("2020-12-16 09:07"), reason: nil, policy: policy)
        }
        #expect(throws: OnTimeError.self) { try m.start(at: Fx.at("2020-12-16 09:07"), reason: "  ", policy: policy) }
        #expect(m == before)
    }

    @Test func lateStartWithReasonIsRecorded() throws {
        var m = Fx.meeting()
        try m.start(at: Fx.at("2020-12-16 09:07"), reason: "Gubernur dari bandara", policy: policy)
        #expect(m.status == .started && m.startDelayMinutes == 7 && m.lateStartReason == "Gubernur dari bandara")
    }

    @Test func graceAllowsASmallDelayWithoutReason() throws {
        var m = Fx.meeting()
        try m.start(at: Fx.at("2020-12-16 09:05"), reason: nil, policy: OnTimePolicy(graceMinutes: 5, earlyStartLimitMinutes: 10))
        #expect(m.lateStartReason == nil && m.startDelayMinutes == 5)
    }

    @Test func startingTooEarlyIsRefused() throws {
        var m = Fx.meeting()
        #expect(throws: OnTimeError.tooEarly(m.id, minutesEarly: 11, limit: 10, scheduled: "2020-12-16 09:00 WIB")) {
            try m.start(at: Fx.at("2020-12-16 08:49"), reason: nil, policy: policy)
        }
        try m.start(at: Fx.at("2020-12-16 08:50"), reason: nil, policy: policy)
        #expect(m.startDelayMinutes == 0)
    }

    @Test func latenessCountsFromTheActualStart() throws {
        var m = Fx.meeting()
        try m.checkIn(Fx.governor, as: .hadir, at: Fx.at("2020-12-16 08:55"))
        try m.start(at: Fx.at("2020-12-16 09:04"), reason: "menunggu Gubernur", policy: policy)
        try m.checkIn(Fx.kadinkes, as: .daring, at: Fx.at("2020-12-16 09:16:30"))
        try m.checkIn(Fx.kabpkad, as: .diwakili, at: Fx.at("2020-12-16 09:03"), representative: "Sekretaris BPKAD")
        let late = Dictionary(uniqueKeysWithValues: m.attendance.map { ($0.nip, $0.lateMinutes) })
        #expect(late[Fx.governor] == 0)
        #expect(late[Fx.kadinkes] == 12)  // 12 min 30 s after 09:04 counts as 12
        #expect(late[Fx.kabpkad] == 0)
    }

    @Test func checkInRulesNameWhatIsMissing() throws {
        var m = Fx.meeting()
        #expect(throws: OnTimeError.representativeRequired(Fx.kabpkad)) {
            try m.checkIn(Fx.kabpkad, as: .diwakili, at: Fx.at("2020-12-16 09:00"))
        }
        #expect(throws: OnTimeError.notAParticipant(Fx.kabpbd, m.id)) {
            try m.checkIn(Fx.kabpbd, as: .hadir, at: Fx.at("2020-12-16 09:00"))
        }
        try m.checkIn(Fx.kadinkes, as: .sakit, at: Fx.at("2020-12-16 08:00"), note: "rawat inap")
        #expect(m.attendance[0].lateMinutes == nil && m.attendance[0].checkedInAt == nil)
    }

    @Test func nextFlagsOverrunsAndEndRecordsNoShows() throws {
        var m = Fx.meeting()
        try m.start(at: Fx.at("2020-12-16 09:00"), reason: nil, policy: policy)
        try m.checkIn(Fx.governor, as: .hadir, at: Fx.at("2020-12-16 09:00"))
        #expect(try m.nextItem(at: Fx.at("2020-12-16 09:02")) == 0)
        #expect(try m.nextItem(at: Fx.at("2020-12-16 10:10")) == 1)  // item 1: 68 min in a 60 min box
        #expect(try m.nextItem(at: Fx.at("2020-12-16 10:35")) == nil)  // item 2: 25 min in 30
        #expect(throws: OnTimeError.agendaFinished(m.id)) { try m.nextItem(at: Fx.at("2020-12-16 10:36")) }
        #expect(m.agenda.map(\.overrunMinutes) == [8, 0])
        #expect(m.overrunItems.map(\.key) == [1] && m.totalOverrunMinutes == 8)
        try m.endMeeting(at: Fx.at("2020-12-16 10:40"))
        #expect(m.status == .ended)
        #expect(Set(m.attendance.filter { $0.category == .tanpaKeterangan }.map(\.nip)) == [Fx.kadinkes, Fx.kabpkad])
        #expect(throws: OnTimeError.self) { try m.checkIn(Fx.kadinkes, as: .hadir, at: Fx.at("2020-12-16 10:45")) }
    }

    @Test func endClosesTheRunningItem() throws {
        var m = Fx.meeting()
        try m.start(at: Fx.at("2020-12-16 09:00"), reason: nil, policy: policy)
        try m.nextItem(at: Fx.at("2020-12-16 09:00"))
        try m.endMeeting(at: Fx.at("2020-12-16 10:05"))
        #expect(m.agenda[0].overrunMinutes == 5 && m.agenda[1].actualStart == nil && m.agenda[1].overrunMinutes == nil)
    }

    @Test func runningStepsNeedAStartedMeeting() {
        var m = Fx.meeting()
        #expect(throws: OnTimeError.notRunning(m.id, .scheduled, action: "move to the next agenda item")) { try m.nextItem(at: Date()) }
        #expect(throws: OnTimeError.notRunning(m.id, .scheduled, action: "end it")) { try m.endMeeting(at: Date()) }
    }
}

@Suite struct MinutesTests {
    func heldMeeting() throws -> Meeting {
        var m = Fx.meeting()
        try m.start(at: Fx.at("2020-12-16 09:00"), reason: nil, policy: .standard)
        try m.endMeeting(at: Fx.at("2020-12-16 10:30"))
        return m
    }

    @Test func notesDecisionsAndActionsAttachToItems() throws {
        var m = try heldMeeting()
        try m.addNote(item: 1, text: "Per 30 November dari target 88 persen, penyerapan 71 persen.", speaker: "Kepala BPKAD")
        let d = try m.addDecision(item: 1, text: "OPD di bawah target menyusun rencana percepatan.")
        let a = try m.addAction(item: 2, text: "Data sasaran vaksinasi", owner: .opd("Dinkes"), due: CivilDate("2020-12-30"))
        #expect(d.number == 1 && d.itemKey == 1 && a.number == 1 && a.itemKey == 2 && a.status == .open)
        #expect(throws: MinutesError.unknownItem(meeting: m.id, position: 3, count: 2)) { try m.addNote(item: 3, text: "x") }
        #expect(throws: MinutesError.emptyText("decision")) { try m.addDecision(item: nil, text: " \n") }
    }

    @Test func onlyTheChairApprovesAfterTheMeeting() throws {
        var scheduled = Fx.meeting()
        #expect(throws: MinutesError.notHeldYet(scheduled.id, .scheduled)) { try scheduled.approveMinutes(by: Fx.governor, at: Date()) }
        var m = try heldMeeting()
        #expect(throws: MinutesError.notChair(Fx.kadinkes, m.id, chair: Fx.governor)) { try m.approveMinutes(by: Fx.kadinkes, at: Date()) }
        try m.approveMinutes(by: Fx.governor, at: Fx.at("2020-12-17 10:00"))
        #expect(m.minutes.approval == Approval(by: Fx.governor, at: Fx.at("2020-12-17 10:00")))
    }

    @Test func approvedMinutesAreFrozen() throws {
        var m = try heldMeeting()
        try m.addDecision(item: nil, text: "Keputusan")
        try m.approveMinutes(by: Fx.governor, at: Fx.at("2020-12-17 10:00"))
        let frozen = m
        let error = MinutesError.approved(m.id, by: Fx.governor, at: "2020-12-17 10:00 WIB")
        #expect(throws: error) { try m.addNote(item: 1, text: "tambahan") }
        #expect(throws: error) { try m.addDecision(item: nil, text: "tambahan") }
        #expect(throws: error) { try m.addAction(item: nil, text: "x", owner: .opd("BPKAD"), due: nil) }
        #expect(throws: error) { try m.setAction(1, status: .done, at: Date(), note: nil) }
        #expect(throws: error) { try m.approveMinutes(by: Fx.governor, at: Date()) }
        #expect(throws: PlanningError.self) { try m.addAgendaItem(title: "x", presenter: nil, presenterNIP: nil, boxMinutes: 5) }
        #expect(m == frozen)
    }

    @Test func agendaEditsKeepKeysAndRefuseRemovingDiscussedItems() throws {
        var m = Fx.meeting()
        _ = try m.addAgendaItem(title: "Lain-lain", presenter: "Sekda", presenterNIP: nil, boxMinutes: 15, at: 1)
        #expect(m.agenda.map(\.key) == [3, 1, 2])
        try m.moveAgendaItem(from: 1, to: 3)
        #expect(m.agenda.map(\.key) == [1, 2, 3])
        #expect(throws: MinutesError.self) { try m.moveAgendaItem(from: 1, to: 9) }
        #expect(m.agenda.map(\.key) == [1, 2, 3])
        try m.addNote(item: 1, text: "dibahas")
        #expect(throws: PlanningError.itemAlreadyHeld(m.id, position: 1, title: "Evaluasi penyerapan anggaran")) { try m.removeAgendaItem(at: 1) }
        try m.removeAgendaItem(at: 3)
        #expect(m.agenda.map(\.key) == [1, 2])
    }
}
