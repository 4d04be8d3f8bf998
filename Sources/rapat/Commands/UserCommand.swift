import ArgumentParser
import Foundation
import RapatCore
import RapatService
import RapatStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Accounts of the web face: add, list, disable, change a password.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, Password.self])

    /// The password from standard input (first line), never from the command line where `ps` shows it.
    static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("give the password on standard input, e.g. printf '%s\\n' \"$PASSWORD\" | rapat user add …")
        }
        return line
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; the password is read from standard input and stored as a bcrypt hash.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Username: 3–32 lower-case letters, digits, '.', '-' or '_'.") var username: String
        @Option(help: "secretariat, participant or archivist.") var role: Role
        @Option(help: "NIP of the person the user is (required for a participant).", transform: Typed.nip) var person: PersonID?
        @Flag(help: "Read the password from standard input (required).") var passwordStdin = false

        func run() async throws {
            guard passwordStdin else { throw ValidationError("give --password-stdin and the password on standard input") }
            let user = try await global.services().accounts.add(username: username, role: role, person: person, password: try UserCommand.readPassword())
            print(global.t("Pengguna ditambahkan", "User added") + ": \(user.username) (\(user.role.rawValue))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users (never their passwords).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let users = try await global.services().accounts.list()
            if output.json {
                return try JSON.print(users.map { ["username": $0.username, "role": $0.role.rawValue, "person": $0.person?.key ?? "",
                                                   "disabled": $0.disabled ? "true" : "false"] })
            }
            var table = Table([global.t("Pengguna", "User"), global.t("Peran", "Role"), "NIP", "Status"])
            for u in users {
                table.add([u.username, u.role.rawValue, u.person?.key ?? "", u.disabled ? global.t("nonaktif", "disabled") : global.t("aktif", "active")])
            }
            print(table.render())
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: signing in is refused from now on.")
        @OptionGroup var global: GlobalOptions
        @Argument var username: String

        func run() async throws {
            try await global.services().accounts.setDisabled(username, true)
            print(global.t("Pengguna dinonaktifkan", "User disabled") + ": \(username)")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user again.")
        @OptionGroup var global: GlobalOptions
        @Argument var username: String

        func run() async throws {
            try await global.services().accounts.setDisabled(username, false)
            print(global.t("Pengguna diaktifkan", "User enabled") + ": \(username)")
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password, read from standard input.")
        @OptionGroup var global: GlobalOptions
        @Argument var username: String

        func run() async throws {
            try await global.services().accounts.setPassword(username, try UserCommand.readPassword())
            print(global.t("Kata sandi diganti", "Password changed") + ": \(username)")
        }
    }
}
