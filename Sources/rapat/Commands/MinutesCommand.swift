import ArgumentParser
import Foundation
import RapatCore
import RapatMinutes
import RapatService

struct MinutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes", abstract: "Write the notula: discussion, decisions, action items; the chair approves.",
        subcommands: [Note.self, Decide.self, Action.self, Done.self, Show.self, Approve.self, Correct.self, Render.self])

    struct Note: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record discussion under an agenda item.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID
        @Option(help: "Agenda item number.") var item: Int
        @Option(help: "Who said it.") var speaker: String?
        @Argument(help: "What was discussed.") var text: String

        func run() async throws {
            let m = try await global.services().minutes.note(id, item: item, text: text, speaker: speaker)
            print("\(m.id): " + global.t("catatan ditambahkan pada acara", "note added to item") + " \(item)")
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a decision.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID
        @Option(help: "Agenda item number it belongs to.") var item: Int?
        @Argument(help: "The decision.") var text: String

        func run() async throws {
            let (m, decision) = try await global.services().minutes.decide(id, item: item, text: text)
            print("\(m.id): " + global.t("keputusan", "decision") + " \(decision.number)")
        }
    }

    struct Action: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an action item with an owner (OPD or NIP) and a due date.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID
        @Option(help: "Agenda item number it belongs to.") var item: Int?
        @Option(help: "Owner: an OPD name or a person's NIP.") var owner: String
        @Option(help: "Due date YYYY-MM-DD.") var due: String?
        @Argument(help: "What must be done.") var text: String

        func run() async throws {
            let (m, action) = try await global.services().minutes.action(id, item: item, owner: owner, due: due, text: text)
            print("\(m.id)/\(action.number): " + global.t("tindak lanjut oleh", "action for") + " \(action.owner)")
        }
    }

    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an action item done (before the minutes are approved).")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID
        @Argument(help: "Action item number.") var number: Int
        @Option(help: "How it was done.") var note: String?

        func run() async throws {
            let r = try await global.services().minutes.setAction(ActionID(meeting: id, number: number), done: true, note: note)
            print("\(r.id): " + global.t("selesai", "done"))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the minutes (or a sealed earlier version of them).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID
        @Option(help: "A sealed version: 1 is the first approval, 2… the corrections.") var version: Int?

        func run() async throws {
            let services = try await global.services()
            if let version {
                let versions = try await services.minutes.versions(id)
                guard let v = versions.first(where: { $0.version == version }) else {
                    throw InputError.invalidValue(field: "--version", value: String(version),
                                                  hint: versions.isEmpty ? "\(id) has no approved minutes yet" : "versions of \(id): " + versions.map { String($0.version) }.joined(separator: ", "))
                }
                return try JSON.print(v)
            }
            let m = try await services.archive.meeting(id)
            if output.json { return try JSON.print(m.minutes) }
            let text = MeetingText(global: global, people: try await services.planning.people().byID).minutesText(m)
            print(text.isEmpty ? global.t("Notula \(m.id) masih kosong.", "The minutes of \(m.id) are empty.") : text)
            for v in try await services.minutes.versions(m.id) {
                print(global.t("Versi", "Version") + " \(v.version): " + global.text.dateTime(v.approvedAt, zone: m.zone) + (v.reason.map { " — \($0)" } ?? "")
                      + "  SHA-256 \(v.digest)")
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The chair approves the minutes; they are sealed, signed with the office's key (--key) and frozen from then on.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID
        @Option(help: "NIP of the chair.", transform: Typed.nip) var by: PersonID
        @OptionGroup var when: AtOption
        @OptionGroup var key: SigningKeyOption

        func run() async throws {
            let m = try await global.services(signer: try key.signer()).minutes.approve(id, by: by, at: when.at)
            print("\(m.id): " + global.t("notula disetujui", "minutes approved") + " \(global.text.dateTime(m.minutes.approval!.at, zone: m.zone))")
        }
    }


    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct approved minutes: the chair approves a new version with a reason; the old version stays readable.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var id: MeetingID
        @Option(help: "NIP of the chair.", transform: Typed.nip) var by: PersonID
        @Option(help: "Why the minutes are corrected.") var reason: String
        @Option(name: .customLong("decide"), help: "Add a decision.") var decisions: [String] = []
        @Option(name: .customLong("replace-decision"), help: "N=TEXT: replace the text of decision N.") var replacements: [String] = []
        @Option(help: "ITEM=TEXT: add discussion under agenda item ITEM.") var note: [String] = []
        @OptionGroup var key: SigningKeyOption

        func run() async throws {
            let by = by
            func pairs(_ specs: [String], _ option: String) throws -> [(Int, String)] {
                try specs.map { spec in
                    let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let n = Int(parts[0]) else {
                        throw InputError.invalidValue(field: option, value: spec, hint: "write NUMBER=TEXT")
                    }
                    return (n, parts[1])
                }
            }
            let replace = try pairs(replacements, "--replace-decision"), notes = try pairs(note, "--note"), decisions = decisions
            guard !replace.isEmpty || !notes.isEmpty || !decisions.isEmpty else {
                throw ValidationError("say what to correct: --decide, --replace-decision or --note")
            }
            let m = try await global.services(signer: try key.signer()).minutes.correct(id, by: by, reason: reason,
                                                                MinutesCorrection(decisions: decisions, replaceDecisions: replace, notes: notes))
            print("\(m.id): " + global.t("notula versi", "minutes version") + " \(m.minutes.approval!.version) " + global.t("disetujui", "approved"))
        }
    }


    struct Render: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render the notula, undangan or daftar hadir (Tata Naskah Dinas): md, html (A4, printable), txt, or pdf (printed by a chromium on PATH).")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var meeting: MeetingID
        @Option(help: "md, html, txt or pdf.") var format: RenderFormat = .md
        @Option(help: "notula (minutes), undangan (invitation) or daftar-hadir (attendance list).") var document: DocumentRenderer.Document = .notula
        @Option(help: "Your own Mustache template instead of the built-in one.") var template: String?
        @Option(help: "Letterhead (kop); default: the organizer setting.") var kop: String?
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() async throws {
            var own: (text: String, source: String)?
            if let template {
                guard let data = FileManager.default.contents(atPath: template), let t = String(data: data, encoding: .utf8) else {
                    throw InputError.invalidValue(field: "--template", value: template, hint: "the file cannot be read as UTF-8 text")
                }
                own = (t, template)
            }
            let rendered = try await global.services().documents.render(meeting, document: document, format: format.templateFormat,
                                                                         template: own, letterhead: kop, language: global.lang)
            let bytes = format == .pdf ? try PDFPrinter.print(html: rendered, language: global.lang) : Array(rendered.utf8)
            let output = try Output(path: out)
            try output.write(bytes)
            try output.close()
        }
    }
}

/// What `minutes render` writes: a template's own format, or a PDF printed from the HTML.
enum RenderFormat: String, CaseIterable, ExpressibleByArgument {
    case md, html, txt, pdf

    var templateFormat: DocumentRenderer.Format {
        switch self {
        case .md: return .md
        case .html, .pdf: return .html
        case .txt: return .txt
        }
    }
}

/// Prints HTML to PDF with a headless Chromium found on PATH (the browser's own print: A4 from the page's CSS).
enum PDFPrinter {
    static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    static func browser() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in browsers {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    static func print(html: String, language: Language) throws -> [UInt8] {
        let en = language == .en
        guard let chromium = browser() else {
            throw ValidationError(en ? "no Chromium on PATH to print the PDF: install one (Debian: apt install chromium), or render --format html and print it from a browser"
                                     : "tidak ada Chromium di PATH untuk mencetak PDF: pasang (Debian: apt install chromium), atau render --format html lalu cetak dari peramban")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("dokumen.html"), pdf = dir.appendingPathComponent("dokumen.pdf")
        try Data(html.utf8).write(to: page)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        p.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                       "--user-data-dir=\(dir.appendingPathComponent("profil").path)", "--print-to-pdf=\(pdf.path)", page.absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
            throw ValidationError(en ? "\(chromium) could not print the PDF (exit \(p.terminationStatus)); render --format html and print it from a browser"
                                     : "\(chromium) gagal mencetak PDF (kode \(p.terminationStatus)); render --format html lalu cetak dari peramban")
        }
        return Array(data)
    }
}
