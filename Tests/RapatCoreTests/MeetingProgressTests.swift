import Foundation
import Testing
@testable import RapatCore

/// The meeting room's prediction: when the meeting ends if every remaining item keeps its time box.
@Suite struct MeetingProgressTests {
    static func agenda(_ boxes: [Int]) -> [AgendaItem] {
        boxes.enumerated().map { i, box in try! AgendaItem(key: i + 1, title: "Acara \(i + 1)", boxMinutes: box) }
    }

    @Test func beforeTheStartThePredictionIsTheStartPlusEveryBox() {
        var m = Fx.meeting()
        m.agenda = Self.agenda([10, 60, 30])
        let p = m.progress(at: Fx.at("2020-12-16 08:30"))
        #expect(p.predictedEnd(at: Fx.at("2020-12-16 08:30")) == Fx.at("2020-12-16 10:40"))
        // Not started at 09:20: whatever remains can only begin now.
        #expect(p.predictedEnd(at: Fx.at("2020-12-16 09:20")) == Fx.at("2020-12-16 11:00"))
        #expect(p.runningItem == nil)
    }

    @Test func aRunningItemCountsDownAndAnOverrunPushesTheEnd() throws {
        var m = Fx.meeting()
        m.agenda = Self.agenda([10, 60, 30])
        try m.start(at: Fx.at("2020-12-16 09:07"), reason: "Gubernur dari bandara", policy: .standard)
        try m.nextItem(at: Fx.at("2020-12-16 09:07"))
        try m.nextItem(at: Fx.at("2020-12-16 09:20"))  // item 1 ran 13 minutes of its 10
        let p = m.progress(at: Fx.at("2020-12-16 09:30"))
        #expect(p.runningItem == 1 && p.runningDeadline == Fx.at("2020-12-16 10:20"))
        #expect(p.predictedEnd(at: Fx.at("2020-12-16 09:30")) == Fx.at("2020-12-16 10:50"))
        // Item 2 still running at 10:35, fifteen minutes over: the end moves with the clock.
        #expect(p.predictedEnd(at: Fx.at("2020-12-16 10:35")) == Fx.at("2020-12-16 11:05"))
        #expect(m.progress(at: Fx.at("2020-12-16 10:35")) == p)
    }

    @Test func betweenItemsAndWithoutAgendaAndAfterTheEnd() throws {
        var m = Fx.meeting(minutes: 90)
        m.agenda = []
        try m.start(at: Fx.at("2020-12-16 09:10"), reason: "Sambungan terputus", policy: .standard)
        // No agenda: the planned length from the actual start.
        #expect(m.progress(at: Fx.at("2020-12-16 09:30")).predictedEnd(at: Fx.at("2020-12-16 09:30")) == Fx.at("2020-12-16 10:40"))
        var n = Fx.meeting()
        n.agenda = Self.agenda([10, 20])
        try n.start(at: Fx.at("2020-12-16 09:00"), reason: nil, policy: .standard)
        try n.nextItem(at: Fx.at("2020-12-16 09:00"))
        try n.nextItem(at: Fx.at("2020-12-16 09:12"))
        try n.nextItem(at: Fx.at("2020-12-16 09:30"))  // both done, nothing running
        #expect(n.progress(at: Fx.at("2020-12-16 09:40")).predictedEnd(at: Fx.at("2020-12-16 09:40")) == Fx.at("2020-12-16 09:40"))
        try n.endMeeting(at: Fx.at("2020-12-16 09:45"))
        #expect(n.progress(at: Fx.at("2020-12-16 12:00")).predictedEnd(at: Fx.at("2020-12-16 12:00")) == Fx.at("2020-12-16 09:45"))
    }
}

@Suite struct LineDiffTests {
    static func apply(_ diff: [LineDiff.Line]) -> (old: [String], new: [String]) {
        (diff.filter { $0.change != .added }.map(\.text), diff.filter { $0.change != .removed }.map(\.text))
    }

    @Test func aReplacedDecisionShowsAsRemovedAndAdded() {
        let old = ["Rapat Pimpinan", "Keputusan 1: Penyerapan 88%", "Keputusan 2: Rapat berikutnya 20 Januari", "Disetujui"]
        let new = ["Rapat Pimpinan", "Keputusan 1: Penyerapan 90%", "Keputusan 2: Rapat berikutnya 20 Januari", "Keputusan 3: Laporan mingguan", "Disetujui"]
        let diff = LineDiff.compare(old, new)
        #expect(diff.filter { $0.change == .removed }.map(\.text) == ["Keputusan 1: Penyerapan 88%"])
        #expect(diff.filter { $0.change == .added }.map(\.text) == ["Keputusan 1: Penyerapan 90%", "Keputusan 3: Laporan mingguan"])
        #expect(Self.apply(diff) == (old, new))
        #expect(diff.map(\.change) == [.same, .removed, .added, .same, .added, .same])
    }

    @Test func anyTwoListsRebuildFromTheirDifference() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let old = (0..<Int.random(in: 0...12, using: &rng)).map { _ in ["a", "b", "c", "d"].randomElement(using: &rng)! }
            let new = (0..<Int.random(in: 0...12, using: &rng)).map { _ in ["a", "b", "c", "e"].randomElement(using: &rng)! }
            let diff = LineDiff.compare(old, new)
            #expect(Self.apply(diff) == (old, new))
            #expect(diff.filter { $0.change == .same }.count <= min(old.count, new.count))
        }
        #expect(LineDiff.compare([], []).isEmpty && LineDiff.compare(["x"], ["x"]) == [.init(change: .same, text: "x")])
    }
}
