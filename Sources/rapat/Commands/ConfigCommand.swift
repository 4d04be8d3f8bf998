import ArgumentParser
import Foundation
import RapatCore
import RapatService

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show or change working hours and on-time settings of this archive.",
        subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the settings.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let policy = try await global.services().administration.policy()
            if output.json { return try JSON.print(policy) }
            for (key, value) in policy.settings { print(key.padding(toLength: 27, withPad: " ", startingAt: 0) + value) }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a setting: working-hours 07:30-16:00, working-days mon-fri, grace-minutes 5, early-start-limit-minutes 10, the kop of documents (kop-instansi, kop-unit, kop-alamat, kop-kota, kop-logo @logo.png), letter-pattern {kode}/{nomor}-{unit}/{tahun}, letter-code, letter-unit, tembusan 'A; B'.")
        @OptionGroup var global: GlobalOptions
        @Argument var key: String
        @Argument var value: String

        func run() async throws {
            var value = value
            // A logo is given as a file (@logo.png): stored as a data URI in the archive.
            if key == "kop-logo", value.hasPrefix("@") {
                let path = String(value.dropFirst())
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationError(global.t("berkas logo tidak terbaca: \(path)", "cannot read the logo file: \(path)"))
                }
                let type = path.lowercased().hasSuffix(".svg") ? "image/svg+xml" : data.starts(with: [0xFF, 0xD8]) ? "image/jpeg" : "image/png"
                value = "data:\(type);base64,\(data.base64EncodedString())"
            }
            try await global.services().administration.set(key, value)
            print("\(key) = \(key == "kop-logo" && value.count > 60 ? String(value.prefix(40)) + "…" : value)")
        }
    }
}
