import CLibXML2
import Foundation
import RapatCore

/// Rapat's own XML minutes (`urn:rapat:minutes:1`): written with libxml2's xmlTextWriter, validated
/// against the shipped schema before anyone sees them, and read back safely.
public struct MinutesXML {
    public static let namespace = "urn:rapat:minutes:1"

    /// The schema shipped with Rapat (also at samples/schema/rapat-minutes-1.xsd).
    public static func schema() throws(XMLError) -> XMLSchema {
        guard let url = Bundle.module.url(forResource: "rapat-minutes-1", withExtension: "xsd") else {
            throw .schemaUnusable("rapat-minutes-1.xsd is missing from the installation")
        }
        return try XMLSchema(path: url.path)
    }

    public var people: [PersonID: Person]

    public init(people: [PersonID: Person]) { self.people = people }

    static func utc(_ d: Date) -> String { EpochDays.rfc3339UTC(d) }

    static func parseUTC(_ s: String?) throws(XMLError) -> Date? {
        guard let s else { return nil }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        guard let d = f.date(from: s) else { throw .content("'\(s)' is not a UTC time") }
        return d
    }

    /// The same writer naming people as sealed minutes name them (the names, positions and offices they were
    /// approved with, whatever the registry says now).
    public func naming(_ record: MinutesRecord) -> MinutesXML {
        MinutesXML(people: record.naming(people))
    }

    /// The minutes as XML bytes, validated against `schema`; a document that fails is never returned.
    public func write(_ m: Meeting, seal: XMLSeal?, schema: XMLSchema) throws(XMLError) -> [UInt8] {
        let bytes = try serialize(m, seal: seal)
        try SafeXMLDocument(bytes).validate(against: schema)
        return bytes
    }

    func serialize(_ m: Meeting, seal: XMLSeal?) throws(XMLError) -> [UInt8] {
        let w = try TextWriter()
        func start(_ name: String, _ attributes: [(String, String?)] = []) { w.start(name, attributes) }
        func end() { w.end() }
        func empty(_ name: String, _ attributes: [(String, String?)]) { w.empty(name, attributes) }
        func element(_ name: String, _ text: String, _ attributes: [(String, String?)] = []) { w.element(name, text, attributes) }
        func name(_ nip: PersonID) -> String { people[nip]?.name ?? nip.key }
        start("minutes", [("xmlns", Self.namespace), ("id", m.id.description), ("schemaVersion", "1")])
        start("meeting", [("kind", m.kind), ("timeZone", m.timeZone), ("status", m.status.rawValue), ("sequence", String(m.sequence)),
                          ("series", m.seriesID)])
        element("title", m.title)
        start("scheduled", [("start", Self.utc(m.start)), ("end", Self.utc(m.end))]); end()
        if let s = m.actualStart {
            start("actual", [("start", Self.utc(s)), ("end", m.actualEnd.map(Self.utc)), ("lateReason", m.lateStartReason)]); end()
        }
        if let link = m.virtualLink { element("link", link) }
        if let location = m.location { element("location", location) }
        end()
        start("participants")
        let attendance = Dictionary(m.attendance.map { ($0.nip, $0) }, uniquingKeysWith: { a, _ in a })
        for nip in m.everyone {
            let p = people[nip], a = attendance[nip]
            let role = nip == m.chair ? "chair" : nip == m.notulis ? "notulis" : "participant"
            start("participant", [("nip", nip.key), ("name", p?.name ?? nip.key), ("jabatan", p?.jabatan ?? ""), ("opd", p?.opd ?? ""),
                                  ("email", p?.email), ("role", role), ("attendance", a?.category.rawValue),
                                  ("checkedIn", a?.checkedInAt.map(Self.utc)), ("lateMinutes", a?.lateMinutes.map(String.init)),
                                  ("representative", a?.representative), ("note", a?.note)])
            end()
        }
        end()
        start("agenda")
        for (i, item) in m.agenda.enumerated() {
            start("item", [("position", String(i + 1)), ("key", String(item.key)), ("timeBoxMinutes", String(item.boxMinutes)),
                           ("presenter", item.presenterNIP.map(name) ?? item.presenter), ("presenterNip", item.presenterNIP?.key),
                           ("actualStart", item.actualStart.map(Self.utc)), ("actualEnd", item.actualEnd.map(Self.utc)),
                           ("overrunMinutes", item.overrunMinutes.map(String.init)),
                           ("carriedFrom", item.carriedFrom.isEmpty ? nil : item.carriedFrom.map(\.description).joined(separator: " "))])
            element("title", item.title)
            for note in m.minutes.notes where note.itemKey == item.key { element("discussion", note.text, [("speaker", note.speaker)]) }
            end()
        }
        end()
        let position = Dictionary(m.agenda.enumerated().map { ($1.key, String($0 + 1)) }, uniquingKeysWith: { a, _ in a })
        start("decisions")
        for d in m.minutes.decisions { element("decision", d.text, [("number", String(d.number)), ("item", d.itemKey.flatMap { position[$0] })]) }
        end()
        start("actions")
        for a in m.minutes.actions {
            var owner: [(String, String?)] = []
            switch a.owner {
            case let .opd(o): owner = [("ownerOpd", o)]
            case let .person(p): owner = [("ownerNip", p.key)]
            }
            element("action", a.text, [("number", String(a.number)), ("item", a.itemKey.flatMap { position[$0] })] + owner
                    + [("due", a.due?.description), ("status", a.status.rawValue)])
        }
        end()
        start("indicators")
        for i in m.minutes.indicators {
            start("indicator", [("opd", i.opd), ("name", i.name), ("target", Self.decimal(i.target)), ("actual", Self.decimal(i.actual)),
                                ("unit", i.unit), ("asOf", i.asOf.description)])
            end()
        }
        end()
        if let a = m.minutes.approval, let seal {
            start("approval", [("by", a.by.key), ("at", Self.utc(a.at)), ("version", String(a.version)), ("reason", a.reason),
                               ("digest", seal.digest), ("sealFormat", seal.format.map(String.init)), ("previousDigest", seal.previousDigest),
                               ("key", seal.signature?.keyID), ("signature", seal.signature?.value)])
            end()
        }
        end()
        return try w.finish()
    }

    static func decimal(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

/// The seal of approved minutes as XML carries it.
public struct XMLSeal: Sendable, Equatable {
    public var digest: String
    /// nil for minutes sealed in format 1.
    public var format: Int?
    public var previousDigest: String?
    public var signature: SealSignature?

    public init(digest: String, format: Int?, previousDigest: String?, signature: SealSignature?) {
        self.digest = digest
        self.format = format
        self.previousDigest = previousDigest
        self.signature = signature
    }
}

/// Minutes read back from XML: the meeting, the people it names, and the seal it claims.
public struct ReadMinutes {
    public var meeting: Meeting
    public var people: [Person]
    public var seal: XMLSeal?
}

extension MinutesXML {
    /// Reads and validates minutes; refuses hostile or invalid documents with the reason.
    public static func read(_ bytes: [UInt8], schema: XMLSchema) throws -> ReadMinutes {
        let doc = try SafeXMLDocument(bytes)
        try doc.validate(against: schema)
        guard let root = doc.root, let meetingElement = root.child("meeting") else { throw XMLError.content("no meeting element") }
        func required(_ e: XMLElement, _ name: String) throws -> String {
            guard let v = e.attribute(name) else { throw XMLError.content("line \(e.line): \(e.name) has no \(name)") }
            return v
        }
        var people: [Person] = []
        var chair: PersonID?, notulis: PersonID?
        var participants: [PersonID] = []
        var attendance: [Attendance] = []
        for p in root.child("participants")?.all("participant") ?? [] {
            let nip = try PersonID(try required(p, "nip"))
            people.append(try Person(id: nip, name: try required(p, "name"), jabatan: p.attribute("jabatan") ?? "", opd: try required(p, "opd"),
                                     email: p.attribute("email")))
            switch p.attribute("role") {
            case "chair": chair = nip
            case "notulis": notulis = nip
            default: participants.append(nip)
            }
            if let category = p.attribute("attendance") {
                attendance.append(Attendance(nip: nip, category: try AttendanceCategory.parse(category), checkedInAt: try parseUTC(p.attribute("checkedIn")),
                                             lateMinutes: p.attribute("lateMinutes").flatMap(Int.init), representative: p.attribute("representative"),
                                             note: p.attribute("note")))
            }
        }
        guard let chair else { throw XMLError.content("no participant has role chair") }
        guard let scheduled = meetingElement.child("scheduled"), let start = try parseUTC(scheduled.attribute("start")),
              let end = try parseUTC(scheduled.attribute("end"))
        else { throw XMLError.content("the meeting has no scheduled time") }
        let zone = try Zone.named(try required(meetingElement, "timeZone"))
        var agenda: [AgendaItem] = []
        var notes: [DiscussionNote] = []
        var keyByPosition: [String: Int] = [:]
        for item in root.child("agenda")?.all("item") ?? [] {
            let key = Int(try required(item, "key")) ?? 0
            keyByPosition[try required(item, "position")] = key
            let presenterNIP = try item.attribute("presenterNip").map { try PersonID($0) }
            var a = try AgendaItem(key: key, title: item.child("title")?.text ?? "", presenter: presenterNIP == nil ? item.attribute("presenter") : nil,
                                   presenterNIP: presenterNIP, boxMinutes: Int(try required(item, "timeBoxMinutes")) ?? 0,
                                   carriedFrom: try (item.attribute("carriedFrom") ?? "").split(separator: " ").map { try MeetingID(String($0)) })
            a.actualStart = try parseUTC(item.attribute("actualStart"))
            a.actualEnd = try parseUTC(item.attribute("actualEnd"))
            agenda.append(a)
            for d in item.all("discussion") { notes.append(DiscussionNote(itemKey: key, text: d.text, speaker: d.attribute("speaker"))) }
        }
        var m = try Meeting(id: try MeetingID(try required(root, "id")), title: meetingElement.child("title")?.text ?? "",
                            kind: try required(meetingElement, "kind"), chair: chair, notulis: notulis, participants: participants,
                            start: start, end: end, timeZone: zone, virtualLink: meetingElement.child("link")?.text,
                            location: meetingElement.child("location")?.text, agenda: agenda, seriesID: meetingElement.attribute("series"))
        m.status = MeetingStatus(rawValue: try required(meetingElement, "status")) ?? .scheduled
        m.sequence = Int(try required(meetingElement, "sequence")) ?? 0
        if let actual = meetingElement.child("actual") {
            m.actualStart = try parseUTC(actual.attribute("start"))
            m.actualEnd = try parseUTC(actual.attribute("end"))
            m.lateStartReason = actual.attribute("lateReason")
        }
        m.attendance = attendance
        m.sortAttendance()
        m.minutes.notes = notes
        m.minutes.decisions = try (root.child("decisions")?.all("decision") ?? []).map {
            Decision(number: Int(try required($0, "number")) ?? 0, itemKey: $0.attribute("item").flatMap { keyByPosition[$0] }, text: $0.text)
        }
        m.minutes.actions = try (root.child("actions")?.all("action") ?? []).map { a in
            let owner: ActionOwner = try a.attribute("ownerNip").map { .person(try PersonID($0)) } ?? .opd(a.attribute("ownerOpd") ?? "")
            return ActionItem(number: Int(try required(a, "number")) ?? 0, itemKey: a.attribute("item").flatMap { keyByPosition[$0] }, text: a.text,
                              owner: owner, due: try a.attribute("due").map { try CivilDate($0) },
                              status: ActionStatus(rawValue: a.attribute("status") ?? "open") ?? .open)
        }
        m.minutes.indicators = try (root.child("indicators")?.all("indicator") ?? []).map { i in
            try Indicator(opd: try required(i, "opd"), name: try required(i, "name"), target: Double(try required(i, "target")) ?? 0,
                          actual: Double(try required(i, "actual")) ?? 0, unit: i.attribute("unit") ?? "", asOf: try CivilDate(try required(i, "asOf")))
        }
        m.minutes.sortIndicators()
        var seal: XMLSeal?
        if let a = root.child("approval") {
            m.minutes.approval = Approval(by: try PersonID(try required(a, "by")), at: try parseUTC(a.attribute("at")) ?? start,
                                          version: Int(try required(a, "version")) ?? 1, reason: a.attribute("reason"))
            let signature = a.attribute("key").flatMap { key in a.attribute("signature").map { SealSignature(keyID: key, value: $0) } }
            seal = XMLSeal(digest: try required(a, "digest"), format: a.attribute("sealFormat").flatMap { Int($0) },
                           previousDigest: a.attribute("previousDigest"), signature: signature)
        }
        return ReadMinutes(meeting: m, people: people, seal: seal)
    }
}
