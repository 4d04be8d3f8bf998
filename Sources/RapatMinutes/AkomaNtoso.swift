import CLibXML2
import Foundation
import RapatCore

/// The minutes as an OASIS LegalDocML Akoma Ntoso 3.0 `debate`: FRBR identification, the people and
/// OPDs as TLCPerson / TLCOrganization, one debateSection per agenda item with its speeches, decisions
/// and action items; validated against the official schema.
public struct AkomaNtoso {
    public static let namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

    public static func schema() throws(XMLError) -> XMLSchema {
        guard let url = Bundle.module.url(forResource: "akomantoso30", withExtension: "xsd", subdirectory: "akn") else {
            throw .schemaUnusable("akn/akomantoso30.xsd is missing from the installation")
        }
        return try XMLSchema(path: url.path)
    }

    public var people: [PersonID: Person]
    /// Short name of the government in FRBR URIs, e.g. `pemprov-banten`.
    public var authority: String
    public var secretariat: String

    public init(people: [PersonID: Person], authority: String = "pemda", secretariat: String = "Sekretariat Daerah") {
        self.people = people
        self.authority = authority
        self.secretariat = secretariat
    }

    static func slug(_ s: String) -> String {
        let folded = s.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return folded.split(separator: "-").joined(separator: "-")
    }

    static func camel(_ s: String) -> String {
        let words = s.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard let first = words.first else { return "rapat" }
        return first.lowercased() + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
    }

    public func write(_ m: Meeting, schema: XMLSchema) throws(XMLError) -> [UInt8] {
        let bytes = try serialize(m)
        try SafeXMLDocument(bytes).validate(against: schema)
        return bytes
    }

    func serialize(_ m: Meeting) throws(XMLError) -> [UInt8] {
        let w = try TextWriter()
        func start(_ name: String, _ attributes: [(String, String?)] = []) { w.start(name, attributes) }
        func end() { w.end() }
        func empty(_ name: String, _ attributes: [(String, String?)]) { w.empty(name, attributes) }
        func element(_ name: String, _ text: String, _ attributes: [(String, String?)] = []) { w.element(name, text, attributes) }
        func personRef(_ nip: PersonID) -> String { "#p\(nip.key)" }
        let day = CivilDate(m.start, in: m.zone).description
        let approvedDay = m.minutes.approval.map { CivilDate($0.at, in: m.zone).description } ?? day
        let work = "/akn/id/debate/\(authority)/\(day)/\(m.id)"
        let text = DateText(.id)

        start("akomaNtoso", [("xmlns", Self.namespace)])
        start("debate", [("name", Self.camel(m.kind))])
        start("meta")
        start("identification", [("source", "#secretariat")])
        for (level, this, uri, date, dateName) in [
            ("FRBRWork", work + "/!main", work, day, "rapat"),
            ("FRBRExpression", work + "/ind@/!main", work + "/ind@", day, "rapat"),
            ("FRBRManifestation", work + "/ind@/!main.xml", work + "/ind@.akn", approvedDay, "notula"),
        ] {
            start(level)
            empty("FRBRthis", [("value", this)])
            empty("FRBRuri", [("value", uri)])
            empty("FRBRdate", [("date", date), ("name", dateName)])
            empty("FRBRauthor", [("href", "#secretariat")])
            if level == "FRBRWork" { empty("FRBRcountry", [("value", "id")]) }
            if level == "FRBRExpression" { empty("FRBRlanguage", [("language", "ind")]) }
            end()
        }
        end()
        start("references", [("source", "#secretariat")])
        empty("TLCOrganization", [("eId", "secretariat"), ("href", "/ontology/organization/id/\(Self.slug(secretariat))"), ("showAs", secretariat)])
        let opds = Array(Set(m.everyone.compactMap { people[$0]?.opd })).sorted()
        for opd in opds {
            empty("TLCOrganization", [("eId", "opd-\(Self.slug(opd))"), ("href", "/ontology/organization/id/\(Self.slug(opd))"), ("showAs", opd)])
        }
        for nip in m.everyone {
            empty("TLCPerson", [("eId", "p\(nip.key)"), ("href", "/ontology/person/id/\(nip.key)"), ("showAs", people[nip]?.name ?? nip.key)])
        }
        end()
        end()  // meta
        start("preface")
        element("p", m.title)
        element("p", "Hari/tanggal: \(text.date(m.start, zone: m.zone)); waktu: \(text.time(m.start, zone: m.zone)) – \(text.time(m.end, zone: m.zone))")
        if let s = m.actualStart {
            element("p", "Dimulai pukul \(text.time(s, zone: m.zone))" + (m.startDelayMinutes.map { $0 > 0 ? ", terlambat \($0) menit" : "" } ?? "")
                        + (m.lateStartReason.map { " (\($0))" } ?? ""))
        }
        element("p", "Pimpinan rapat: " + (people[m.chair]?.name ?? m.chair.key))
        let present = m.attendance.filter(\.category.isPresent).compactMap { people[$0.nip]?.name }
        if !present.isEmpty { element("p", "Hadir: " + present.joined(separator: "; ")) }
        let absent = m.attendance.filter { !$0.category.isPresent }.map { "\(people[$0.nip]?.name ?? $0.nip.key) (\($0.category.label(.id)))" }
        if !absent.isEmpty { element("p", "Tidak hadir: " + absent.joined(separator: "; ")) }
        end()
        start("debateBody")
        for (i, item) in m.agenda.enumerated() {
            let section = "dbsect_\(i + 1)"
            start("debateSection", [("eId", section), ("name", "acara\(i + 1)")])
            element("heading", item.title)
            for (n, note) in m.minutes.notes.filter({ $0.itemKey == item.key }).enumerated() {
                let speaker = item.presenterNIP ?? m.chair
                start("speech", [("eId", "\(section)__speech_\(n + 1)"), ("by", personRef(speaker))])
                element("from", note.speaker ?? people[speaker]?.name ?? speaker.key)
                element("p", note.text)
                end()
            }
            let decisions = m.minutes.decisions.filter { $0.itemKey == item.key }
            let actions = m.minutes.actions.filter { $0.itemKey == item.key }
            if !decisions.isEmpty || !actions.isEmpty {
                start("other", [("eId", "\(section)__other_1")])
                for d in decisions { element("p", "Keputusan \(d.number): \(d.text)") }
                for a in actions {
                    element("p", "Tindak lanjut \(m.id)/\(a.number): \(a.text) — \(Self.owner(a.owner, people))" + (a.due.map { ", tenggat \($0)" } ?? ""))
                }
                end()
            }
            end()
        }
        if m.agenda.isEmpty {
            start("debateSection", [("eId", "dbsect_1"), ("name", "acara1")])
            element("heading", m.title)
            end()
        }
        end()  // debateBody
        let general = m.minutes.decisions.filter { $0.itemKey == nil }
        if !general.isEmpty || m.minutes.approval != nil {
            start("conclusions")
            for d in general { element("p", "Keputusan \(d.number): \(d.text)") }
            if let a = m.minutes.approval {
                element("p", "Notula disetujui oleh \(people[a.by]?.name ?? a.by.key) pada \(text.dateTime(a.at, zone: m.zone)) (versi \(a.version)).")
            }
            end()
        }
        end()  // debate
        end()  // akomaNtoso
        return try w.finish()
    }

    static func owner(_ owner: ActionOwner, _ people: [PersonID: Person]) -> String {
        switch owner {
        case let .opd(o): return o
        case let .person(p): return people[p]?.name ?? p.key
        }
    }
}
