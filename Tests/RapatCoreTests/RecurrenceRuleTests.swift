import Foundation
import Testing
@testable import RapatCore

/// RFC 5545 §3.8.5.3's examples (DTSTART in America/New_York), and what they leave out: RFC 5545's reading
/// of week numbers across a new year, wall-clock times across daylight saving, rules that match nothing.
@Suite struct RecurrenceRuleTests {
    static let newYork = TimeZone(identifier: "America/New_York")!

    func occurrences(_ rule: String, _ start: String, limit: Int = 200, through: String? = nil) throws -> [String] {
        let r = try RecurrenceRule(parsing: rule)
        let first = try #require(LocalDateTime(ical: Substring(start)))
        return r.expand(from: first, zone: Self.newYork, through: through.flatMap { LocalDateTime(ical: Substring($0)) })
            .prefix(limit).map(\.description)
    }

    /// Days written as `MMDD` of `year` at 09:00.
    func at9(_ year: Int, _ days: [String]) -> [String] { days.map { "\(year)\($0)T090000" } }

    struct Example: Sendable, CustomStringConvertible {
        var rule: String
        var start: String
        var expected: [String]
        var limit = 200
        var description: String { rule }
    }

    static let examples: [Example] = [
        Example(rule: "FREQ=DAILY;COUNT=10", start: "19970902T090000",
                expected: (2...11).map { String(format: "199709%02dT090000", $0) }),
        Example(rule: "FREQ=DAILY;INTERVAL=10;COUNT=5", start: "19970902T090000",
                expected: ["19970902T090000", "19970912T090000", "19970922T090000", "19971002T090000", "19971012T090000"]),
        Example(rule: "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", start: "19970902T090000",
                expected: ["0902", "0904", "0909", "0911", "0916", "0918", "0923", "0925", "0930", "1002"].map { "1997\($0)T090000" }),
        Example(rule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", start: "19970901T090000",
                expected: ["0901", "0903", "0905", "0915", "0917", "0919", "0929", "1001", "1003", "1013", "1015", "1017", "1027",
                           "1029", "1031", "1110", "1112", "1114", "1124", "1126", "1128", "1208", "1210", "1212", "1222"].map { "1997\($0)T090000" }),
        Example(rule: "FREQ=MONTHLY;COUNT=10;BYDAY=1FR", start: "19970905T090000",
                expected: ["19970905", "19971003", "19971107", "19971205", "19980102", "19980206", "19980306", "19980403", "19980501",
                           "19980605"].map { "\($0)T090000" }),
        Example(rule: "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", start: "19970907T090000",
                expected: ["19970907", "19970928", "19971102", "19971130", "19980104", "19980125", "19980301", "19980329", "19980503",
                           "19980531"].map { "\($0)T090000" }),
        Example(rule: "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", start: "19970922T090000",
                expected: ["19970922", "19971020", "19971117", "19971222", "19980119", "19980216"].map { "\($0)T090000" }),
        Example(rule: "FREQ=MONTHLY;BYMONTHDAY=-3", start: "19970928T090000",
                expected: ["19970928", "19971029", "19971128", "19971229", "19980129", "19980226"].map { "\($0)T090000" }, limit: 6),
        Example(rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", start: "19970930T090000",
                expected: ["19970930", "19971001", "19971031", "19971101", "19971130", "19971201", "19971231", "19980101", "19980131",
                           "19980201"].map { "\($0)T090000" }),
        Example(rule: "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", start: "19970910T090000",
                expected: ["19970910", "19970911", "19970912", "19970913", "19970914", "19970915", "19990310", "19990311", "19990312",
                           "19990313"].map { "\($0)T090000" }),
        Example(rule: "FREQ=YEARLY;COUNT=10;BYMONTH=6,7", start: "19970610T090000",
                expected: (1997...2001).flatMap { ["\($0)0610T090000", "\($0)0710T090000"] }),
        Example(rule: "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", start: "19970101T090000",
                expected: ["19970101", "19970410", "19970719", "20000101", "20000409", "20000718", "20030101", "20030410", "20030719",
                           "20060101"].map { "\($0)T090000" }),
        Example(rule: "FREQ=YEARLY;BYDAY=20MO", start: "19970519T090000",
                expected: ["19970519T090000", "19980518T090000", "19990517T090000"], limit: 3),
        Example(rule: "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", start: "19970512T090000",
                expected: ["19970512T090000", "19980511T090000", "19990517T090000"], limit: 3),
        Example(rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=TH", start: "19970313T090000",
                expected: ["19970313", "19970320", "19970327", "19980305", "19980312", "19980319", "19980326", "19990304", "19990311",
                           "19990318", "19990325"].map { "\($0)T090000" }, limit: 11),
        Example(rule: "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", start: "19970902T090000",
                expected: ["19980213", "19980313", "19981113", "19990813", "20001013"].map { "\($0)T090000" }, limit: 5),
        Example(rule: "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", start: "19970913T090000",
                expected: ["19970913", "19971011", "19971108", "19971213", "19980110", "19980207", "19980307", "19980411", "19980509",
                           "19980613"].map { "\($0)T090000" }, limit: 10),
        Example(rule: "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", start: "19961105T090000",
                expected: ["19961105T090000", "20001107T090000", "20041102T090000"], limit: 3),
        Example(rule: "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", start: "19970904T090000",
                expected: ["19970904T090000", "19971007T090000", "19971106T090000"]),
        Example(rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", start: "19970929T090000",
                expected: ["19970929", "19971030", "19971127", "19971230", "19980129", "19980226", "19980330"].map { "\($0)T090000" }, limit: 7),
        Example(rule: "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z", start: "19970902T090000",
                expected: ["19970902T090000", "19970902T120000", "19970902T150000"]),
        Example(rule: "FREQ=MINUTELY;INTERVAL=15;COUNT=6", start: "19970902T090000",
                expected: ["090000", "091500", "093000", "094500", "100000", "101500"].map { "19970902T\($0)" }),
        Example(rule: "FREQ=MINUTELY;INTERVAL=90;COUNT=4", start: "19970902T090000",
                expected: ["090000", "103000", "120000", "133000"].map { "19970902T\($0)" }),
        Example(rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", start: "19970805T090000",
                expected: ["19970805", "19970810", "19970819", "19970824"].map { "\($0)T090000" }),
        Example(rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", start: "19970805T090000",
                expected: ["19970805", "19970817", "19970819", "19970831"].map { "\($0)T090000" }),
        Example(rule: "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", start: "20070115T090000",
                expected: ["20070115", "20070130", "20070215", "20070315", "20070330"].map { "\($0)T090000" }),
    ]

    @Test(arguments: examples) func rfc5545Example(_ e: Example) throws {
        #expect(try occurrences(e.rule, e.start, limit: e.limit) == e.expected)
    }

    @Test func dailyUntilAndEveryDayOfJanuary() throws {
        let daily = try occurrences("FREQ=DAILY;UNTIL=19971224T000000Z", "19970902T090000")
        #expect(daily.count == 113 && daily.last == "19971223T090000")
        let january = try occurrences("FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", "19980101T090000")
        let daily2 = try occurrences("FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", "19980101T090000")
        #expect(january.count == 93 && january == daily2)
    }

    @Test func everyTwentyMinutesInOfficeHoursTwoWays() throws {
        let a = try occurrences("FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", "19970902T090000", limit: 30)
        let b = try occurrences("FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", "19970902T090000", limit: 30)
        #expect(a == b && a.count == 30 && a[23] == "19970902T164000" && a[24] == "19970903T090000")
    }

    @Test func weekNumbersFollowTheWeekTheyBelongTo() throws {
        // 2039-01-01 (Saturday) lies in week 52 of 2038. 2024-12-30 (Monday) lies in week 1 of 2025, which has
        // 52 weeks: week -52; 2025-12-29 in week 1 of 2026, which has 53: week -53, so week -52 is 2026's second.
        #expect(try occurrences("FREQ=YEARLY;BYWEEKNO=52;BYDAY=SA", "20380101T090000", limit: 3)
            == ["20390101T090000", "20391231T090000", "20401229T090000"])
        #expect(try occurrences("FREQ=YEARLY;BYWEEKNO=-52;BYDAY=MO", "20240101T090000", limit: 3)
            == ["20240101T090000", "20241230T090000", "20260105T090000"])
        #expect(try occurrences("FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH", "20200101T090000", limit: 2)
            == ["20201231T090000", "20261231T090000"])
    }

    @Test func yearlyOnALeapDaySkipsOtherYears() throws {
        #expect(try occurrences("FREQ=YEARLY;COUNT=3", "20200229T090000") == ["20200229T090000", "20240229T090000", "20280229T090000"])
    }

    @Test func wallClockStaysAcrossDaylightSaving() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=DAILY;COUNT=3")
        let days = rule.expand(from: try #require(LocalDateTime(ical: "20210313T090000")), zone: Self.newYork).map { $0.instant(in: Self.newYork) }
        #expect(days[1].timeIntervalSince(days[0]) == 23 * 3600 && days[2].timeIntervalSince(days[1]) == 24 * 3600)
        // 02:30 on the night clocks go forward is read with the offset from before the gap: 03:30 EDT.
        #expect(try #require(LocalDateTime(ical: "20210314T023000")).instant(in: Self.newYork)
            == Date(timeIntervalSince1970: 1_615_707_000))
        // 01:30 on the night clocks go back is the first 01:30 (EDT).
        #expect(try #require(LocalDateTime(ical: "20211107T013000")).instant(in: Self.newYork)
            == Date(timeIntervalSince1970: 1_636_263_000))
    }

    @Test func rulesThatMatchNothingEnd() throws {
        #expect(try occurrences("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "20200101T090000").isEmpty)
        #expect(try occurrences("FREQ=SECONDLY;INTERVAL=15;BYSECOND=7", "20200101T090000").isEmpty)
        #expect(try occurrences("FREQ=SECONDLY;BYSETPOS=2", "20200101T090000").isEmpty)
        #expect(try occurrences("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31", "20200101T090000").isEmpty)
    }

    @Test func ruleWithoutEndIsReadOnlyAsFarAsAsked() throws {
        #expect(try occurrences("FREQ=WEEKLY", "20200106T090000", through: "20200131T235959").count == 4)
        #expect(try occurrences("FREQ=SECONDLY", "20200106T090000", through: "20200106T090009").count == 10)
    }

    @Test func untilAsDateIncludesThatDay() throws {
        #expect(try occurrences("FREQ=DAILY;UNTIL=20200103", "20200101T090000").count == 3)
        #expect(try occurrences("FREQ=DAILY;UNTIL=20200103T080000", "20200101T090000").count == 2)
    }

    @Test func textRoundTripsAndNamesWhatIsWrong() throws {
        let r = try RecurrenceRule(parsing: "rrule:freq=monthly;byday=+2we,-1fr;bysetpos=1;interval=2;until=20201231T170000Z;wkst=su;x-foo=1")
        #expect(r.description == "FREQ=MONTHLY;BYDAY=2WE,-1FR;BYSETPOS=1;INTERVAL=2;UNTIL=20201231T170000Z;WKST=SU")
        #expect(try RecurrenceRule(parsing: r.description) == r)
        for bad in ["BYDAY=MO", "FREQ=FORTNIGHTLY", "FREQ=DAILY;BYHOUR=24", "FREQ=MONTHLY;BYDAY=0MO", "FREQ=DAILY;COUNT=0",
                    "FREQ=DAILY;UNTIL=2020", "FREQ=DAILY;FOO=1", "FREQ=DAILY;BYMONTHDAY=0", "FREQ=DAILY;INTERVAL=", "FREQ=YEARLY;BYWEEKNO=54"] {
            #expect(throws: PlanningError.self, "\(bad)") { try RecurrenceRule(parsing: bad) }
        }
    }
}
