/// Writes figures the way a reader of the language expects: "71,3 %" in Indonesian, "71.3%" in English.
public struct NumberText: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// `value` with `digits` decimals: "71,3" or "71.3".
    public func decimal(_ value: Double, digits: Int = 1) -> String {
        let text = fixed(value, digits: digits)
        return language == .id ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A signed difference: "+2,5", "-16,7".
    public func signed(_ value: Double, digits: Int = 1) -> String { (value >= 0 ? "+" : "") + decimal(value, digits: digits) }

    /// A figure with its unit: "71,3 %" / "71.3%"; other units after a space in both languages.
    public func quantity(_ value: Double, unit: String, digits: Int = 1) -> String {
        guard !unit.isEmpty else { return decimal(value, digits: digits) }
        return decimal(value, digits: digits) + (unit == "%" && language == .en ? "" : " ") + unit
    }

    /// A share from 0 to 1 as a percentage: "83 %" / "83%".
    public func percent(_ share: Double, digits: Int = 0) -> String { quantity(share * 100, unit: "%", digits: digits) }

    /// Fixed-point text without Foundation's formatters (the same in every locale).
    func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value < 0 ? "-∞" : "∞") }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e15 else { return String(value) }
        let units = Int64(scaled)
        let whole = units / Int64(scale), fraction = units % Int64(scale)
        var text = (value < 0 && units != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return text
    }
}
