import Foundation

/// When meetings may be held: a daily window on working days, read in the meeting's own zone
/// (an office in Makassar keeps its hours in WITA).
public struct WorkingHours: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Minutes after local midnight.
    public var opens: Int
    public var closes: Int
    /// ISO weekdays, 1 Monday … 7 Sunday.
    public var weekdays: Set<Int>

    public static let standard = WorkingHours(opens: 7 * 60 + 30, closes: 16 * 60, weekdays: [1, 2, 3, 4, 5])

    public init(opens: Int, closes: Int, weekdays: Set<Int>) {
        self.opens = opens
        self.closes = closes
        self.weekdays = weekdays
    }

    /// Parses `07:30-16:00`.
    public init(window: String, weekdays: Set<Int> = [1, 2, 3, 4, 5]) throws(InputError) {
        let halves = window.split(separator: "-").map(String.init)
        guard halves.count == 2, let (h1, m1) = TimeInput.clock(halves[0]), let (h2, m2) = TimeInput.clock(halves[1]),
              h1 * 60 + m1 < h2 * 60 + m2
        else { throw .invalidValue(field: "working hours", value: window, hint: "write HH:MM-HH:MM, e.g. 07:30-16:00") }
        self.init(opens: h1 * 60 + m1, closes: h2 * 60 + m2, weekdays: weekdays)
    }

    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Parses `mon-fri` or `mon,tue,sat`.
    public static func weekdays(_ text: String) throws(InputError) -> Set<Int> {
        let t = text.lowercased()
        let bad = InputError.invalidValue(field: "working days", value: text, hint: "write mon-fri or mon,tue,wed")
        if t.contains("-") {
            let ends = t.split(separator: "-").map(String.init)
            guard ends.count == 2, let a = dayNames.firstIndex(of: ends[0]), let b = dayNames.firstIndex(of: ends[1]), a <= b else { throw bad }
            return Set((a...b).map { $0 + 1 })
        }
        var days: Set<Int> = []
        for name in t.split(separator: ",") {
            guard let i = dayNames.firstIndex(of: String(name)) else { throw bad }
            days.insert(i + 1)
        }
        guard !days.isEmpty else { throw bad }
        return days
    }

    public var windowText: String {
        String(format: "%02d:%02d-%02d:%02d", opens / 60, opens % 60, closes / 60, closes % 60)
    }

    public var weekdaysText: String {
        let sorted = weekdays.sorted()
        if let f = sorted.first, let l = sorted.last, sorted.count > 2, sorted == Array(f...l) {
            return "\(Self.dayNames[f - 1])-\(Self.dayNames[l - 1])"
        }
        return sorted.map { Self.dayNames[$0 - 1] }.joined(separator: ",")
    }

    public var description: String { "\(windowText) \(weekdaysText)" }
}
