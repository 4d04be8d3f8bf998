import ArgumentParser
import RapatCore
import RapatService

struct PersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Register and list the people who chair and attend meetings.",
        subcommands: [Add.self, Update.self, List.self, Link.self])

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
            // A guest has no NIP: the column shows the guest's key (what --chair or 'person link' take), marked as a guest.
            let planning = try await global.services().planning
            let linked = people.contains { $0.linkedTo != nil } ? try await planning.people(opd: nil) : people
            let names = Dictionary(linked.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            var table = Table([global.t("NIP / kunci tamu", "NIP / guest key"), global.t("Nama", "Name"), global.t("Jabatan", "Position"), "OPD", "Email"])
            for p in people {
                var name = p.name
                if p.isGuest { name += global.t(" (tamu)", " (guest)") }
                if let to = p.linkedTo { name += " → " + (names[to] ?? to.key) }
                table.add([p.id.key, name, p.jabatan, p.opd, p.email ?? ""])
            }
            print(table.render())
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link a guest (imported from a calendar, known by e-mail) to the registered person they are.",
            discussion: """
                Every meeting whose minutes are not sealed then names the person instead of the guest, and later imports \
                that meet the guest's address name the person. Sealed minutes keep naming the guest as they were approved.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The guest's key (G…, see 'rapat person list').", transform: Typed.nip) var guest: PersonID
        @Option(help: "NIP of the registered person.", transform: Typed.nip) var to: PersonID

        func run() async throws {
            let planning = try await global.services().planning
            let link = try await planning.linkGuest(guest, to: to)
            let person = try await planning.person(to)
            print(global.t("Ditautkan", "Linked") + ": \(guest) → \(person.name) (NIP \(to)); "
                  + global.t("rapat diperbarui", "meetings changed") + " \(link.meetings.count)")
            for id in link.meetings { print("  ~ \(id)" + (link.freed.contains(id) ? global.t(" (bentrok: tidak memblok waktu)", " (overlaps: reserves no time)") : "")) }
        }
    }
}
