import Foundation

/// Input that could not be understood, found at the edge before any rule runs.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidNIP(String, String)
    case invalidMeetingID(String)
    case invalidEmail(String)
    case invalidTime(String)
    case invalidDate(String)
    case invalidTimeZone(String)
    case invalidDuration(String)
    case invalidURL(String)
    case missing(String, String)
    case invalidValue(field: String, value: String, hint: String)

    public var description: String {
        switch self {
        case let .invalidNIP(text, why):
            return "invalid NIP '\(text)': \(why)"
        case let .invalidMeetingID(text):
            return "invalid meeting id '\(text)': use the form RP-YYYY-NNNN, e.g. RP-2020-0012"
        case let .invalidEmail(text):
            return "invalid email '\(text)': use the form name@domain, e.g. kadis@dinkes.bantenprov.go.id"
        case let .invalidTime(text):
            return "invalid time '\(text)': use 'YYYY-MM-DD HH:MM' (in the meeting's zone) or ISO 8601 with an offset, e.g. 2020-12-16T09:00+07:00"
        case let .invalidDate(text):
            return "invalid date '\(text)': use YYYY-MM-DD, e.g. 2020-12-16"
        case let .invalidTimeZone(text):
            return "unknown time zone '\(text)': use an IANA name such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura (or WIB, WITA, WIT)"
        case let .invalidDuration(text):
            return "invalid duration '\(text)': give whole minutes, e.g. 30"
        case let .invalidURL(text):
            return "invalid link '\(text)': give a full https:// address"
        case let .missing(field, hint):
            return "\(field) is missing: \(hint)"
        case let .invalidValue(field, value, hint):
            return "invalid \(field) '\(value)': \(hint)"
        }
    }
}
