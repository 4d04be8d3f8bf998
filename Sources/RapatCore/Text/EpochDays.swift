import Foundation

/// Dates as days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithms), for
/// writers that format thousands of timestamps and cannot afford a `Calendar` or an ICU formatter each.
public enum EpochDays {
    /// Days since 1970-01-01 → (year, month, day).
    public static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// (year, month, day) → days since 1970-01-01.
    public static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The instant in UTC to the second as RFC 3339 / XML Schema dateTime: `2020-12-16T02:00:00Z`.
    public static func rfc3339UTC(_ instant: Date) -> String {
        let t = Int(instant.timeIntervalSince1970.rounded(.down))
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let secs = t - days * 86400
        let (y, m, d) = civil(fromDays: days)
        var out: [UInt8] = []
        out.reserveCapacity(20)
        func digits(_ n: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var n = n
            while divisor > 0 { out.append(UInt8(48 + (n / divisor) % 10)); n %= divisor; divisor /= 10 }
        }
        digits(y, 4); out.append(UInt8(ascii: "-")); digits(m, 2); out.append(UInt8(ascii: "-")); digits(d, 2)
        out.append(UInt8(ascii: "T"))
        digits(secs / 3600, 2); out.append(UInt8(ascii: ":")); digits(secs % 3600 / 60, 2); out.append(UInt8(ascii: ":")); digits(secs % 60, 2)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }
}
