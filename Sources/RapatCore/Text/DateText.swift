import Foundation

/// The language of what a person reads: Indonesian by default, English on request.
public enum Language: String, Codable, Sendable, CaseIterable {
    case id, en
}

/// Formats instants the way an undangan or notula writes them: "Rabu, 16 Desember 2020 09.00 WIB".
public struct DateText: Sendable {
    public let language: Language

    public init(_ language: Language = .id) { self.language = language }

    private static let hariID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    private static let dayEN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let bulanID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                                  "Agustus", "September", "Oktober", "November", "Desember"]
    private static let monthEN = ["January", "February", "March", "April", "May", "June", "July",
                                  "August", "September", "October", "November", "December"]

    /// "Rabu, 16 Desember 2020" / "Wednesday, 16 December 2020".
    public func date(_ day: CivilDate) -> String {
        let weekday = (language == .id ? Self.hariID : Self.dayEN)[day.isoWeekday - 1]
        let month = (language == .id ? Self.bulanID : Self.monthEN)[day.month - 1]
        return "\(weekday), \(day.day) \(month) \(day.year)"
    }

    public func date(_ instant: Date, zone: TimeZone) -> String { date(CivilDate(instant, in: zone)) }

    /// "09.00 WIB" / "09:00 WIB".
    public func time(_ instant: Date, zone: TimeZone) -> String {
        let c = Calendar.gregorian(zone).dateComponents([.hour, .minute], from: instant)
        let sep = language == .id ? "." : ":"
        return String(format: "%02d%@%02d ", c.hour!, sep, c.minute!) + Zone.abbreviation(zone, at: instant)
    }

    /// "Rabu, 16 Desember 2020 09.00 WIB".
    public func dateTime(_ instant: Date, zone: TimeZone) -> String {
        date(instant, zone: zone) + " " + time(instant, zone: zone)
    }

    /// "16-12-2020 09.00" compact form for tables.
    public func compact(_ instant: Date, zone: TimeZone) -> String {
        let c = Calendar.gregorian(zone).dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let sep = language == .id ? "." : ":"
        return String(format: "%04d-%02d-%02d %02d%@%02d", c.year!, c.month!, c.day!, c.hour!, sep, c.minute!)
    }

    /// "7 menit" / "7 min".
    public func minutes(_ n: Int) -> String { language == .id ? "\(n) menit" : "\(n) min" }
}

/// Machine-neutral local time used in error messages: "2020-12-16 09:00 WIB".
public func localStamp(_ instant: Date, _ zone: TimeZone) -> String {
    DateText(.en).compact(instant, zone: zone) + " " + Zone.abbreviation(zone, at: instant)
}
