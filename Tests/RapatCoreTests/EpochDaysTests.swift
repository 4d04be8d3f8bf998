import Foundation
import RapatCore
import Testing

@Suite struct EpochDaysTests {
    @Test func rfc3339MatchesFoundationsFormatterFrom1900To2100() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        var rng = SystemRandomNumberGenerator()
        var instants: [TimeInterval] = [0, -1, 951_782_400, 951_868_799, 4_107_542_399, -2_208_988_800, 1_608_084_000.75]
        for _ in 0..<2000 { instants.append(TimeInterval(Int64.random(in: -2_208_988_800...4_102_444_800, using: &rng))) }
        for t in instants {
            let d = Date(timeIntervalSince1970: t)
            #expect(EpochDays.rfc3339UTC(d) == f.string(from: d), "\(t)")
        }
    }

    @Test func daysAndCivilDatesRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 97) {
            let (y, m, d) = EpochDays.civil(fromDays: days)
            #expect(EpochDays.days(fromCivil: y, m, d) == days)
        }
        #expect(EpochDays.civil(fromDays: 18_612) == (2020, 12, 16))
    }
}
