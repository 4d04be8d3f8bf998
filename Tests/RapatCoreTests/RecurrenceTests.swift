import Foundation
import Testing
@testable import RapatCore

@Suite struct RecurrenceTests {
    func days(_ rule: String, from first: String, except: [String] = []) throws -> [String] {
        let r = try Recurrence(rule: rule, exceptions: Set(except.map { try CivilDate($0) }))
        return try r.days(from: CivilDate(first)).map(\.description)
    }

    @Test func thirdWednesdayMonthly() throws {
        #expect(try days("FREQ=MONTHLY;BYDAY=3WE;COUNT=6", from: "2020-07-15")
            == ["2020-07-15", "2020-08-19", "2020-09-16", "2020-10-21", "2020-11-18", "2020-12-16"])
    }

    @Test func lastFridayMonthlyUntil() throws {
        #expect(try days("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20201231", from: "2020-10-30")
            == ["2020-10-30", "2020-11-27", "2020-12-25"])
    }

    @Test func dayOfMonthSkipsShortMonths() throws {
        #expect(try days("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", from: "2020-01-31") == ["2020-01-31", "2020-03-31", "2020-05-31"])
    }

    @Test func weeklyOnTwoDaysWithInterval() throws {
        #expect(try days("FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=2;COUNT=4", from: "2020-11-02")
            == ["2020-11-02", "2020-11-05", "2020-11-16", "2020-11-19"])
    }

    @Test func exceptionsAreRemovedAfterCounting() throws {
        #expect(try days("FREQ=WEEKLY;BYDAY=WE;COUNT=3", from: "2020-12-02", except: ["2020-12-09"]) == ["2020-12-02", "2020-12-16"])
    }

    @Test func unboundedAndAbsurdRulesAreRefused() throws {
        #expect(throws: PlanningError.recurrenceUnbounded) { try Recurrence(rule: "FREQ=WEEKLY;BYDAY=MO") }
        #expect(throws: PlanningError.recurrenceTooLong(1_000_000_000, max: Recurrence.maxOccurrences)) {
            try Recurrence(rule: "FREQ=WEEKLY;BYDAY=MO;COUNT=1000000000")
        }
        #expect(throws: PlanningError.self) { try days("FREQ=WEEKLY;BYDAY=MO;UNTIL=20991231", from: "2020-01-06") }
        #expect(throws: PlanningError.self) { try Recurrence(rule: "FREQ=YEARLY;COUNT=3") }
        #expect(throws: PlanningError.self) { try Recurrence(rule: "FREQ=MONTHLY;BYDAY=5WE;COUNT=3") }
    }

    @Test func firstDayMustFollowTheRule() {
        #expect(throws: PlanningError.startNotInRecurrence(try! CivilDate("2020-07-14"), rule: "FREQ=MONTHLY;BYDAY=3WE;COUNT=6")) {
            try days("FREQ=MONTHLY;BYDAY=3WE;COUNT=6", from: "2020-07-14")
        }
    }

    @Test func seriesKeepsWallClockTimeAndLength() throws {
        let series = Series(id: "SR-2020-001", title: "x", rule: try Recurrence(rule: "FREQ=MONTHLY;BYDAY=3WE;COUNT=3"))
        let occurrences = try series.occurrences(of: Fx.meeting(start: "2020-07-15 09:00"))
        #expect(occurrences.map { DateText(.id).dateTime($0.start, zone: Zone.jakarta) }
            == ["Rabu, 15 Juli 2020 09.00 WIB", "Rabu, 19 Agustus 2020 09.00 WIB", "Rabu, 16 September 2020 09.00 WIB"])
        #expect(occurrences.allSatisfy { $0.plannedMinutes == 120 && $0.seriesID == "SR-2020-001" })
    }
}
