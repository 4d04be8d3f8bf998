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
            let text = MeetingText(global: global, people: try await services.planning.people().byNIP).minutesText(m)
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
        @Option(help: "NIP of the chair.", transform: Typed.nip) var by: NIP
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
        @Option(help: "NIP of the chair.", transform: Typed.nip) var by: NIP
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
            abstract: "Render the notula (or the undangan) from a Mustache template: md, html (A4, printable) or txt.")
        @OptionGroup var global: GlobalOptions
        @Argument(transform: Typed.meetingID) var meeting: MeetingID
        @Option(help: "md, html or txt.") var format: DocumentRenderer.Format = .md
        @Option(help: "notula (minutes) or undangan (invitation).") var document: DocumentRenderer.Document = .notula
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
            let rendered = try await global.services().documents.render(meeting, document: document, format: format,
                                                                         template: own, letterhead: kop, language: global.lang)
            let output = try Output(path: out)
            try output.write(Array(rendered.utf8))
            try output.close()
        }
    }
}
