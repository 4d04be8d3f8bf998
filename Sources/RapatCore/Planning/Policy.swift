import Foundation

/// The secretariat's settings that the rules read: working hours and on-time strictness.
public struct Policy: Hashable, Codable, Sendable {
    public var workingHours: WorkingHours
    public var onTime: OnTimePolicy

    public static let standard = Policy(workingHours: .standard, onTime: .standard)

    public init(workingHours: WorkingHours, onTime: OnTimePolicy) {
        self.workingHours = workingHours
        self.onTime = onTime
    }

    /// The settings as `key value` pairs, as `rapat config` shows and sets them.
    public var settings: [(key: String, value: String)] {
        [("working-hours", workingHours.windowText), ("working-days", workingHours.weekdaysText),
         ("grace-minutes", String(onTime.graceMinutes)), ("early-start-limit-minutes", String(onTime.earlyStartLimitMinutes))]
    }

    public static let keys = ["working-hours", "working-days", "grace-minutes", "early-start-limit-minutes"]

    /// Changes one setting, checking the value.
    public mutating func set(_ key: String, _ value: String) throws(InputError) {
        func minutes() throws(InputError) -> Int {
            guard let n = Int(value), (0...240).contains(n) else {
                throw .invalidValue(field: key, value: value, hint: "give whole minutes from 0 to 240")
            }
            return n
        }
        switch key {
        case "working-hours":
            let w = try WorkingHours(window: value, weekdays: workingHours.weekdays)
            workingHours = w
        case "working-days": workingHours.weekdays = try WorkingHours.weekdays(value)
        case "grace-minutes": onTime.graceMinutes = try minutes()
        case "early-start-limit-minutes": onTime.earlyStartLimitMinutes = try minutes()
        default:
            throw .invalidValue(field: "setting", value: key, hint: "known settings: " + Self.keys.joined(separator: ", "))
        }
    }
}
