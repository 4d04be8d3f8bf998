import ArgumentParser
import Foundation
import RapatCore
import RapatSamples
import RapatService
import RapatStore

struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Build the example archive (six monthly rapat pimpinan of 2020) and print its punctuality report.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Holiday list to load first.") var holidays = "samples/holidays-id-2020.txt"
    @Option(help: "Seed of the generator; the same seed gives the same archive.") var seed: UInt64 = 2020
    @Flag(help: "Delete the SQLite file named by --database first, so the sample can be rebuilt.") var fresh = false
    @Option(help: "The sample office's signing key: used when the file exists, made there (0600) otherwise. Default: beside the archive, NAME.key.pem.")
    var key: String?

    func run() async throws {
        if fresh {
            guard case let .sqlite(path) = try StoreLocation.resolve(global.database) else {
                throw ValidationError("--fresh only deletes SQLite files")
            }
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.removeItem(atPath: path + suffix)
            }
        }
        let services = try await global.services()
        let store = services.store
        guard try await store.people(opd: nil).isEmpty else {
            throw InputError.invalidValue(field: "database", value: try StoreLocation.resolve(global.database).description,
                                          hint: "the archive already holds data; give a new file with --database sqlite://sample.db")
        }
        let list: [Holiday]
        if let text = try? String(contentsOfFile: holidays, encoding: .utf8) {
            list = try Holiday.parseList(text, source: holidays)
        } else {
            throw InputError.invalidValue(field: "holiday file", value: holidays, hint: "run from the repository root or give --holidays PATH")
        }
        let keyPath = try key ?? Self.defaultKeyPath(try StoreLocation.resolve(global.database))
        let signer = FileManager.default.fileExists(atPath: keyPath) ? try KeyFile.load(keyPath) : try KeyFile.create(at: keyPath)
        let summary = try await SampleArchive(seed: seed).build(into: store, holidays: list, signer: signer)
        print(global.t("Kunci penandatangan", "Signing key") + " \(SampleArchive.office): \(keyPath) (" + global.t("untuk", "for")
              + " 'rapat minutes approve … --key \(keyPath)')")
        print(global.t("Arsip contoh dibuat", "Sample archive built") + ": \(summary.people) " + global.t("orang", "people") + ", "
              + "\(summary.meetings.count) " + global.t("rapat", "meetings") + " (" + global.t("seri", "series") + " \(summary.seriesID ?? "-"))\n")
        let report = try await services.reports.punctuality(from: "2020-06-01", to: "2020-12-31")
        print(PunctualityText(global: global).render(report, zone: Zone.jakarta))
    }

    /// `rapat-sample.db` → `rapat-sample.key.pem`; a PostgreSQL archive's key goes to `rapat-sample.key.pem` here.
    static func defaultKeyPath(_ location: StoreLocation) -> String {
        guard case let .sqlite(path) = location else { return "rapat-sample.key.pem" }
        let url = URL(fileURLWithPath: path)
        return url.deletingPathExtension().path + ".key.pem"
    }
}
