import Foundation
import RapatCore

/// People from a spreadsheet's CSV export: a header row naming the columns (NIP, Nama, Jabatan, Pangkat/Golongan,
/// OPD, Email, in any order; Indonesian or English names), comma or semicolon separated (Excel in Indonesia
/// writes semicolons), quoted fields allowed. Every problem names its line; one bad line refuses the file.
public enum PeopleCSV {
    public static func parse(_ text: String) throws(InputError) -> [Person] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let headerIndex = lines.firstIndex(where: { !$0.trimmed.isEmpty }) else {
            throw .missing("CSV", "paste the rows with a header line: NIP;Nama;Jabatan;Pangkat/Golongan;OPD;Email")
        }
        let header = lines[headerIndex].replacingOccurrences(of: "\u{FEFF}", with: "")
        let separator: Character = header.filter { $0 == ";" }.count > header.filter { $0 == "," }.count ? ";" : ","
        let columns = try CSVLine.fields(header, separator: separator, line: headerIndex + 1, source: "CSV").map { $0.lowercased() }
        func column(_ names: [String]) -> Int? { columns.firstIndex { c in names.contains(c) } }
        guard let nipColumn = column(["nip"]), let nameColumn = column(["nama", "name"]), let opdColumn = column(["opd", "unit", "unit kerja"]) else {
            throw .invalidValue(field: "CSV header", value: header, hint: "name the columns NIP, Nama and OPD (and Jabatan, Pangkat/Golongan, Email if you have them)")
        }
        let jabatanColumn = column(["jabatan", "position"]), pangkatColumn = column(["pangkat/golongan", "pangkat", "golongan", "rank"])
        let emailColumn = column(["email", "e-mail", "surel"])
        var people: [Person] = []
        for (i, line) in lines.enumerated() where i > headerIndex && !line.trimmed.isEmpty {
            let fields = try CSVLine.fields(line, separator: separator, line: i + 1, source: "CSV")
            func field(_ c: Int?) -> String? { c.flatMap { $0 < fields.count ? fields[$0].trimmed : nil }.flatMap { $0.isEmpty ? nil : $0 } }
            do {
                let person = try Person(id: PersonID(field(nipColumn) ?? ""), name: field(nameColumn) ?? "", jabatan: field(jabatanColumn) ?? "",
                                        opd: field(opdColumn) ?? "", email: field(emailColumn), pangkat: field(pangkatColumn))
                try TextRules.check(person)
                people.append(person)
            } catch {
                throw .invalidValue(field: "line \(i + 1)", value: String(line.prefix(80)), hint: "\(error)")
            }
        }
        guard !people.isEmpty else { throw .missing("CSV", "add at least one row under the header") }
        return people
    }
}
