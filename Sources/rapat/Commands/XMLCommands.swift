import ArgumentParser
import Foundation
import RapatCore
import RapatMinutes
import RapatService
import RapatStore

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
            let services = try await global.services()
            if let meeting {
                let output = try Output(path: out)
                try output.write(try await services.documents.xml(try Parse.meetingID(meeting)))
                try output.close()
                return
            }
            let zone = Zone.jakarta
            let xml = try await services.documents.xmlWriter()
            let meetings = try await services.archive.meetings(MeetingFilter(from: try Parse.bound(from, zone: zone, upper: false),
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
            let contents = try files.map { file in
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw InputError.invalidValue(field: "file", value: file, hint: "the file cannot be read")
                }
                return (name: file, bytes: Array(data))
            }
            let ids = try await global.services().documents.importXML(contents)
            print(global.t("Notula XML diimpor", "XML minutes imported") + ": " + ids.map(\.description).joined(separator: ", "))
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
            let zone = Zone.jakarta
            let filter = MeetingFilter(from: try Parse.bound(from, zone: zone, upper: false), to: try Parse.bound(to, zone: zone, upper: true))
            struct Match: Encodable { var meeting: String; var value: String }
            let matches = try await global.services().documents.xpath(expression, filter: filter).map { Match(meeting: $0.meeting.description, value: $0.value) }
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
            let bytes = try await global.services().documents.akomaNtoso(try Parse.meetingID(meeting), authority: authority)
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
            var own: (text: String, source: String)?
            if let template {
                guard let data = FileManager.default.contents(atPath: template), let t = String(data: data, encoding: .utf8) else {
                    throw InputError.invalidValue(field: "--template", value: template, hint: "the file cannot be read as UTF-8 text")
                }
                own = (t, template)
            }
            let rendered = try await global.services().documents.render(try Parse.meetingID(meeting), document: document, format: format,
                                                                         template: own, letterhead: kop, language: global.lang)
            let output = try Output(path: out)
            try output.write(Array(rendered.utf8))
            try output.close()
        }
    }
}
