import ArgumentParser
import Foundation
import RapatCore
import RapatMinutes
import RapatStore

/// Shared by the XML subcommands: minutes of a meeting as validated XML bytes.
struct XMLMinutes {
    let store: any MeetingStore
    let writer: MinutesXML
    let schema: XMLSchema

    init(_ global: GlobalOptions) async throws {
        store = try await global.store()
        writer = MinutesXML(people: try await store.people(opd: nil).byNIP)
        schema = try MinutesXML.schema()
    }

    func bytes(_ m: Meeting) async throws -> [UInt8] {
        let digest = try await store.minutesVersions(m.id).last?.digest
        return try writer.write(m, digest: digest, schema: schema)
    }
}

extension ExportCommand {
    struct XML: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xml", abstract: "XML minutes (urn:rapat:minutes:1), validated against the schema before they are written.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Meeting id (or use --from/--to with --dir).") var meeting: String?
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @Option(help: "From this date.") var from: String?
        @Option(help: "Up to and including this date.") var to: String?
        @Option(help: "Folder for one file per meeting.") var dir: String?

        func validate() throws {
            guard (meeting != nil) != (dir != nil) else { throw ValidationError("give a MEETING, or --dir with --from/--to") }
        }

        func run() async throws {
            let xml = try await XMLMinutes(global)
            if let meeting {
                let output = try Output(path: out)
                try output.write(try await xml.bytes(try await xml.store.meeting(try Parse.meetingID(meeting))))
                try output.close()
                return
            }
            let zone = Zone.jakarta
            let meetings = try await xml.store.meetings(MeetingFilter(from: try Parse.bound(from, zone: zone, upper: false),
                                                                      to: try Parse.bound(to, zone: zone, upper: true)))
            try FileManager.default.createDirectory(atPath: dir!, withIntermediateDirectories: true)
            for m in meetings {
                let output = try Output(path: (dir! as NSString).appendingPathComponent("\(m.id).xml"))
                try output.write(try await xml.bytes(m))
                try output.close()
            }
            print(global.t("Notula XML ditulis", "XML minutes written") + ": \(meetings.count) → \(dir!)")
        }
    }
}

extension ImportCommand {
    struct XML: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xml", abstract: "Import XML minutes (also from another installation) in one transaction; hostile or invalid files are refused.")
        @OptionGroup var global: GlobalOptions
        @Argument var files: [String]

        func run() async throws {
            let schema = try MinutesXML.schema()
            var people: [NIP: Person] = [:]
            var meetings: [ArchiveBundle.MeetingFile] = []
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw InputError.invalidValue(field: "file", value: file, hint: "the file cannot be read")
                }
                let read: ReadMinutes
                do { read = try MinutesXML.read(Array(data), schema: schema) } catch {
                    throw InputError.invalidValue(field: "XML minutes", value: file, hint: "\(error); nothing was imported")
                }
                for p in read.people { people[p.nip] = p }
                var versions: [MinutesVersion] = []
                if let approval = read.meeting.minutes.approval {
                    let record = try MinutesRecord(read.meeting)
                    guard read.digest == record.digest else {
                        throw InputError.invalidValue(field: "XML minutes", value: file,
                                                      hint: "the approval digest does not match the minutes in the file: they were altered; nothing was imported")
                    }
                    versions = [MinutesVersion(meetingID: read.meeting.id, version: approval.version, approvedBy: approval.by, approvedAt: approval.at,
                                               reason: approval.reason, digest: record.digest, record: record)]
                }
                meetings.append(ArchiveBundle.MeetingFile(meeting: read.meeting, versions: versions))
            }
            try await global.store().importBundle(ArchiveBundle(people: Array(people.values), series: [], meetings: meetings))
            print(global.t("Notula XML diimpor", "XML minutes imported") + ": " + meetings.map(\.meeting.id.description).joined(separator: ", "))
        }
    }
}

struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "Query the archive's XML minutes.", subcommands: [XPath.self])

    struct XPath: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xpath", abstract: "Run an XPath 1.0 expression (prefix r: bound to urn:rapat:minutes:1) over the minutes.",
            discussion: "Example: rapat query xpath \"//r:decision[contains(., 'anggaran')]\" --from 2020-07-01")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument var expression: String
        @Option(help: "From this date.") var from: String?
        @Option(help: "Up to and including this date.") var to: String?

        func run() async throws {
            let xml = try await XMLMinutes(global)
            let zone = Zone.jakarta
            let meetings = try await xml.store.meetings(MeetingFilter(from: try Parse.bound(from, zone: zone, upper: false),
                                                                      to: try Parse.bound(to, zone: zone, upper: true)))
            struct Match: Encodable { var meeting: String; var value: String }
            var matches: [Match] = []
            for m in meetings {
                let doc = try SafeXMLDocument(try await xml.bytes(m))
                for value in try doc.xpath(expression, namespaces: ["r": MinutesXML.namespace]) where !value.isEmpty {
                    matches.append(Match(meeting: m.id.description, value: value))
                }
            }
            if output.json { return try JSON.print(matches) }
            for match in matches { print("\(match.meeting)  \(match.value.replacingOccurrences(of: "\n", with: " "))") }
        }
    }
}

extension ExportCommand {
    struct AKN: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "akn", abstract: "The minutes as an Akoma Ntoso 3.0 debate, validated against the official schema.")
        @OptionGroup var global: GlobalOptions
        @Argument var meeting: String
        @Option(help: "Short name of the government in FRBR URIs.") var authority = "pemda"
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() async throws {
            let store = try await global.store()
            let policy = try await store.policy()
            let akn = AkomaNtoso(people: try await store.people(opd: nil).byNIP, authority: authority, secretariat: policy.organizerName)
            let bytes = try akn.write(try await store.meeting(try Parse.meetingID(meeting)), schema: try AkomaNtoso.schema())
            let output = try Output(path: out)
            try output.write(bytes)
            try output.close()
        }
    }
}

extension MinutesCommand {
    struct Render: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render the notula (or the undangan) from a Mustache template: md, html (A4, printable) or txt.")
        @OptionGroup var global: GlobalOptions
        @Argument var meeting: String
        @Option(help: "md, html or txt.") var format = "md"
        @Option(help: "notula (minutes) or undangan (invitation).") var document = "notula"
        @Option(help: "Your own Mustache template instead of the built-in one.") var template: String?
        @Option(help: "Letterhead (kop); default: the organizer setting.") var kop: String?
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() async throws {
            guard let format = DocumentRenderer.Format(rawValue: format) else {
                throw InputError.invalidValue(field: "--format", value: self.format, hint: "use md, html or txt")
            }
            guard let document = DocumentRenderer.Document(rawValue: document) else {
                throw InputError.invalidValue(field: "--document", value: self.document, hint: "use notula or undangan")
            }
            let text: String, source: String
            if let template {
                guard let data = FileManager.default.contents(atPath: template), let t = String(data: data, encoding: .utf8) else {
                    throw InputError.invalidValue(field: "--template", value: template, hint: "the file cannot be read as UTF-8 text")
                }
                (text, source) = (t, template)
            } else {
                (text, source) = (try DocumentRenderer.builtIn(document, format), "\(document.rawValue).\(format.rawValue).mustache")
            }
            let store = try await global.store()
            let m = try await store.meeting(try Parse.meetingID(meeting))
            let organizer = try await store.policy().organizerName
            let renderer = DocumentRenderer(people: try await store.people(opd: nil).byNIP, language: global.lang, letterhead: kop ?? organizer)
            let digest = try await store.minutesVersions(m.id).last?.digest
            let rendered = try renderer.render(m, template: text, source: source, digest: digest)
            let output = try Output(path: out)
            try output.write(Array(rendered.utf8))
            try output.close()
        }
    }
}
