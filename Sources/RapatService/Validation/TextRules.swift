import Foundation
import RapatCore
import RapatStore

/// Text as the archive accepts it, checked once at the edge of the application layer for every face and
/// every import: no control character in a single-line field, only tab and line breaks in a multi-line
/// one, no noncharacter (XML cannot carry it), and a bounded length. A NUL once stored made every later
/// read of its record fail; nothing like it gets in.
public enum TextRules {
    /// One field to check: its name (as the user knows it), its value, whether it may hold lines, its limit.
    struct Field {
        var name: String
        var value: String
        var multiLine: Bool
        var limit: Int
    }

    static func single(_ name: String, _ value: String?, limit: Int = 300) -> Field? {
        value.map { Field(name: name, value: $0, multiLine: false, limit: limit) }
    }

    static func multi(_ name: String, _ value: String?, limit: Int = 20_000) -> Field? {
        value.map { Field(name: name, value: $0, multiLine: true, limit: limit) }
    }

    /// A single-line value, checked (e.g. the office a signing key belongs to).
    public static func line(_ value: String, field: String) throws(InputError) -> String {
        try check(Field(name: field, value: value, multiLine: false, limit: 300))
        return value
    }

    /// Refuses the first field that breaks a rule, naming it.
    static func check(_ fields: [Field]) throws(InputError) {
        for f in fields { try check(f) }
    }

    static func check(_ f: Field) throws(InputError) {
        let count = f.value.unicodeScalars.count
        if count > f.limit {
            throw .invalidValue(field: f.name, value: visible(f.value), hint: "write at most \(f.limit) characters (this has \(count))")
        }
        for scalar in f.value.unicodeScalars where !allowed(scalar, multiLine: f.multiLine) {
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            throw .invalidValue(field: f.name, value: visible(f.value),
                                hint: f.multiLine ? "remove the control character \(code) (only tab and line breaks are allowed here)"
                                    : "remove the control character \(code) (a single-line field takes none)")
        }
    }

    static func allowed(_ s: Unicode.Scalar, multiLine: Bool) -> Bool {
        if s.properties.isNoncharacterCodePoint { return false }
        switch s.properties.generalCategory {
        case .control: return multiLine && (s == "\t" || s == "\n" || s == "\r")
        case .lineSeparator, .paragraphSeparator: return multiLine
        default: return true
        }
    }

    /// The value as an error can show it: control characters as `\u{…}`, at most 60 characters.
    static func visible(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars.prefix(60) {
            if allowed(s, multiLine: false) { out.unicodeScalars.append(s) } else { out += "\\u{\(String(s.value, radix: 16))}" }
        }
        return text.unicodeScalars.count > 60 ? out + "…" : out
    }

    // MARK: The archive's records

    public static func check(_ p: Person) throws(InputError) {
        try check([single("name", p.name, limit: 200), single("jabatan", p.jabatan, limit: 200), single("OPD", p.opd, limit: 100),
                   single("pangkat", p.pangkat, limit: 100)].compactMap { $0 })
    }

    public static func check(_ s: Series) throws(InputError) {
        try check([single("series title", s.title)].compactMap { $0 })
    }

    public static func check(_ h: Holiday) throws(InputError) {
        try check([single("holiday name", h.name, limit: 200)].compactMap { $0 })
    }

    /// Every text field of the meeting, or only those that differ from `previous` (so a record stored before
    /// these rules still takes the changes they allow).
    public static func check(_ m: Meeting, previous: Meeting? = nil) throws(InputError) {
        let old = previous.map { Set(fields(of: $0).map { "\($0.name)\u{1}\($0.value)" }) } ?? []
        try check(fields(of: m).filter { !old.contains("\($0.name)\u{1}\($0.value)") })
    }

    static func fields(of m: Meeting) -> [Field] {
        var f: [Field?] = [
            single("title", m.title), single("kind", m.kind, limit: 100), single("location", m.location), single("link", m.virtualLink, limit: 2000),
            single("iCalendar UID", m.icalUID, limit: 1000), multi("late start reason", m.lateStartReason, limit: 2000),
            multi("cancellation reason", m.cancelReason, limit: 2000), multi("approval reason", m.minutes.approval?.reason, limit: 2000),
        ]
        for a in m.agenda {
            f += [single("agenda title", a.title), single("presenter", a.presenter, limit: 200), multi("agenda details", a.details)]
        }
        for a in m.attendance {
            f += [single("representative", a.representative, limit: 200), multi("attendance note", a.note, limit: 2000)]
        }
        for n in m.minutes.notes { f += [multi("discussion", n.text), single("speaker", n.speaker, limit: 200)] }
        for d in m.minutes.decisions { f.append(multi("decision", d.text)) }
        for a in m.minutes.actions {
            f += [multi("action item", a.text, limit: 5000), multi("completion note", a.completionNote, limit: 2000)]
            if case let .opd(o) = a.owner { f.append(single("owner OPD", o, limit: 100)) }
        }
        for i in m.minutes.indicators {
            f += [single("indicator OPD", i.opd, limit: 100), single("indicator name", i.name, limit: 100), single("unit", i.unit, limit: 20)]
        }
        return f.compactMap { $0 }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
