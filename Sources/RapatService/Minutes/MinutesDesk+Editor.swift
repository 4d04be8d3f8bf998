import Foundation
import RapatCore
import RapatStore

/// The notula as its editor shows it to one reader: what they may do, the earlier meetings' open action items
/// (tindak lanjut rapat sebelumnya) and the sealed versions.
public struct MinutesView: Sendable {
    public let meeting: Meeting
    public let people: [PersonID: Person]
    /// Write notes, decisions and action items (the secretariat, the chair, the minute-taker), before approval.
    public let mayWrite: Bool
    /// Approve (the chair, or the secretariat recording the chair's approval), once the meeting has ended.
    public let mayApprove: Bool
    /// Correct approved minutes: a new sealed version with a reason.
    public let mayCorrect: Bool
    /// The open action items of earlier meetings of the series, oldest first.
    public let followUps: [ActionRecord]
    public let versions: [MinutesVersion]
    public let today: CivilDate
}

extension MinutesDesk {
    /// The editor's view of a meeting's minutes, as far as this principal may read them.
    public func editor(_ id: MeetingID) async throws -> MinutesView {
        let m = try await store.meeting(id)
        try AccessPolicy.requireRead(principal, m)
        let write = AccessPolicy.may(principal, .writeMinutes, on: m)
        let approve = AccessPolicy.may(principal, .approveMinutes, on: m)
        let today = CivilDate(Date(), in: m.zone)
        var followUps: [ActionRecord] = []
        if write, let series = m.seriesID {
            followUps = try await store.actions(ActionFilter(status: .open, seriesID: series, before: m.start, today: today))
                .filter { $0.id.meeting != m.id }
        }
        return MinutesView(meeting: m, people: try await store.people(m.namedPeople).byID,
                           mayWrite: write && !m.minutes.isApproved && m.status != .cancelled,
                           mayApprove: approve && !m.minutes.isApproved && m.status == .ended && signer != nil,
                           mayCorrect: approve && m.minutes.isApproved && signer != nil, followUps: followUps,
                           versions: m.minutes.isApproved ? try await store.minutesVersions(id) : [], today: today)
    }

    /// Marks an earlier meeting's action item done (or open again) from the minutes of `current`, a later meeting of
    /// the same series whose minutes this principal writes.
    public func followUp(_ action: ActionID, done: Bool, note: String?, from current: MeetingID) async throws -> ActionRecord {
        let m = try await store.meeting(current)
        try AccessPolicy.require(principal, .writeMinutes, on: m)
        let earlier = try await store.meeting(action.meeting)
        guard let series = m.seriesID, earlier.seriesID == series, earlier.start < m.start else {
            throw InputError.invalidValue(field: "action", value: action.description,
                                          hint: "follow up action items of earlier meetings of this meeting's series")
        }
        return try await store.setActionStatus(action, done ? .done : .open, at: Date(), note: note?.trimmed.isEmpty == false ? note : nil)
    }

    /// What changed between two sealed versions of a meeting's minutes, line by line.
    public func compare(_ id: MeetingID, from old: Int, to new: Int, language: Language) async throws -> [LineDiff.Line] {
        let versions = try await versions(id)
        func version(_ n: Int) throws -> MinutesVersion {
            guard let v = versions.first(where: { $0.version == n }) else {
                throw InputError.invalidValue(field: "version", value: String(n),
                                              hint: versions.isEmpty ? "the minutes are not approved yet" : "versions 1–\(versions.count)")
            }
            return v
        }
        return LineDiff.compare(try version(old).lines(language), try version(new).lines(language))
    }
}

extension MinutesVersion {
    /// The sealed minutes as lines of text for reading and comparing (names as sealed).
    public func lines(_ l: Language) -> [String] {
        let r = record, zone = TimeZone(identifier: r.timeZone) ?? Zone.jakarta, text = DateText(l)
        let names = Dictionary((r.people ?? []).map { ($0.nip, $0.name) }, uniquingKeysWith: { a, _ in a })
        func name(_ nip: PersonID) -> String { names[nip] ?? "NIP \(nip)" }
        let en = l == .en
        var out = [r.title, (en ? "Scheduled: " : "Jadwal: ") + text.dateTime(r.scheduledStart, zone: zone) + "–" + text.time(r.scheduledEnd, zone: zone)]
        if let s = r.actualStart {
            out.append((en ? "Held: " : "Pelaksanaan: ") + text.time(s, zone: zone) + (r.actualEnd.map { "–" + text.time($0, zone: zone) } ?? ""))
        }
        out.append((en ? "Chair: " : "Pimpinan: ") + name(r.chair))
        if let n = r.notulis { out.append((en ? "Minute-taker: " : "Notulis: ") + name(n)) }
        for a in r.attendance { out.append((en ? "Attendance: " : "Kehadiran: ") + name(a.nip) + " — " + a.category.label(l)) }
        for item in r.agenda {
            out.append((en ? "Item " : "Acara ") + "\(item.position): \(item.title)")
            for n in item.notes { out.append("  " + (n.speaker.map { "\($0): " } ?? "") + n.text) }
        }
        for d in r.decisions { out.append((en ? "Decision " : "Keputusan ") + "\(d.number): \(d.text)") }
        for a in r.actions {
            let owner: String
            switch a.owner {
            case let .opd(o): owner = o
            case let .person(nip): owner = name(nip)
            }
            out.append((en ? "Action " : "Tindak lanjut ") + "\(a.number) (\(owner)" + (a.due.map { ", " + (en ? "due " : "tenggat ") + text.date($0) } ?? "") + "): \(a.text)")
        }
        out.append((en ? "Approved by " : "Disetujui oleh ") + name(approvedBy) + ", " + text.dateTime(approvedAt, zone: zone)
                   + (en ? " (version \(version))" : " (versi \(version))") + (reason.map { ": " + $0 } ?? ""))
        return out
    }
}
