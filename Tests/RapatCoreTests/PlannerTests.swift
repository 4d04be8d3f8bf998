import Foundation
import Testing
@testable import RapatCore

@Suite struct PlannerTests {
    let planner = Planner(holidays: [Holiday(date: try! CivilDate("2020-12-09"), name: "Pilkada serentak")])

    @Test func aPlanThatFitsPasses() throws {
        try planner.check(Fx.meeting(), people: Fx.people, booked: [])
    }

    @Test func agendaLongerThanTheMeetingIsRefusedWithBothLengths() {
        #expect(throws: PlanningError.agendaTooLong(agendaMinutes: 90, meetingMinutes: 60)) {
            try planner.check(Fx.meeting(minutes: 60), people: Fx.people, booked: [])
        }
    }

    @Test(arguments: [("2020-12-16 07:00", 120, "the start"), ("2020-12-16 15:30", 90, "the end"), ("2020-12-16 16:00", 90, "the start")])
    func outsideWorkingHoursIsRefused(_ start: String, _ minutes: Int, _ which: String) {
        #expect { try planner.check(Fx.meeting(start: start, minutes: minutes), people: Fx.people, booked: []) } throws: {
            guard case let PlanningError.outsideWorkingHours(time, hours) = $0 else { return false }
            return time.hasPrefix(which) && hours == "07:30-16:00 WIB"
        }
    }

    @Test func workingHoursAreReadInTheMeetingsOwnZone() throws {
        // 08:00 WITA is 07:00 WIB, yet inside a Makassar office's hours.
        let s = Fx.at("2020-12-16 08:00", try Zone.named("WITA"))
        var m = Fx.meeting()
        m.timeZone = "Asia/Makassar"
        m.start = s
        m.end = s.addingTimeInterval(7200)
        try planner.check(m, people: Fx.people, booked: [])
    }

    @Test func weekendAndHolidayAreRefused() {
        #expect(throws: PlanningError.notAWorkingDay(date: "2020-12-19 (Saturday, 19 December 2020)", days: "mon-fri")) {
            try planner.check(Fx.meeting(start: "2020-12-19 09:00"), people: Fx.people, booked: [])
        }
        #expect(throws: PlanningError.holiday(date: "2020-12-09 (Wednesday, 9 December 2020)", name: "Pilkada serentak")) {
            try planner.check(Fx.meeting(start: "2020-12-09 09:00"), people: Fx.people, booked: [])
        }
    }

    @Test func endBeforeStartIsRefused() {
        var m = Fx.meeting()
        m.end = m.start.addingTimeInterval(-60)
        #expect(throws: PlanningError.endBeforeStart(start: "2020-12-16 09:00 WIB", end: "2020-12-16 08:59 WIB")) {
            try planner.check(m, people: Fx.people, booked: [])
        }
    }

    @Test func unknownPersonIsNamedWithRole() {
        let stranger = try! PersonID("198001012005011001")
        #expect(throws: PlanningError.unknownPerson(stranger, role: "participant")) {
            try planner.check(Fx.meeting(participants: [stranger]), people: Fx.people, booked: [])
        }
    }

    @Test func doubleBookingNamesTheOtherMeeting() {
        let other = Fx.meeting(id: 7, start: "2020-12-16 10:30", minutes: 60, participants: [Fx.kabpbd, Fx.kabpkad])
        let m = Fx.meeting(participants: [Fx.kadinkes, Fx.kabpkad])
        #expect { try planner.check(m, people: Fx.people, booked: [Fx.slot(other)]) } throws: {
            guard case let PlanningError.doubleBooked(person, nip, id, _, time) = $0 else { return false }
            // The chair of both meetings is reported first.
            return person == "Gubernur" && nip == Fx.governor && id.description == "RP-2020-0007"
                && time == "2020-12-16 10:30 WIB–11:30 WIB" && "\($0)".contains("RP-2020-0007")
        }
    }

    @Test func backToBackMeetingsDoNotConflict() throws {
        let before = Fx.meeting(id: 7, start: "2020-12-16 08:00", minutes: 60)
        try planner.check(Fx.meeting(), people: Fx.people, booked: [Fx.slot(before)])
    }

    @Test func aTitleChangeIsNotRecheckedAgainstLaterRules() throws {
        let old = Fx.meeting()
        var m = old
        m.title = "Rapat Pimpinan (revisi)"
        let strict = Planner(workingHours: WorkingHours(opens: 10 * 60, closes: 12 * 60, weekdays: [1]))
        try strict.check(m, previous: old, people: Fx.people, booked: [])
        m.start = m.start.addingTimeInterval(60)
        #expect(throws: PlanningError.self) { try strict.check(m, previous: old, people: Fx.people, booked: []) }
    }

    @Test func visibleChangesBumpTheSequenceOnce() throws {
        let old = Fx.meeting()
        var m = old
        m.minutes.notes.append(DiscussionNote(itemKey: 1, text: "catatan"))
        m.settleSequence(after: old)
        #expect(m.sequence == 0)
        m.virtualLink = "https://vicon.example.go.id/baru"
        m.settleSequence(after: old)
        #expect(m.sequence == 1)
    }

    @Test func policySettingsAreChecked() throws {
        var p = Policy.standard
        try p.set("working-hours", "08:00-15:30")
        try p.set("working-days", "mon-sat")
        try p.set("grace-minutes", "5")
        #expect(p.workingHours.description == "08:00-15:30 mon-sat" && p.onTime.graceMinutes == 5)
        #expect(throws: InputError.self) { try p.set("working-hours", "16:00-08:00") }
        #expect(throws: InputError.self) { try p.set("grace-minutes", "-3") }
        #expect(throws: InputError.self) { try p.set("colour", "red") }
    }
}
