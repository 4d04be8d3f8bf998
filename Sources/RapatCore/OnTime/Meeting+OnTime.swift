import Foundation

/// Running a meeting: start on time, check-in, agenda items, end.
extension Meeting {
    /// Records the actual start. Late beyond the grace needs a reason; too early is refused.
    public mutating func start(at time: Date, reason: String?, policy: OnTimePolicy) throws(OnTimeError) {
        let time = time.wholeSecond
        guard status == .scheduled else { throw .cannotStart(id, status) }
        let early = wholeMinutes(start.timeIntervalSince(time))
        if early > policy.earlyStartLimitMinutes {
            throw .tooEarly(id, minutesEarly: early, limit: policy.earlyStartLimitMinutes, scheduled: localStamp(start, zone))
        }
        let late = wholeMinutes(time.timeIntervalSince(start))
        let reason = reason?.trimmed
        if late > policy.graceMinutes {
            guard let reason, !reason.isEmpty else {
                throw .lateStartNeedsReason(id, minutesLate: late, grace: policy.graceMinutes)
            }
            lateStartReason = reason
        }
        actualStart = time
        status = .started
        // Anyone who checked in before the start is, by definition, on time.
        for i in attendance.indices where attendance[i].category.isPresent {
            attendance[i].lateMinutes = attendance[i].checkedInAt.map { max(0, wholeMinutes($0.timeIntervalSince(time))) }
        }
    }

    /// Whole minutes the actual start came after the scheduled one (0 when on time or early).
    public var startDelayMinutes: Int? {
        actualStart.map { max(0, wholeMinutes($0.timeIntervalSince(start))) }
    }

    /// Records (or corrects) one person's attendance. Lateness counts from the actual start. A correction keeps
    /// what it replaces in the entry's history, stamped with `changedBy` and the server's clock.
    public mutating func checkIn(_ nip: PersonID, as category: AttendanceCategory, at time: Date,
                                 representative: String? = nil, note: String? = nil, changedBy: String = "secretariat") throws(OnTimeError) {
        let time = time.wholeSecond
        guard status == .scheduled || status == .started else { throw .notRunning(id, status, action: "check in") }
        guard everyone.contains(nip) else { throw .notAParticipant(nip, id) }
        let representative = representative?.trimmed
        if category == .diwakili, representative?.isEmpty ?? true { throw .representativeRequired(nip) }
        var entry = Attendance(nip: nip, category: category, checkedInAt: nil, lateMinutes: nil,
                               representative: category == .diwakili ? representative : nil, note: note)
        if category.isPresent {
            if status == .scheduled, start.timeIntervalSince(time) > 2 * 3600 { throw .checkInBeforeMeeting(id) }
            // An arrival after the longest a meeting may last past its planned end is a typing error (or 2099).
            if time.timeIntervalSince(end) > TimeInterval(Planner.maxMeetingMinutes * 60) { throw .checkInAfterMeeting(id, localStamp(end, zone)) }
            entry.checkedInAt = time
            entry.lateMinutes = actualStart.map { max(0, wholeMinutes(time.timeIntervalSince($0))) } ?? 0
        }
        if let i = attendance.firstIndex(where: { $0.nip == nip }) {
            let previous = attendance.remove(at: i)
            if previous.withoutHistory != entry {
                entry.history = (previous.history ?? []) + [AttendanceChange(previous, replacedAt: Date(), by: changedBy)]
            } else {
                entry.history = previous.history
            }
        }
        attendance.append(entry)
        sortAttendance()
    }

    /// Closes the running agenda item and opens the following one (the first, when none ran yet).
    /// Returns the index of the item now running, or nil when the last one was closed.
    @discardableResult
    public mutating func nextItem(at time: Date) throws(OnTimeError) -> Int? {
        let time = time.wholeSecond
        guard status == .started, let actualStart else { throw .notRunning(id, status, action: "move to the next agenda item") }
        guard !agenda.isEmpty else { throw .noAgenda(id) }
        guard time >= actualStart else { throw .beforeActualStart(id, localStamp(actualStart, zone)) }
        let running = runningItem
        if running == nil, agenda.allSatisfy({ $0.actualEnd != nil }) { throw .agendaFinished(id) }
        if let running {
            guard let opened = agenda[running].actualStart, time >= opened else {
                throw .beforeActualStart(id, localStamp(agenda[running].actualStart ?? actualStart, zone))
            }
            agenda[running].actualEnd = time
        }
        guard let following = agenda.firstIndex(where: { $0.actualStart == nil }) else { return nil }
        agenda[following].actualStart = time
        return following
    }

    /// The agenda item now being discussed.
    public var runningItem: Int? { agenda.firstIndex(where: \.isRunning) }

    /// Ends the meeting: closes the running item and records everyone who never checked in as tanpa keterangan.
    public mutating func endMeeting(at time: Date) throws(OnTimeError) {
        let time = time.wholeSecond
        guard status == .started, let actualStart else { throw .notRunning(id, status, action: "end it") }
        guard time >= actualStart else { throw .beforeActualStart(id, localStamp(actualStart, zone)) }
        if let running = runningItem { agenda[running].actualEnd = time }
        let recorded = Set(attendance.map(\.nip))
        for nip in everyone where !recorded.contains(nip) {
            attendance.append(Attendance(nip: nip, category: .tanpaKeterangan, checkedInAt: nil, lateMinutes: nil))
        }
        sortAttendance()
        actualEnd = time
        status = .ended
    }

    /// Keeps the attendance list in the order of the invitation (chair, notulis, participants), as a daftar hadir reads.
    public mutating func sortAttendance() {
        let order = Dictionary(everyone.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        attendance.sort { (order[$0.nip] ?? .max, $0.nip) < (order[$1.nip] ?? .max, $1.nip) }
    }

    /// Agenda items that ran past their time box.
    public var overrunItems: [AgendaItem] { agenda.filter(\.isOverrun) }
    public var totalOverrunMinutes: Int { agenda.reduce(0) { $0 + ($1.overrunMinutes ?? 0) } }
}
