import Foundation

/// The attendance categories of an Indonesian daftar hadir.
public enum AttendanceCategory: String, Codable, Sendable, CaseIterable {
    /// Present in person.
    case hadir
    /// Present online.
    case daring
    /// Represented by someone else (whose name is recorded).
    case diwakili
    /// Excused absence with permission.
    case izin
    case sakit
    /// On official duty elsewhere.
    case dinasLuar = "dinas-luar"
    /// Absent without notice.
    case tanpaKeterangan = "tanpa-keterangan"

    /// Someone took the seat, so an arrival time and lateness apply.
    public var isPresent: Bool { self == .hadir || self == .daring || self == .diwakili }

    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.hadir, .id): return "hadir"
        case (.daring, .id): return "hadir daring"
        case (.diwakili, .id): return "diwakili"
        case (.izin, .id): return "izin"
        case (.sakit, .id): return "sakit"
        case (.dinasLuar, .id): return "dinas luar"
        case (.tanpaKeterangan, .id): return "tanpa keterangan"
        case (.hadir, .en): return "present"
        case (.daring, .en): return "online"
        case (.diwakili, .en): return "represented"
        case (.izin, .en): return "excused"
        case (.sakit, .en): return "sick"
        case (.dinasLuar, .en): return "on duty elsewhere"
        case (.tanpaKeterangan, .en): return "absent without notice"
        }
    }

    /// Accepts the raw value, the spaced Indonesian label or common English words.
    public static func parse(_ text: String) throws(InputError) -> AttendanceCategory {
        let t = text.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
        if let c = AttendanceCategory(rawValue: t) { return c }
        switch t {
        case "online": return .daring
        case "present", "in-person": return .hadir
        case "represented": return .diwakili
        case "excused": return .izin
        case "sick": return .sakit
        case "duty", "on-duty": return .dinasLuar
        case "absent", "alpa": return .tanpaKeterangan
        default:
            throw .invalidValue(field: "attendance", value: text,
                                hint: "use one of " + allCases.map(\.rawValue).joined(separator: ", "))
        }
    }
}

/// One person's attendance at one meeting.
public struct Attendance: Hashable, Codable, Sendable {
    public var nip: PersonID
    public var category: AttendanceCategory
    public var checkedInAt: Date?
    /// Whole minutes after the actual start; 0 when on time; nil for absences.
    public var lateMinutes: Int?
    /// Who sat in for the person when `category == .diwakili`.
    public var representative: String?
    public var note: String?
    /// What was recorded before, oldest first, each with when and by whom it was replaced; nil when never changed.
    public var history: [AttendanceChange]?

    /// The entry as it stands, without what it replaced (the sealed minutes carry only this).
    public var withoutHistory: Attendance {
        var a = self
        a.history = nil
        return a
    }

    public init(nip: PersonID, category: AttendanceCategory, checkedInAt: Date?, lateMinutes: Int?,
                representative: String? = nil, note: String? = nil) {
        self.nip = nip
        self.category = category
        self.checkedInAt = checkedInAt
        self.lateMinutes = lateMinutes
        self.representative = representative
        self.note = note
    }
}

/// An attendance entry as it was before someone changed it.
public struct AttendanceChange: Hashable, Codable, Sendable {
    public var category: AttendanceCategory
    public var checkedInAt: Date?
    public var lateMinutes: Int?
    public var representative: String?
    public var note: String?
    /// When it was replaced (server clock) and by whom ("secretariat", "participant 1970…").
    public var replacedAt: Date
    public var replacedBy: String

    public init(_ a: Attendance, replacedAt: Date, by: String) {
        category = a.category
        checkedInAt = a.checkedInAt
        lateMinutes = a.lateMinutes
        representative = a.representative
        note = a.note
        self.replacedAt = replacedAt.wholeSecond
        replacedBy = by
    }
}
