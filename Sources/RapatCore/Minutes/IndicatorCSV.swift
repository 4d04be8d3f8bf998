import Foundation

/// Reads indicator figures from the CSV a finance bureau already keeps:
/// columns `OPD, indicator, target, actual, as-of` (and optionally `unit`), comma- or semicolon-separated.
public enum IndicatorCSV {
    /// Parses every row or fails on the first bad one, naming its line.
    public static func parse(_ text: String, source: String = "CSV") throws(InputError) -> [Indicator] {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        guard let header = lines.first, !header.trimmed.isEmpty else {
            throw .missing("CSV header in \(source)", "the first line must name the columns: OPD,indicator,target,actual,as-of[,unit]")
        }
        let separator: Character = header.filter { $0 == ";" }.count > header.filter { $0 == "," }.count ? ";" : ","
        let names = try CSVLine.fields(header, separator: separator, line: 1, source: source)
            .map { $0.lowercased().trimmed.replacingOccurrences(of: "_", with: "-") }
        func column(_ accepted: [String]) throws(InputError) -> Int? {
            names.firstIndex { accepted.contains($0) }
        }
        guard let opd = try column(["opd"]), let name = try column(["indicator", "indikator", "name"]),
              let target = try column(["target"]), let actual = try column(["actual", "realisasi", "realisation"]),
              let asOf = try column(["as-of", "asof", "per", "tanggal"])
        else {
            throw .invalidValue(field: "CSV header (line 1 of \(source))", value: header,
                                hint: "name the columns OPD,indicator,target,actual,as-of and optionally unit")
        }
        let unit = try column(["unit", "satuan"])
        var result: [Indicator] = []
        for (n, line) in lines.enumerated().dropFirst() where !line.trimmed.isEmpty {
            let f = try CSVLine.fields(line, separator: separator, line: n + 1, source: source)
            let needed = [opd, name, target, actual, asOf].max()!
            guard f.count > needed else {
                throw .invalidValue(field: "line \(n + 1) of \(source)", value: line, hint: "expected \(names.count) columns, found \(f.count)")
            }
            do {
                let date = try CivilDate(f[asOf])
                result.append(try Indicator(opd: f[opd], name: f[name], target: Indicator.number(f[target], field: "target"),
                                            actual: Indicator.number(f[actual], field: "actual"),
                                            unit: unit.map { $0 < f.count ? f[$0] : "" } ?? "", asOf: date))
            } catch {
                throw .invalidValue(field: "line \(n + 1) of \(source)", value: line, hint: error.description)
            }
        }
        return result
    }
}
