import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens for the service: make, list and revoke.", subcommands: [Create.self, List.self, Revoke.self, Feed.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a token; its secret is printed once and stored only as a SHA-256.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "secretariat, participant or archivist.") var role: Role
        @Option(help: "NIP of the person a participant token speaks for.", transform: Typed.nip) var person: PersonID?
        @Option(help: "Last day the token works, YYYY-MM-DD (WIB); default: until revoked.", transform: Typed.date) var expires: CivilDate?

        func run() async throws {
            let expiresAt = expires.map { $0.adding(days: 1).at(hour: 0, minute: 0, in: Zone.jakarta) }
            print(try await global.services().administration.createToken(role: role, person: person, expiresAt: expiresAt))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens by id (never their secrets), with role, person and expiry.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let tokens = try await global.services().administration.tokens()
            if output.json { return try JSON.print(tokens) }
            let now = Date()
            var table = Table(["ID", global.t("Peran", "Role"), "NIP", global.t("Dibuat", "Created"), global.t("Berlaku sampai", "Expires"), "Status"])
            for t in tokens {
                table.add([t.id, t.role.rawValue, t.person?.key ?? "", global.text.compact(t.createdAt, zone: Zone.jakarta),
                           t.expiresAt.map { global.text.compact($0, zone: Zone.jakarta) } ?? "–",
                           t.isValid(at: now) ? global.t("berlaku", "valid") : global.t("kedaluwarsa", "expired")])
            }
            print(table.render())
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (or the first 6+ hex digits of it); it stops working at once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Token id, as 'rapat token list' shows it.") var id: String

        func run() async throws {
            let n = try await global.services().administration.revokeTokens(prefix: id)
            print(global.t("Token dicabut", "Tokens revoked") + ": \(n)")
        }
    }

    struct Feed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A calendar URL for one feed: its token reads that feed and nothing else; making it again replaces the old one.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The person whose meetings the feed holds (it reads as that person).", transform: Typed.nip) var person: PersonID?
        @Option(help: "The OPD whose meetings the feed holds.") var opd: String?
        @Option(name: .customLong("as"), help: "For an OPD feed: read it as this participant (default: as the secretariat, every meeting).",
                transform: Typed.nip) var reader: PersonID?

        func validate() throws {
            guard (person == nil) != (opd == nil) else { throw ValidationError("give --person NIP or --opd NAME") }
        }

        func run() async throws {
            let scope: FeedScope = person.map { .person($0) } ?? .opd(opd ?? "")
            let principal = person.map { Principal(role: .participant, person: $0) }
                ?? reader.map { Principal(role: .participant, person: $0) } ?? .console
            let (_, url) = try await Services(store: try await global.store(), principal: principal, language: global.lang)
                .calendars.feedToken(scope, ownerHash: nil)
            print(url)
        }
    }
}
