import Foundation

/// A figure an OPD reports at a meeting: target and realisation of a named indicator at a date,
/// e.g. `penyerapan-anggaran` target 88 %, realised 71.3 % at 2020-11-30.
public struct Indicator: Hashable, Codable, Sendable {
    public var opd: String
    /// A short stable name such as `penyerapan-anggaran`.
    public var name: String
    public var target: Double
    public var actual: Double
    /// `%`, `kasus`, `izin`, …
    public var unit: String
    public var asOf: CivilDate

    public init(opd: String, name: String, target: Double, actual: Double, unit: String, asOf: CivilDate) throws(InputError) {
        let opd = opd.trimmed, name = name.trimmed.lowercased()
        guard !opd.isEmpty else { throw .missing("OPD", "say whose figure it is, e.g. BPKAD") }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw .invalidValue(field: "indicator name", value: name, hint: "use letters, digits and '-', e.g. penyerapan-anggaran")
        }
        guard target.isFinite, actual.isFinite, target >= 0, actual >= 0 else {
            throw .invalidValue(field: "indicator value", value: "\(target)/\(actual)", hint: "target and actual are numbers ≥ 0")
        }
        self.opd = opd
        self.name = name
        self.target = target
        self.actual = actual
        self.unit = unit.trimmed
        self.asOf = asOf
    }

    /// Realisation minus target: negative when the OPD is behind.
    public var gap: Double { actual - target }
    public var isBehind: Bool { actual < target }

    /// Reads a number written either way: `71.3` or the Indonesian `71,3`.
    public static func number(_ text: String, field: String) throws(InputError) -> Double {
        let t = text.trimmed.replacingOccurrences(of: "%", with: "")
            .replacingOccurrences(of: ",", with: ".")
        guard let v = Double(t), v.isFinite else {
            throw .invalidValue(field: field, value: text, hint: "write a number such as 71.3 or 71,3")
        }
        return v
    }
}
