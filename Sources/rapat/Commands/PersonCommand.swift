import ArgumentParser
import RapatCore
import RapatService

struct PersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Register and list the people who chair and attend meetings.",
        subcommands: [Add.self, Update.self, List.self])

    struct Details: ParsableArguments {
        @Option(help: "Full name with titles, e.g. 'Dr. Hj. Ati Pramudji Hastuti, MARS'.") var name: String
        @Option(help: "Position, e.g. 'Kepala Dinas Kesehatan'.") var jabatan: String
        @Option(help: "Organisation unit (OPD), e.g. Dinkes, BPKAD.") var opd: String
        @Option(help: "Email for invitations.") var email: String?
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a person by NIP.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "18-digit NIP.", transform: Typed.nip) var nip: PersonID
        @OptionGroup var details: Details

        func run() async throws {
            let person = try Person(id: nip, name: details.name, jabatan: details.jabatan, opd: details.opd, email: details.email)
            try await global.services().planning.register(person)
            print(global.t("Terdaftar", "Registered") + ": \(person.name) (\(person.isGuest ? "tamu " + (person.email ?? "") : "NIP \(person.id)"), \(person.opd))")
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a registered person's details.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "NIP of the person.", transform: Typed.nip) var nip: PersonID
        @Option var name: String?
        @Option var jabatan: String?
        @Option var opd: String?
        @Option var email: String?

        func run() async throws {
            let planning = try await global.services().planning
            let old = try await planning.person(nip)
            let person = try Person(id: old.id, name: name ?? old.name, jabatan: jabatan ?? old.jabatan, opd: opd ?? old.opd,
                                    email: email ?? old.email)
            try await planning.update(person)
            print(global.t("Diperbarui", "Updated") + ": \(person.name) (\(person.isGuest ? "tamu " + (person.email ?? "") : "NIP \(person.id)"), \(person.opd))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered people.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only this OPD.") var opd: String?

        func run() async throws {
            let people = try await global.services().planning.people(opd: opd)
            if output.json { return try JSON.print(people) }
            var table = Table(["NIP", global.t("Nama", "Name"), global.t("Jabatan", "Position"), "OPD", "Email"])
            for p in people { table.add([p.id.key, p.name, p.jabatan, p.opd, p.email ?? ""]) }
            print(table.render())
        }
    }
}
