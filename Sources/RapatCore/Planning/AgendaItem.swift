import Foundation

/// One item of a meeting's agenda with its time box and, once the meeting runs, its actual times.
public struct AgendaItem: Hashable, Codable, Sendable {
    /// Stable within the meeting, so notes and decisions stay attached when items are moved.
    public var key: Int
    public var title: String
    /// Display name of the presenter ("Kepala BPKAD"); `presenterNIP` when the presenter is a known person.
    public var presenter: String?
    public var presenterNIP: PersonID?
    public var boxMinutes: Int
    public var actualStart: Date?
    public var actualEnd: Date?
    /// The earlier meetings of the series this item was carried over from ("lanjutan"), oldest first.
    public var carriedFrom: [MeetingID]
    /// The standing "tindak lanjut rapat sebelumnya" item that lists open action items.
    public var isFollowUp: Bool
    /// Text shown under the item on the agenda, e.g. the open action items per OPD.
    public var details: String?
    /// A standing item ("acara tetap": opening remarks, "Lain-lain dan penutup") that every meeting of a series
    /// holds anyway: it recurs with the plan and is never carried over as "lanjutan".
    public var isStanding: Bool

    public init(key: Int, title: String, presenter: String? = nil, presenterNIP: PersonID? = nil, boxMinutes: Int,
                carriedFrom: [MeetingID] = [], isFollowUp: Bool = false, details: String? = nil, isStanding: Bool = false) throws(InputError) {
        let title = title.trimmed
        guard !title.isEmpty else { throw .missing("agenda title", "say what the item is about") }
        guard (1...720).contains(boxMinutes) else {
            throw .invalidValue(field: "time box", value: String(boxMinutes), hint: "give 1 to 720 minutes")
        }
        self.key = key
        self.title = title
        self.presenter = presenter
        self.presenterNIP = presenterNIP
        self.boxMinutes = boxMinutes
        self.carriedFrom = carriedFrom
        self.isFollowUp = isFollowUp
        self.details = details
        self.isStanding = isStanding
    }

    enum CodingKeys: String, CodingKey {
        case key, title, presenter, presenterNIP, boxMinutes, actualStart, actualEnd, carriedFrom, isFollowUp, details, isStanding
    }

    /// Reads items written before standing items existed (no `isStanding`) as not standing.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(Int.self, forKey: .key)
        title = try c.decode(String.self, forKey: .title)
        presenter = try c.decodeIfPresent(String.self, forKey: .presenter)
        presenterNIP = try c.decodeIfPresent(PersonID.self, forKey: .presenterNIP)
        boxMinutes = try c.decode(Int.self, forKey: .boxMinutes)
        actualStart = try c.decodeIfPresent(Date.self, forKey: .actualStart)
        actualEnd = try c.decodeIfPresent(Date.self, forKey: .actualEnd)
        carriedFrom = try c.decode([MeetingID].self, forKey: .carriedFrom)
        isFollowUp = try c.decode(Bool.self, forKey: .isFollowUp)
        details = try c.decodeIfPresent(String.self, forKey: .details)
        isStanding = try c.decodeIfPresent(Bool.self, forKey: .isStanding) ?? false
    }

    public var isCarried: Bool { !carriedFrom.isEmpty }

    /// Whole minutes the item actually took, once closed.
    public var actualMinutes: Int? {
        guard let s = actualStart, let e = actualEnd else { return nil }
        return wholeMinutes(e.timeIntervalSince(s))
    }

    /// Whole minutes past the time box; nil while open or not reached, 0 when within the box.
    public var overrunMinutes: Int? {
        actualMinutes.map { max(0, $0 - boxMinutes) }
    }

    public var isOverrun: Bool { (overrunMinutes ?? 0) > 0 }
    public var isRunning: Bool { actualStart != nil && actualEnd == nil }
}

/// Whole minutes in an interval, rounded down: 6 min 59 s late is 6 minutes late.
func wholeMinutes(_ seconds: TimeInterval) -> Int { Int((seconds / 60).rounded(.down)) }
