import ArgumentParser
import Foundation
import RapatCore
import RapatService

struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Signing keys of approving offices: approvals are sealed and signed with them.",
        subcommands: [Create.self, Register.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an ECDSA P-256 key pair; the private key goes to FILE (mode 0600, outside the archive), never overwritten.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Where to write the private key (PEM).") var file: String
        @Option(help: "Also register the public key in the archive for this approving office.") var office: String?

        func run() async throws {
            let signer = try KeyFile.create(at: file)
            print(global.t("Kunci dibuat", "Key created") + ": \(signer.keyID) → \(file)")
            if let office {
                let key = try await global.services().administration.registerSigningKey(pem: signer.publicKeyPEM, office: office)
                print(global.t("Kunci publik didaftarkan untuk", "Public key registered for") + " \(key.office)")
            } else {
                print(signer.publicKeyPEM)
            }
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an approving office's public key (a PEM public key, or the public half of a private key file).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "PEM file with the public key.") var file: String
        @Option(help: "The approving office, e.g. 'Sekretariat Daerah Provinsi Banten'.") var office: String

        func run() async throws {
            guard let pem = try? String(contentsOfFile: file, encoding: .utf8) else { throw KeyFileError.unreadable(file) }
            let key = try await global.services().administration.registerSigningKey(pem: pem, office: office)
            print(global.t("Kunci didaftarkan", "Key registered") + ": \(key.id) (\(key.office))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered public keys.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let keys = try await global.services().administration.signingKeys()
            if output.json { return try JSON.print(keys) }
            var table = Table(["ID", global.t("Kantor", "Office"), global.t("Didaftarkan", "Registered")])
            for k in keys { table.add([k.id, k.office, global.text.compact(k.registeredAt, zone: Zone.jakarta)]) }
            print(table.render())
        }
    }
}

/// `--key` on the commands that approve minutes.
struct SigningKeyOption: ParsableArguments {
    @Option(name: .customLong("key"), help: "The approving office's private key file (default $RAPAT_SIGNING_KEY).")
    var file: String?

    func signer() throws -> SealSigner? { try KeyFile.named(file) }
}
