import Foundation

/// The secretariat's settings: working hours and on-time strictness that the rules read, and who
/// sends invitations.
public struct Policy: Hashable, Codable, Sendable {
    public var workingHours: WorkingHours
    public var onTime: OnTimePolicy
    /// ORGANIZER of invitations: the secretariat.
    public var organizerName: String
    public var organizerEmail: String
    /// The kop of official documents (Tata Naskah Dinas), configured once per archive.
    public var letterhead = Letterhead()
    /// How letter numbers read (the numbering register's pattern).
    public var letterPattern = LetterPattern.standard
    /// Tembusan of invitations: who receives a copy.
    public var copiesTo: [String] = []

    public static let standard = Policy(workingHours: .standard, onTime: .standard)

    public init(workingHours: WorkingHours, onTime: OnTimePolicy, organizerName: String = "Sekretariat Daerah",
                organizerEmail: String = "sekretariat@rapat.invalid") {
        self.workingHours = workingHours
        self.onTime = onTime
        self.organizerName = organizerName
        self.organizerEmail = organizerEmail
    }

    /// The settings as `key value` pairs, as `rapat config` shows and sets them.
    public var settings: [(key: String, value: String)] {
        [("working-hours", workingHours.windowText), ("working-days", workingHours.weekdaysText),
         ("grace-minutes", String(onTime.graceMinutes)), ("early-start-limit-minutes", String(onTime.earlyStartLimitMinutes)),
         ("organizer-name", organizerName), ("organizer-email", organizerEmail),
         ("kop-instansi", letterhead.instansi), ("kop-unit", letterhead.unit), ("kop-alamat", letterhead.address), ("kop-kota", letterhead.city),
         ("kop-logo", letterhead.logo), ("letter-pattern", letterPattern.pattern), ("letter-code", letterPattern.code),
         ("letter-unit", letterPattern.unit), ("tembusan", copiesTo.joined(separator: "; "))]
    }

    public static let keys = ["working-hours", "working-days", "grace-minutes", "early-start-limit-minutes", "organizer-name", "organizer-email",
                              "kop-instansi", "kop-unit", "kop-alamat", "kop-kota", "kop-logo", "letter-pattern", "letter-code", "letter-unit", "tembusan"]

    /// Changes one setting, checking the value.
    public mutating func set(_ key: String, _ value: String) throws(InputError) {
        func minutes() throws(InputError) -> Int {
            guard let n = Int(value), (0...240).contains(n) else {
                throw .invalidValue(field: key, value: value, hint: "give whole minutes from 0 to 240")
            }
            return n
        }
        switch key {
        case "working-hours":
            let w = try WorkingHours(window: value, weekdays: workingHours.weekdays)
            workingHours = w
        case "working-days": workingHours.weekdays = try WorkingHours.weekdays(value)
        case "grace-minutes": onTime.graceMinutes = try minutes()
        case "early-start-limit-minutes": onTime.earlyStartLimitMinutes = try minutes()
        case "organizer-name":
            guard !value.trimmed.isEmpty else { throw .missing("organizer-name", "name the secretariat, e.g. 'Biro Umum Setda Provinsi Banten'") }
            organizerName = value
        case "organizer-email":
            organizerEmail = try Person.checkedEmail(value)
        case "kop-instansi": letterhead.instansi = try Letterhead.line(key, value)
        case "kop-unit": letterhead.unit = try Letterhead.line(key, value)
        case "kop-alamat": letterhead.address = try Letterhead.line(key, value)
        case "kop-kota": letterhead.city = try Letterhead.line(key, value)
        case "kop-logo": letterhead.logo = try Letterhead.checkedLogo(value)
        case "letter-pattern":
            try LetterPattern.check(value)
            letterPattern.pattern = value
        case "letter-code": letterPattern.code = try Letterhead.line(key, value)
        case "letter-unit": letterPattern.unit = try Letterhead.line(key, value)
        case "tembusan":
            var copies: [String] = []
            for part in value.split(separator: ";") {
                let line = try Letterhead.line(key, String(part))
                if !line.isEmpty { copies.append(line) }
            }
            copiesTo = copies
        default:
            throw .invalidValue(field: "setting", value: key, hint: "known settings: " + Self.keys.joined(separator: ", "))
        }
    }
}

/// The kop (letterhead) of official documents: the instansi, the unit, its address and city, and a logo.
public struct Letterhead: Hashable, Codable, Sendable {
    /// "PEMERINTAH PROVINSI BANTEN".
    public var instansi = ""
    /// "SEKRETARIAT DAERAH".
    public var unit = ""
    public var address = ""
    /// Where letters are dated: "Serang, 10 Desember 2020".
    public var city = ""
    /// A `data:image/…;base64,…` URI, or empty.
    public var logo = ""

    public init(instansi: String = "", unit: String = "", address: String = "", city: String = "", logo: String = "") {
        self.instansi = instansi
        self.unit = unit
        self.address = address
        self.city = city
        self.logo = logo
    }

    /// One line of text (at most 300 characters, no control characters), trimmed.
    static func line(_ key: String, _ value: String) throws(InputError) -> String {
        let v = value.trimmed
        guard v.count <= 300, !v.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidValue(field: key, value: String(v.prefix(40)), hint: "one line of at most 300 characters")
        }
        return v
    }

    /// A PNG, JPEG or SVG image as a base64 data URI of at most 256 KiB, or empty for none.
    static func checkedLogo(_ value: String) throws(InputError) -> String {
        let v = value.trimmed
        if v.isEmpty { return v }
        let prefixes = ["data:image/png;base64,", "data:image/jpeg;base64,", "data:image/svg+xml;base64,"]
        guard let prefix = prefixes.first(where: { v.hasPrefix($0) }), v.utf8.count <= 350_000,
              Data(base64Encoded: String(v.dropFirst(prefix.count))) != nil else {
            throw .invalidValue(field: "kop-logo", value: String(v.prefix(40)),
                                hint: "a PNG, JPEG or SVG of at most 256 KiB (rapat config set kop-logo @logo.png)")
        }
        return v
    }
}
