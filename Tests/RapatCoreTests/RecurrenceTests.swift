import Foundation
import Testing
@testable import RapatCore

@Suite struct RecurrenceTests {
    func days(_ rule: String, from first: String, except: [String] = []) throws -> [String] {
        let r = try Recurrence(rule: rule, exceptions: Set(except.map { try CivilDate($0) }))
        // As planning expands a series: it must be plannable, at most 260 meetings.
        try r.checkPlannable()
        return try r.starts(from: LocalDateTime(CivilDate(first)), zone: nil, limit: Recurrence.maxOccurrences).map(\.date.description)
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

    @Test func unboundedAndAbsurdPlansAreRefused() throws {
        #expect(throws: PlanningError.recurrenceUnbounded) { try Recurrence(rule: "FREQ=WEEKLY;BYDAY=MO").checkPlannable() }
        #expect(throws: PlanningError.recurrenceTooLong(1_000_000_000, max: Recurrence.maxOccurrences)) {
            try Recurrence(rule: "FREQ=WEEKLY;BYDAY=MO;COUNT=1000000000").checkPlannable()
        }
        #expect(throws: PlanningError.self) { try days("FREQ=WEEKLY;BYDAY=MO;UNTIL=20991231", from: "2020-01-06") }
        #expect(throws: PlanningError.self) { try Recurrence(rule: "FREQ=MONTHLY;BYDAY=0WE;COUNT=3") }
    }

    @Test func yearlyAndFifthWeekdaysArePlannable() throws {
        #expect(try days("FREQ=YEARLY;COUNT=3", from: "2020-08-17") == ["2020-08-17", "2021-08-17", "2022-08-17"])
        #expect(try days("FREQ=MONTHLY;BYDAY=5WE;COUNT=2", from: "2020-07-29") == ["2020-07-29", "2020-09-30"])
    }

    @Test func storedFormsOfEarlierVersionsStillRead() throws {
        let legacy = #"{"count":8,"exceptions":["2020-09-16"],"interval":1,"pattern":{"monthlyOnWeekday":{"ordinal":3,"weekday":3}}}"#
        let r = try JSONDecoder().decode(Recurrence.self, from: Data(legacy.utf8))
        let september = try CivilDate("2020-09-16")
        #expect(r.description == "FREQ=MONTHLY;BYDAY=3WE;COUNT=8" && r.exceptions == [september])
        let weekly = #"{"until":"2020-12-31","exceptions":[],"interval":2,"pattern":{"weekly":{"weekdays":[1,4]}}}"#
        #expect(try JSONDecoder().decode(Recurrence.self, from: Data(weekly.utf8)).description == "FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=2;UNTIL=20201231")
        let day = #"{"count":3,"exceptions":[],"interval":1,"pattern":{"monthlyOnDay":{"_0":15}}}"#
        #expect(try JSONDecoder().decode(Recurrence.self, from: Data(day.utf8)).description == "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3")
        let again = try JSONDecoder().decode(Recurrence.self, from: try JSONEncoder().encode(r))
        #expect(again == r)
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
