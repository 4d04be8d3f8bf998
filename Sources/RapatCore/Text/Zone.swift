import Foundation

/// Time zone lookup and the Indonesian abbreviations WIB, WITA and WIT.
public enum Zone {
    public static let jakarta = TimeZone(identifier: "Asia/Jakarta")!

    /// Resolves an IANA name or one of WIB / WITA / WIT / UTC.
    public static func named(_ text: String) throws(InputError) -> TimeZone {
        switch text.trimmed.uppercased() {
        case "WIB": return jakarta
        case "WITA": return TimeZone(identifier: "Asia/Makassar")!
        case "WIT": return TimeZone(identifier: "Asia/Jayapura")!
        case "UTC", "Z": return TimeZone(identifier: "UTC")!
        default:
            guard text.contains("/"), let z = TimeZone(identifier: text.trimmed) else {
                throw .invalidTimeZone(text)
            }
            return z
        }
    }

    /// The abbreviation Indonesians read on an invitation: WIB, WITA, WIT, else `UTC+hh:mm`.
    public static func abbreviation(_ zone: TimeZone, at instant: Date) -> String {
        var id = zone.identifier
        id.makeContiguousUTF8()
        switch id {
        case "Asia/Jakarta", "Asia/Pontianak": return "WIB"
        case "Asia/Makassar": return "WITA"
        case "Asia/Jayapura": return "WIT"
        case "UTC", "GMT": return "UTC"
        default:
            let s = zone.secondsFromGMT(for: instant)
            let sign = s < 0 ? "-" : "+"
            return String(format: "UTC%@%02d:%02d", sign, abs(s) / 3600, abs(s) % 3600 / 60)
        }
    }
}
