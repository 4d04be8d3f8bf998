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

@Suite struct NumberTextTests {
    @Test(arguments: [
        (71.3, "%", Language.id, "71,3 %"), (71.3, "%", .en, "71.3%"), (88, "%", .id, "88,0 %"), (-16.66, "", .id, "-16,7"),
        (0.04, "", .en, "0.0"), (-0.04, "", .id, "0,0"), (1_250_000.5, "Rp", .id, "1250000,5 Rp"), (12, "orang", .en, "12.0 orang"),
    ])
    func figuresFollowTheLanguage(_ value: Double, _ unit: String, _ language: Language, _ expected: String) {
        #expect(NumberText(language).quantity(value, unit: unit) == expected)
    }

    @Test func sharesAndSignedDifferences() {
        #expect(NumberText(.id).percent(0.8333) == "83 %" && NumberText(.en).percent(0.8333) == "83%")
        #expect(NumberText(.id).signed(2.5) == "+2,5" && NumberText(.en).signed(-16.7) == "-16.7")
        #expect(NumberText(.id).decimal(.nan) == "–")
    }
}
