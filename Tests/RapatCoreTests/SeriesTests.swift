import Foundation
import Testing
@testable import RapatCore

/// Carry-over across a three-month series, built by hand.
@Suite struct CarryOverTests {
    static func month(_ serial: Int, _ day: String) -> Meeting {
        var m = Fx.meeting(id: serial, start: "\(day) 09:00")
        m.seriesID = "SR-2020-001"
        return m
    }

    /// Month 1: item 1 (60 min box) runs 68 min; item 2 is never reached.
    static func heldMonth1() throws -> Meeting {
        var m = month(1, "2020-10-21")
        try m.start(at: Fx.at("2020-10-21 09:00"), reason: nil, policy: .standard)
        try m.nextItem(at: Fx.at("2020-10-21 09:00"))
        try m.endMeeting(at: Fx.at("2020-10-21 10:08"))
        try m.addAction(item: 1, text: "Rencana percepatan penyerapan", owner: .opd("BPKAD"), due: CivilDate("2020-11-04"))
        return m
    }

    static func record(_ m: Meeting, _ a: ActionItem) -> ActionRecord {
        ActionRecord(id: ActionID(meeting: m.id, number: a.number), action: a, meetingTitle: m.title, meetingDate: CivilDate(m.start, in: m.zone),
                     seriesID: m.seriesID, ownerOPD: "BPKAD", status: .open, completedAt: nil, completionNote: nil)
    }

    @Test func overrunAndUnreachedItemsAreCarriedWithTheirHistory() throws {
        let m1 = try Self.heldMonth1()
        let carry = CarryOver(today: try CivilDate("2020-11-18"))
        let carried = carry.carriedItems(from: m1)
        #expect(carried.map(\.title) == ["Evaluasi penyerapan anggaran", "Penanganan COVID-19"])
        #expect(carried.map(\.boxMinutes) == [10, 30])  // 8 min over → 10; not reached → its own box
        #expect(carried.allSatisfy { $0.carriedFrom == [m1.id] && $0.actualStart == nil })

        var m2 = Self.month(2, "2020-11-18")
        m2.agenda = try carry.prepare(m2, previous: m1, openActions: [])
        #expect(m2.agenda.map(\.title) == ["Evaluasi penyerapan anggaran", "Evaluasi penyerapan anggaran", "Penanganan COVID-19", "Penanganan COVID-19"])
        #expect(m2.agenda.map(\.isCarried) == [false, true, true, false])
        #expect(Set(m2.agenda.map(\.key)).count == 4)

        // Month 2 reaches only its first item; the carried COVID item moves on again, remembering both meetings.
        try m2.start(at: Fx.at("2020-11-18 09:00"), reason: nil, policy: .standard)
        try m2.nextItem(at: Fx.at("2020-11-18 09:00"))
        try m2.endMeeting(at: Fx.at("2020-11-18 09:50"))
        let m3carried = CarryOver(today: try CivilDate("2020-12-16")).carriedItems(from: m2)
        #expect(m3carried.first { $0.title == "Penanganan COVID-19" && $0.carriedFrom == [m1.id, m2.id] } != nil)
    }

    @Test func standingItemsRecurButAreNeverCarriedOver() throws {
        // Opening and closing are standing items: month 1 never reaches its closing, yet month 2 holds it once, as planned.
        func withStanding(_ m: Meeting) throws -> Meeting {
            var m = m
            m.agenda.insert(try AgendaItem(key: 10, title: "Pembukaan", boxMinutes: 5, isStanding: true), at: 0)
            m.agenda.append(try AgendaItem(key: 11, title: "Lain-lain dan penutup", boxMinutes: 5, isStanding: true))
            m.end = m.end.addingTimeInterval(600)
            return m
        }
        var m1 = try withStanding(Self.month(1, "2020-10-21"))
        try m1.start(at: Fx.at("2020-10-21 09:00"), reason: nil, policy: .standard)
        try m1.nextItem(at: Fx.at("2020-10-21 09:00"))
        try m1.nextItem(at: Fx.at("2020-10-21 09:10"))  // the opening ran 10 min in a 5 min box
        try m1.endMeeting(at: Fx.at("2020-10-21 10:20"))
        let carry = CarryOver(today: try CivilDate("2020-11-18"))
        #expect(!carry.carriedItems(from: m1).contains { $0.isStanding || $0.title == "Pembukaan" || $0.title == "Lain-lain dan penutup" })
        var m2 = try withStanding(Self.month(2, "2020-11-18"))
        m2.agenda = try carry.prepare(m2, previous: m1, openActions: [])
        #expect(m2.agenda.filter { $0.title == "Pembukaan" }.count == 1 && m2.agenda.filter { $0.title == "Lain-lain dan penutup" }.count == 1)
        #expect(m2.agenda.first?.title == "Pembukaan" && m2.agenda.last?.title == "Lain-lain dan penutup")
    }

    @Test func itemsWrittenBeforeStandingItemsExistedAreReadAsNotStanding() throws {
        let json = #"{"key":1,"title":"Pembukaan","boxMinutes":10,"carriedFrom":[],"isFollowUp":false}"#
        let item = try JSONDecoder().decode(AgendaItem.self, from: Data(json.utf8))
        #expect(item.isStanding == false && item.title == "Pembukaan")
    }

    @Test func openActionsBecomeOneStandingItemWithOverdueFlagged() throws {
        let m1 = try Self.heldMonth1()
        let open = [Self.record(m1, m1.minutes.actions[0])]
        let carry = CarryOver(followUpBoxMinutes: 10, today: try CivilDate("2020-12-16"))
        var m3 = Self.month(3, "2020-12-16")
        m3.agenda = try carry.prepare(m3, previous: nil, openActions: open)
        let item = try #require(m3.agenda.first { $0.isFollowUp })
        #expect(item.title == CarryOver.followUpTitle && item.boxMinutes == 10)
        #expect(item.details == "BPKAD:\n- RP-2020-0001/1 Rencana percepatan penyerapan (tenggat 2020-11-04, TERLAMBAT 42 hari)")
        let day = try CivilDate("2020-12-16")
        #expect(open[0].isOverdue(on: day) && open[0].ageDays(on: day) == 56)
        // Preparing again replaces, never duplicates.
        m3.agenda = try carry.prepare(m3, previous: nil, openActions: open)
        #expect(m3.agenda.filter(\.isFollowUp).count == 1 && m3.agenda.count == 3)
    }

    @Test func anAgendaThatNoLongerFitsListsItsItemsAndDropFixesIt() throws {
        let m1 = try Self.heldMonth1()
        let m2 = Self.month(2, "2020-11-18")
        let carry = CarryOver(today: try CivilDate("2020-11-18"))
        let agenda = try carry.prepare(m2, previous: m1, openActions: [Self.record(m1, m1.minutes.actions[0])])
        #expect(agenda.reduce(0) { $0 + $1.boxMinutes } == 145)  // 60 + 15 + 10 + 30 + 30 in 120 min
        #expect {
            try CarryOver.checkFits(agenda, in: m2)
        } throws: { error in
            guard case let SeriesError.agendaDoesNotFit(id, total, planned, items) = error else { return false }
            return id == m2.id && total == 145 && planned == 120 && items.count == 5
                && items[3] == "4. Penanganan COVID-19 (30 min, lanjutan)" && "\(error)".contains("--drop N")
        }
        let dropped = try CarryOver.adjust(agenda, drop: [4], boxes: [1: 50])
        try CarryOver.checkFits(dropped, in: m2)
        #expect(dropped.map(\.boxMinutes) == [50, 15, 10, 30])
        #expect(throws: InputError.self) { try CarryOver.adjust(agenda, drop: [9], boxes: [:]) }
    }
}

@Suite struct IndicatorTests {
    static func meeting(_ serial: Int, _ figures: [(String, Double, Double, String)]) throws -> Meeting {
        var m = Fx.meeting(id: serial, start: "2020-1\(serial)-16 09:00")
        for (opd, target, actual, asOf) in figures {
            try m.recordIndicator(Indicator(opd: opd, name: "penyerapan-anggaran", target: target, actual: actual, unit: "%", asOf: CivilDate(asOf)))
        }
        return m
    }

    @Test func trendGapAndWhoFellBehind() throws {
        let meetings = [
            try Self.meeting(0, [("BPKAD", 70, 52.5, "2020-09-30"), ("Dinkes", 70, 71, "2020-09-30")]),
            try Self.meeting(1, [("BPKAD", 80, 62, "2020-10-31"), ("Dinkes", 80, 78.25, "2020-10-31")]),
            try Self.meeting(2, [("BPKAD", 88, 71.3, "2020-11-30"), ("Dinkes", 88, 90, "2020-11-30")]),
        ]
        let r = IndicatorReport(meetings: meetings)
        #expect(r.months == ["2020-09", "2020-10", "2020-11"])
        let bpkad = try #require(r.rows.first { $0.opd == "BPKAD" })
        #expect(bpkad.points.map(\.actual) == [52.5, 62, 71.3])
        #expect(bpkad.points.map(\.gap) == [-17.5, -18, -16.7])
        #expect(bpkad.latestGap == -16.7 && bpkad.isBehind && bpkad.change == 18.8)
        let dinkes = try #require(r.rows.first { $0.opd == "Dinkes" })
        #expect(dinkes.points.map(\.gap) == [1, -1.75, 2] && !dinkes.isBehind)
        #expect(r.behind.map(\.opd) == ["BPKAD"])
        #expect(IndicatorReport(meetings: meetings, opd: "dinkes").rows.count == 1)
        #expect(IndicatorReport.sparkline([52.5, 62, 71.3]) == "▁▄█")
    }

    @Test func recordingTheSameFigureAgainReplacesIt() throws {
        var m = try Self.meeting(0, [("BPKAD", 88, 70, "2020-11-30")])
        try m.recordIndicator(Indicator(opd: "BPKAD", name: "Penyerapan-Anggaran", target: 88, actual: 71.3, unit: "%", asOf: CivilDate("2020-11-30")))
        #expect(m.minutes.indicators.map(\.actual) == [71.3])
        #expect(throws: InputError.self) { try Indicator(opd: "BPKAD", name: "penyerapan anggaran", target: 1, actual: 1, unit: "%", asOf: CivilDate("2020-11-30")) }
    }

    @Test func csvFromTheFinanceBureauIsRead() throws {
        let comma = "OPD,indicator,target,actual,as-of,unit\nBPKAD,penyerapan-anggaran,88,\"71,3\",2020-11-30,%\n\"Satpol PP\",penyerapan-anggaran,88,67,2020-11-30,%\n"
        let rows = try IndicatorCSV.parse(comma)
        #expect(rows.map(\.opd) == ["BPKAD", "Satpol PP"] && rows[0].actual == 71.3 && rows[0].unit == "%")
        let semicolon = "\u{FEFF}OPD;Indikator;Target;Realisasi;Per\r\nDinkes;kasus-aktif;0;1204;2020-11-30\r\n"
        #expect(try IndicatorCSV.parse(semicolon).map(\.actual) == [1204])
    }

    @Test(arguments: [
        ("OPD,indicator,target,actual,as-of\nBPKAD,penyerapan-anggaran,88,71.3,2020-11-30\nDinkes,penyerapan-anggaran,88,tujuh puluh,2020-11-30\n", "line 3"),
        ("OPD,indicator,target,actual,as-of\nBPKAD,penyerapan-anggaran,88,71.3,2020-11-31\n", "line 2"),
        ("OPD,indicator,target,actual,as-of\nBPKAD,penyerapan-anggaran,88\n", "line 2"),
        ("OPD,indicator,target,actual\nBPKAD,x,1,1\n", "line 1"),
        ("OPD,indicator,target,actual,as-of\n\"BPKAD,penyerapan-anggaran,88,71.3,2020-11-30\n", "line 2"),
    ])
    func aBadRowIsNamedByItsLine(_ csv: String, _ line: String) {
        #expect { try IndicatorCSV.parse(csv, source: "bpkad.csv") } throws: { "\($0)".contains("\(line) of bpkad.csv") }
    }
}
