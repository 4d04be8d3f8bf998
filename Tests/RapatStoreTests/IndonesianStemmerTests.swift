import Foundation
@testable import RapatStore
import Testing

/// Word → stem pairs produced once by PostgreSQL 15's `ts_lexize('indonesian_stem', …)` (Fixtures/indonesian-stems.tsv).
@Suite struct IndonesianStemmerTests {
    static let pairs = load("indonesian-stems.tsv")

    static func load(_ name: String) -> [(String, String)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let f = $0.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(f[0]), String(f[1]))
        }
    }

    @Test func theFixtureIsThere() { #expect(Self.pairs.count >= 250) }

    @Test(arguments: pairs)
    func stemsLikePostgreSQL(_ word: String, _ stem: String) {
        #expect(IndonesianStemmer.stem(word) == stem)
    }

    /// Every prefix × root × suffix combination (7,700 words), checked in one test to keep the report short.
    @Test func affixCombinationsStemLikePostgreSQL() {
        let pairs = Self.load("indonesian-stems-affixes.tsv")
        #expect(pairs.count > 7000)
        let wrong = pairs.filter { IndonesianStemmer.stem($0.0) != $0.1 }.map { "\($0.0): \(IndonesianStemmer.stem($0.0)) ≠ \($0.1)" }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    @Test func penyerapanSerapanAndMenyerapMeet() {
        #expect(Set(["penyerapan", "serapan", "menyerap", "diserap"].map(IndonesianStemmer.stem)) == ["serap"])
    }
}
