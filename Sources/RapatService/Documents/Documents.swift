import Foundation
import RapatCore
import RapatMinutes
import RapatStore

/// Official documents of the minutes: XML (our schema), Akoma Ntoso, rendered notula and undangan,
/// XPath over the minutes, and XML import with its approval digests checked.
public struct Documents: Sendable {
    let store: any MeetingStore
    let principal: Principal

    /// Writes minutes as XML validated against the schema; made once per use, reused for many meetings.
    public struct XMLWriter {
        let store: any MeetingStore
        let writer: MinutesXML
        let schema: XMLSchema

        public func bytes(_ m: Meeting) async throws -> [UInt8] {
            guard m.minutes.isApproved, let sealed = try await store.minutesVersions(m.id).last else {
                return try writer.write(m, seal: nil, schema: schema)
            }
            let seal = XMLSeal(digest: sealed.digest, format: sealed.record.format, previousDigest: sealed.record.previousDigest,
                               signature: sealed.signature)
            return try writer.naming(sealed.record).write(m, seal: seal, schema: schema)
        }
    }

    /// A writer naming the people of `meetings`, or of the whole registry (an export of everything).
    public func xmlWriter(for meetings: [Meeting]? = nil) async throws -> XMLWriter {
        let people = if let meetings { try await store.people(Set(meetings.flatMap(\.namedPeople))) } else { try await store.people(opd: nil) }
        return XMLWriter(store: store, writer: MinutesXML(people: people.byID), schema: try MinutesXML.schema())
    }

    public func xml(_ id: MeetingID) async throws -> [UInt8] {
        let m = try await Archive(store: store, principal: principal).meeting(id)
        return try await xmlWriter(for: [m]).bytes(m)
    }

    /// The values an XPath 1.0 expression selects in each readable meeting's XML minutes (prefix `r:`).
    public func xpath(_ expression: String, filter: MeetingFilter) async throws -> [(meeting: MeetingID, value: String)] {
        let writer = try await xmlWriter()
        var matches: [(MeetingID, String)] = []
        for m in try await Archive(store: store, principal: principal).meetings(filter) {
            let doc = try SafeXMLDocument(try await writer.bytes(m))
            for value in try doc.xpath(expression, namespaces: ["r": MinutesXML.namespace]) where !value.isEmpty {
                matches.append((m.id, value))
            }
        }
        return matches
    }

    /// Reads XML minutes files (also from another installation) and imports them in one transaction.
    /// Hostile or invalid files, and approvals whose digest does not match the minutes, refuse the whole import.
    public func importXML(_ files: [(name: String, bytes: [UInt8])]) async throws -> [MeetingID] {
        try AccessPolicy.require(principal, .planMeetings)
        let schema = try MinutesXML.schema()
        var people: [PersonID: Person] = [:]
        var meetings: [ArchiveBundle.MeetingFile] = []
        for file in files {
            let read: ReadMinutes
            do { read = try MinutesXML.read(file.bytes, schema: schema) } catch {
                throw XMLImportRefused(file: file.name, reason: .error(error))
            }
            do {
                for p in read.people { try TextRules.check(p) }
                try TextRules.check(read.meeting)
            } catch {
                throw XMLImportRefused(file: file.name, reason: .error(error))
            }
            for p in read.people { people[p.id] = p }
            var versions: [MinutesVersion] = []
            if let approval = read.meeting.minutes.approval, let seal = read.seal {
                guard approval.version == 1 else {
                    throw XMLImportRefused(file: file.name, reason: .correctedVersion(approval.version))
                }
                guard seal.format != nil, seal.signature != nil else {
                    throw XMLImportRefused(file: file.name, reason: .unsigned)
                }
                let record = try MinutesRecord(read.meeting, people: read.people.byID, previousDigest: seal.previousDigest)
                guard record.digest == seal.digest else {
                    throw XMLImportRefused(file: file.name, reason: .altered)
                }
                var version = MinutesVersion(record: record, signer: nil)
                version.signature = seal.signature
                versions = [version]
            }
            meetings.append(ArchiveBundle.MeetingFile(meeting: read.meeting, versions: versions))
        }
        try await store.importBundle(ArchiveBundle(people: Array(people.values), series: [], meetings: meetings))
        return meetings.map(\.meeting.id)
    }

    /// The minutes as an Akoma Ntoso 3.0 debate, validated against the official schema.
    public func akomaNtoso(_ id: MeetingID, authority: String) async throws -> [UInt8] {
        let m = try await Archive(store: store, principal: principal).meeting(id)
        let policy = try await store.policy()
        let akn = AkomaNtoso(people: try await store.people(m.namedPeople).byID, authority: authority, secretariat: policy.organizerName)
        return try akn.write(m, schema: try AkomaNtoso.schema())
    }

    /// The notula (or undangan) from a built-in template or the user's own.
    /// An undangan takes its number from the archive's numbering register the first time it is rendered (dated
    /// that day); the number stays its own. `stylesheetLink` links the documents' stylesheet (web) instead of
    /// inlining it; `verification` is where the approval of the notula is checked.
    public func render(_ id: MeetingID, document: DocumentRenderer.Document, format: DocumentRenderer.Format,
                       template: (text: String, source: String)?, letterhead: String?, language: Language,
                       stylesheetLink: String? = nil, verification: String? = nil) async throws -> String {
        let m = try await Archive(store: store, principal: principal).meeting(id)
        let (text, source) = try template ?? (try DocumentRenderer.builtIn(document, format), "\(document.rawValue).\(format.rawValue).mustache")
        let policy = try await store.policy()
        let sealed = m.minutes.isApproved ? try await store.minutesVersions(m.id).last : nil
        let registry = try await store.people(m.namedPeople).byID
        var renderer = DocumentRenderer(people: sealed?.record.naming(registry) ?? registry, language: language,
                                        letterhead: letterhead ?? policy.organizerName)
        renderer.kop = policy.letterhead
        renderer.stylesheetLink = stylesheetLink
        renderer.letter.copiesTo = policy.copiesTo
        renderer.letter.verification = verification ?? "rapat verify --from \(CivilDate(m.start, in: m.zone)) --to \(CivilDate(m.start, in: m.zone))"
        if document == .undangan {
            let number = try await store.letterNumber(document: document.rawValue, for: m.id, pattern: policy.letterPattern, at: Date(), zone: m.zone)
            renderer.letter.number = number.text
            renderer.letter.date = number.assignedAt
        }
        return try renderer.render(m, template: text, source: source, digest: sealed?.digest)
    }
}

/// An XML minutes file an import refused (and with it the whole import), said in the user's language.
public struct XMLImportRefused: Error, LocalizedMessage, CustomStringConvertible {
    public enum Reason: Sendable {
        case error(any Error)
        case correctedVersion(Int)
        case unsigned
        case altered
    }

    public var file: String
    public var reason: Reason

    public var description: String { message(.en) }

    public func message(_ l: Language) -> String {
        let en = l == .en
        let why: String
        switch reason {
        case let .error(e): why = Catalogue.text(e, l)
        case let .correctedVersion(v):
            why = en ? "corrected minutes (version \(v)) travel with their earlier versions in an archive bundle ('rapat archive export' / 'archive import')"
                : "notula koreksi (versi \(v)) dipindahkan bersama versi sebelumnya dalam bundel arsip ('rapat archive export' / 'archive import')"
        case .unsigned:
            why = en ? "the approval carries no signature (sealed by an earlier Rapat or written by hand): it cannot be verified here"
                : "persetujuannya tidak bertanda tangan (disegel Rapat versi lama atau ditulis tangan): tidak dapat diverifikasi di sini"
        case .altered:
            why = en ? "the approval digest does not match the minutes in the file: they were altered"
                : "digest persetujuan tidak sesuai dengan notula dalam berkas: notula telah diubah"
        }
        return en ? "XML minutes '\(file)' refused: \(why); nothing was imported" : "notula XML '\(file)' ditolak: \(why); tidak ada yang diimpor"
    }
}
