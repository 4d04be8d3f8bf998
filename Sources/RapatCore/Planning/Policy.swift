import Foundation

/// The secretariat's settings: working hours and on-time strictness that the rules read, and who
/// sends invitations.
public struct Policy: Hashable, Codable, Sendable {
    public var workingHours: WorkingHours
    public var onTime: OnTimePolicy
    /// ORGANIZER of invitations: the secretariat.
    public var organizerName: String
    public var organizerEmail: String

    public static let standard = Policy(workingHours: .standard, onTime: .standard)

    public init(workingHours: WorkingHours, onTime: OnTimePolicy, organizerName: String = "Sekretariat Daerah",
                organizerEmail: String = "sekretariat@rapat.invalid") {
        self.workingHours = workingHours
        self.onTime = onTime
        self.organizerName = organizerName
        self.organizerEmail = organizerEmail
    }

    /// The settings as `key value` pairs, as `rapat config` shows and sets them.
    public var settings: [(key: String, value: String)] {
        [("working-hours", workingHours.windowText), ("working-days", workingHours.weekdaysText),
         ("grace-minutes", String(onTime.graceMinutes)), ("early-start-limit-minutes", String(onTime.earlyStartLimitMinutes)),
         ("organizer-name", organizerName), ("organizer-email", organizerEmail)]
    }

    public static let keys = ["working-hours", "working-days", "grace-minutes", "early-start-limit-minutes", "organizer-name", "organizer-email"]

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
        case "organizer-name":
            guard !value.trimmed.isEmpty else { throw .missing("organizer-name", "name the secretariat, e.g. 'Biro Umum Setda Provinsi Banten'") }
            organizerName = value
        case "organizer-email":
            organizerEmail = try Person.checkedEmail(value)
        default:
            throw .invalidValue(field: "setting", value: key, hint: "known settings: " + Self.keys.joined(separator: ", "))
        }
    }
}
