import Foundation
import RapatCore
import RapatSamples
import RapatService
import RapatStore

/// `rapat serve --demo`: the sample archive built afresh, meetings of this week so Beranda has something to
/// show, and one account per role.
enum DemoArchive {
    static let password = "rapat-demo-2020"
    /// Each account and whom it is: a jabatan ("Gubernur", who chairs the demo's meetings and approves their
    /// minutes) or the head of an OPD.
    static let accounts: [(username: String, role: Role, who: String?)] = [
        ("sekretariat", .secretariat, nil), ("kadinkes", .participant, "Dinkes"), ("gubernur", .participant, "Gubernur"),
        ("arsiparis", .archivist, nil),
    ]

    /// Builds the demo into `path` (deleted first); returns the key that seals approvals and the meeting due now.
    static func build(at path: String, keyPath: String) async throws -> (signer: SealSigner, meetingNow: MeetingID?) {
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
            let person = account.who.flatMap { who in
                (people.first { $0.jabatan == who } ?? people.first { $0.opd == who && $0.jabatan.hasPrefix("Kepala") })?.id
            }
            _ = try await services.accounts.add(username: account.username, role: account.role, person: person, password: password)
        }
        // The kop of the demo's official documents.
        var policy = try await store.policy()
        for (key, value) in [("kop-instansi", "Pemerintah Provinsi Banten"), ("kop-unit", "Sekretariat Daerah"),
                             ("kop-alamat", "Kawasan Pusat Pemerintahan Provinsi Banten (KP3B), Jl. Syech Nawawi Al Bantani, Palima, Serang 42171"),
                             ("kop-kota", "Serang"), ("letter-unit", "Biro Umum"),
                             ("tembusan", "Gubernur Banten (sebagai laporan); Sekretaris Daerah Provinsi Banten")] {
            try policy.set(key, value)
        }
        try await store.setPolicy(policy)
        try await planThisWeek(services, people: people)
        return (signer, try await meetingNow(store, people: people))
    }

    /// A meeting that was due to start seven minutes ago and has not started, to try the meeting room with
    /// (a late start asks for its reason). It is written as a record (an archive bundle), not planned: the demo
    /// may be started at night or on a holiday, when the planning rules would refuse it.
    static func meetingNow(_ store: any MeetingStore, people: [Person]) async throws -> MeetingID? {
        guard let governor = people.first(where: { $0.jabatan == "Gubernur" }),
              let dinkes = people.first(where: { $0.opd == "Dinkes" && $0.jabatan.hasPrefix("Kepala") }) else { return nil }
        let zone = Zone.jakarta
        let minute = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60
        let start = Date(timeIntervalSince1970: minute - 7 * 60)
        let year = CivilDate(start, in: zone).year
        let yearStart = try CivilDate(year: year, month: 1, day: 1).at(hour: 0, minute: 0, in: zone)
        let taken = try await store.meetings(MeetingFilter(from: yearStart, to: try CivilDate(year: year + 1, month: 1, day: 1).at(hour: 0, minute: 0, in: zone)))
        let serial = (taken.filter { $0.id.year == year }.map(\.id.serial).max() ?? 0) + 1
        // One head of each of a few OPDs besides Dinkes, and a minute-taker of the Setda.
        var others: [PersonID] = []
        for opd in ["BPKAD", "Bappeda", "BPBD", "Dishub", "DPMPTSP"] {
            if let head = people.first(where: { $0.opd == opd && $0.jabatan.hasPrefix("Kepala") }) ?? people.first(where: { $0.opd == opd }) { others.append(head.id) }
        }
        let notulis = people.first { $0.opd == "Setda" && $0.id != governor.id }?.id
        let m = try Meeting(id: MeetingID(year: year, serial: serial), title: "Rapat Pimpinan Virtual: Evaluasi Penyerapan Anggaran OPD",
                            chair: governor.id, notulis: notulis, participants: [dinkes.id] + others, start: start,
                            end: start.addingTimeInterval(120 * 60), virtualLink: "https://vicon.bantenprov.example.go.id/rapim",
                            agenda: [try AgendaItem(key: 1, title: "Pembukaan oleh Gubernur", presenterNIP: governor.id, boxMinutes: 1),
                                     try AgendaItem(key: 2, title: "Evaluasi penyerapan anggaran per OPD", presenterNIP: others.first, boxMinutes: 60),
                                     try AgendaItem(key: 3, title: "Tindak lanjut dan penutup", boxMinutes: 20)])
        try await store.importBundle(ArchiveBundle(people: [], series: [], meetings: [.init(meeting: m, versions: [])]))
        return m.id
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
            let request = PlanRequest(title: title, chair: governor.id.key, participants: [dinkes.id.key, bpkad.id.key],
                                      start: "\(day) 13:00", end: "15:00", link: "https://vicon.bantenprov.example.go.id/rapim",
                                      agenda: [.init(title: "Pembukaan", minutes: 10), .init(title: "Paparan realisasi anggaran", presenterNip: bpkad.id.key, minutes: 60),
                                               .init(title: "Tindak lanjut dan penutup", minutes: 30)])
            if (try? await s.planning.plan(request)) != nil { planned += 1 }
        }
    }
}
