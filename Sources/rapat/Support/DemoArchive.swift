import Foundation
import RapatCore
import RapatSamples
import RapatService
import RapatStore

/// `rapat serve --demo`: the sample archive built afresh, meetings of this week so Beranda has something to
/// show, and one account per role.
enum DemoArchive {
    static let password = "rapat-demo-2020"
    static let accounts: [(username: String, role: Role, opd: String?)] = [
        ("sekretariat", .secretariat, nil), ("kadinkes", .participant, "Dinkes"), ("arsiparis", .archivist, nil),
    ]

    /// Builds the demo into `path` (deleted first) and returns the key that seals approvals.
    static func build(at path: String, keyPath: String) async throws -> SealSigner {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
        let store = try await StoreLocation.sqlite(path: path).open()
        let signer = FileManager.default.fileExists(atPath: keyPath) ? try KeyFile.load(keyPath) : try KeyFile.create(at: keyPath)
        let holidays = (try? String(contentsOfFile: "samples/holidays-id-2020.txt", encoding: .utf8)).map { try? Holiday.parseList($0, source: "holidays") } ?? nil
        _ = try await SampleArchive().build(into: store, holidays: holidays ?? [], signer: signer)
        let services = Services(store: store, principal: .console, signer: signer)
        let people = try await services.planning.people()
        for account in accounts {
            let person = account.opd.flatMap { opd in people.first { $0.opd == opd && $0.jabatan.hasPrefix("Kepala") }?.nip }
            _ = try await services.accounts.add(username: account.username, role: account.role, person: person, password: password)
        }
        try await planThisWeek(services, people: people)
        return signer
    }

    /// Two meetings on the next working days, so the home page shows today's and this week's meetings.
    static func planThisWeek(_ s: Services, people: [Person]) async throws {
        guard let governor = people.first(where: { $0.jabatan == "Gubernur" }), let dinkes = people.first(where: { $0.opd == "Dinkes" }),
              let bpkad = people.first(where: { $0.opd == "BPKAD" }) else { return }
        let zone = Zone.jakarta
        var day = CivilDate(Date(), in: zone)
        var planned = 0
        for _ in 0..<14 where planned < 2 {
            defer { day = day.adding(days: 1) }
            guard day.isoWeekday <= 5 else { continue }
            let title = planned == 0 ? "Rapat Koordinasi Percepatan Penyerapan Anggaran" : "Rapat Pimpinan Evaluasi Kinerja OPD"
            let request = PlanRequest(title: title, chair: governor.nip.digits, participants: [dinkes.nip.digits, bpkad.nip.digits],
                                      start: "\(day) 13:00", end: "15:00", link: "https://vicon.bantenprov.example.go.id/rapim",
                                      agenda: [.init(title: "Pembukaan", minutes: 10), .init(title: "Paparan realisasi anggaran", presenterNip: bpkad.nip.digits, minutes: 60),
                                               .init(title: "Tindak lanjut dan penutup", minutes: 30)])
            if (try? await s.planning.plan(request)) != nil { planned += 1 }
        }
    }
}
