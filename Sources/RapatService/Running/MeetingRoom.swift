import Foundation
import RapatCore
import RapatStore

/// Running a meeting: start, check-in, next item, end. Times are typed in the meeting's zone
/// ('YYYY-MM-DD HH:MM', or HH:MM on the meeting's day); nil means now.
public struct MeetingRoom: Sendable {
    let store: any MeetingStore
    let principal: Principal

    static func time(_ text: String?, for m: Meeting) throws -> Date {
        guard let text else { return Date() }
        return try PlanRequest.time(text, zone: m.zone, sameDayAs: m.start)
    }

    /// Starts the meeting: a late start needs a reason, one too early is refused.
    public func start(_ id: MeetingID, at: String?, reason: String?) async throws -> Meeting {
        try AccessPolicy.require(principal, .runMeetings)
        return try await store.change(id) { m, policy in try m.start(at: Self.time(at, for: m), reason: reason, policy: policy.onTime) }
    }

    /// Records a person's attendance; lateness counts from the actual start. A participant checks in once, as
    /// themselves, present or online, at the server's clock; changing a recorded attendance is the secretariat's,
    /// with a reason (`note`).
    public func checkIn(_ id: MeetingID, _ nip: PersonID, as category: AttendanceCategory, at: String?, representative: String?,
                        note: String?) async throws -> (meeting: Meeting, attendance: Attendance) {
        try AccessPolicy.require(principal, .checkIn(nip))
        let selfCheckIn = principal.role == .participant
        if selfCheckIn {
            if let at { throw InputError.invalidValue(field: "at", value: at, hint: "a participant checks in at the server's clock: leave it out") }
            guard category == .hadir || category == .daring else {
                throw InputError.invalidValue(field: "category", value: category.rawValue, hint: "check in as hadir or daring; the secretariat records the rest")
            }
        }
        let m = try await store.change(id) { m, _ in
            if let recorded = m.attendance.first(where: { $0.nip == nip }) {
                if selfCheckIn { throw OnTimeError.attendanceAlreadyRecorded(nip, m.id, recorded.category) }
                if note?.trimmed.isEmpty ?? true, recorded.category != category || recorded.representative != representative {
                    throw OnTimeError.attendanceChangeNeedsReason(nip, m.id, recorded.category)
                }
            }
            try m.checkIn(nip, as: category, at: Self.time(at, for: m), representative: representative, note: note,
                          changedBy: principal.label)
        }
        return (m, m.attendance.first { $0.nip == nip }!)
    }

    /// Closes the running agenda item and opens the next; returns the meeting before and after.
    public func next(_ id: MeetingID, at: String?) async throws -> (before: Meeting, after: Meeting) {
        try AccessPolicy.require(principal, .runMeetings)
        let before = try await store.meeting(id)
        return (before, try await store.change(id) { m, _ in try m.nextItem(at: Self.time(at, for: m)) })
    }

    /// Ends the meeting; whoever never checked in is recorded as tanpa keterangan.
    public func end(_ id: MeetingID, at: String?) async throws -> Meeting {
        try AccessPolicy.require(principal, .runMeetings)
        return try await store.change(id) { m, _ in try m.endMeeting(at: Self.time(at, for: m)) }
    }
}

/// What the meeting room shows one reader at one instant: the meeting, the people it names, the on-time policy,
/// the server's clock (the browser only renders it) and what this reader may do there.
public struct RoomView: Sendable {
    public let meeting: Meeting
    public let people: [PersonID: Person]
    public let onTime: OnTimePolicy
    public let now: Date
    /// Start, move on and end the meeting.
    public let mayRun: Bool
    /// Record anyone's attendance (izin, sakit, dinas luar, a representative…).
    public let mayRecordAttendance: Bool
    /// The reader's own NIP when they are invited and may still check themselves in now.
    public let mayCheckInAs: PersonID?
    /// The reader's own NIP, when they are a registered person.
    public let readerNIP: PersonID?

    public var progress: MeetingProgress { meeting.progress(at: now) }
    /// The reader's own recorded attendance, if they are invited.
    public func attendance(of nip: PersonID) -> Attendance? { meeting.attendance.first { $0.nip == nip } }
    /// Whole minutes past the scheduled start plus grace, seen now (0 when not late): a start now needs a reason when > 0.
    public var minutesPastGrace: Int {
        guard meeting.status == .scheduled else { return 0 }
        return max(0, Int(now.timeIntervalSince(meeting.start) / 60) - onTime.graceMinutes)
    }
}

extension MeetingRoom {
    /// The room as this principal may see it now.
    public func view(_ id: MeetingID) async throws -> RoomView {
        let m = try await store.meeting(id)
        try AccessPolicy.requireRead(principal, m)
        let people = try await store.people(m.namedPeople).byID
        let open = m.status == .scheduled || m.status == .started
        var selfCheckIn: PersonID?
        if principal.role == .participant, let me = principal.person, m.everyone.contains(me), open,
           !m.attendance.contains(where: { $0.nip == me }) {
            selfCheckIn = me
        }
        return RoomView(meeting: m, people: people, onTime: try await store.policy().onTime, now: Date(),
                        mayRun: AccessPolicy.may(principal, .runMeetings) && open,
                        mayRecordAttendance: AccessPolicy.may(principal, .runMeetings) && open, mayCheckInAs: selfCheckIn,
                        readerNIP: principal.person)
    }
}
