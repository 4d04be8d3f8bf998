import Foundation
import RapatCore
import RapatStore

/// Builds a realistic example archive: a monthly rapat pimpinan series of a provincial government
/// (June 2020 – January 2021, seven held) with ~20 Kepala OPD, attendance, lateness, overruns, minutes,
/// budget absorption per OPD rising toward the year-end target, action items followed up across meetings,
/// and January's agenda prepared from what December left open.
///
/// Everything goes through the store's public commands, so the sample obeys every planning and on-time rule.
/// Names are fictional; the shape (OPDs, agenda, budget absorption rising toward the year-end target) is real.
public struct SampleArchive: Sendable {
    public struct Summary: Sendable {
        public var people: Int
        public var meetings: [MeetingID]
        public var seriesID: String?
    }

    public var seed: UInt64

    public init(seed: UInt64 = 2020) { self.seed = seed }

    /// The office whose key approves the sample's minutes.
    public static let office = "Sekretariat Daerah Provinsi Banten"

    /// (OPD, jabatan, name); the first is the chair, the second the notulis.
    static let roster: [(String, String, String)] = [
        ("Setda", "Gubernur", "Dr. H. Ahmad Fauzan Hakim, M.Si."),
        ("Biro Umum", "Analis Kebijakan Biro Umum (Notulis)", "Rina Kartikasari, S.Sos."),
        ("Setda", "Wakil Gubernur", "H. Budi Santoso, S.H., M.H."),
        ("Setda", "Sekretaris Daerah", "Drs. H. Muhammad Yusuf, M.M."),
        ("Setda", "Asisten Pemerintahan dan Kesra", "Dra. Siti Nurhaliza, M.Si."),
        ("Setda", "Asisten Perekonomian dan Pembangunan", "Ir. Dedi Supriadi, M.T."),
        ("Setda", "Asisten Administrasi Umum", "Drs. Hendra Gunawan, M.Si."),
        ("BPKAD", "Kepala BPKAD", "Dr. Rudi Hartono, S.E., M.Ak."),
        ("Bappeda", "Kepala Bappeda", "Ir. Wahyu Nugroho, M.Eng."),
        ("BKD", "Kepala BKD", "Drs. Agus Salim, M.Si."),
        ("Dinkes", "Kepala Dinas Kesehatan", "dr. Ratna Dewi, M.Kes."),
        ("BPBD", "Kepala Pelaksana BPBD", "Joko Prasetyo, S.T., M.M."),
        ("Satpol PP", "Kepala Satpol PP", "Drs. Bambang Sutrisno"),
        ("Dishub", "Kepala Dinas Perhubungan", "Ir. Tri Wibowo, M.T."),
        ("Dindikbud", "Kepala Dinas Pendidikan dan Kebudayaan", "Dr. Nur Aini, M.Pd."),
        ("DPUPR", "Kepala Dinas PUPR", "Ir. Eko Purnomo, M.T."),
        ("Dinsos", "Kepala Dinas Sosial", "Dra. Yuli Astuti, M.Si."),
        ("Disperindag", "Kepala Dinas Perindustrian dan Perdagangan", "Andi Firmansyah, S.E., M.M."),
        ("DLHK", "Kepala Dinas Lingkungan Hidup dan Kehutanan", "Ir. Slamet Riyadi, M.Si."),
        ("Inspektorat", "Inspektur", "Drs. Imam Syafei, Ak., M.M."),
        ("Diskominfo", "Kepala Diskominfo", "Fajar Ramadhan, S.Kom., M.T.I."),
        ("Bapenda", "Kepala Bapenda", "Dr. Lina Marlina, S.E., M.Si."),
        ("DPMPTSP", "Kepala DPMPTSP", "H. Taufik Hidayat, S.H., M.Si."),
        ("Distan", "Kepala Dinas Pertanian", "Ir. Asep Saepudin, M.P."),
        ("Dispar", "Kepala Dinas Pariwisata", "Dra. Widya Lestari, M.Par."),
        ("DKP", "Kepala Dinas Kelautan dan Perikanan", "Ir. Yayat Sudrajat, M.Si."),
        ("Disnakertrans", "Kepala Dinas Tenaga Kerja dan Transmigrasi", "Drs. Ujang Kurnia, M.M."),
    ]

    /// Budget absorption (% realised) per month index 0…5 for each OPD: rising toward the 90 % year-end target.
    /// Cumulative absorption (%) of one OPD at month index 0 (May) … 6 (November): each OPD keeps its own
    /// trajectory, from 12–24 % in May to 66–93 % in November, so a few stay behind the 88 % target.
    func absorption(_ opdIndex: Int, month: Int) -> Double {
        var rng = SampleRandom(seed: seed &* 31 &+ UInt64(opdIndex))
        let start = 12.0 + Double(rng.next(upTo: 13)), final = 66.0 + Double(rng.next(upTo: 28))
        let shape = 0.8 + Double(rng.next(upTo: 50)) / 100
        let share = pow(Double(month) / 6.0, shape)
        return ((start + (final - start) * share) * 10).rounded() / 10
    }

    /// Builds the archive; the approvals are sealed with `signer`, whose public key is registered for the
    /// sample's approving office.
    public func build(into store: any MeetingStore, holidays: [Holiday], signer: SealSigner) async throws -> Summary {
        var rng = SampleRandom(seed: seed)
        let jakarta = Zone.jakarta
        try await store.registerSigningKey(try SigningKey(publicKeyPEM: signer.publicKeyPEM, office: Self.office, registeredAt: Date()))
        try await store.addHolidays(holidays)
        var people: [Person] = []
        for (i, (opd, jabatan, name)) in Self.roster.enumerated() {
            let birth = try CivilDate(year: 1963 + rng.next(upTo: 13), month: 1 + rng.next(upTo: 12), day: 1 + rng.next(upTo: 28))
            let tmtYear = birth.year + 23 + rng.next(upTo: 6)
            let nipText = String(format: "%04d%02d%02d%04d%02d%d%03d", birth.year, birth.month, birth.day, tmtYear, 1 + rng.next(upTo: 12),
                                 name.hasPrefix("Dra") || ["Rina", "Siti", "Ratna", "Nur", "Yuli", "Lina", "Widya"].contains(where: name.contains) ? 2 : 1,
                                 1 + i)
            let mailbox = opd.lowercased().replacingOccurrences(of: " ", with: "")
            let person = try Person(id: PersonID(nipText), name: name, jabatan: jabatan, opd: opd, email: "\(mailbox).\(i + 1)@bantenprov.example.go.id")
            try await store.addPerson(person)
            people.append(person)
        }
        let chair = people[0], notulis = people[1]
        let bpkad = people.first { $0.opd == "BPKAD" }!, dinkes = people.first { $0.opd == "Dinkes" }!
        let participants = people.dropFirst(2).map(\.id)

        let first = try CivilDate(year: 2020, month: 6, day: 17)
        let plan = try Meeting(
            id: MeetingID.unnumbered, title: "Rapat Pimpinan Evaluasi Kinerja OPD", kind: "rapat pimpinan",
            chair: chair.id, notulis: notulis.id, participants: participants,
            start: first.at(hour: 9, minute: 0, in: jakarta), end: first.at(hour: 11, minute: 0, in: jakarta),
            timeZone: jakarta, virtualLink: "https://vicon.bantenprov.example.go.id/rapim", location: "Ruang Rapat Gubernur, Pendopo (hybrid)",
            agenda: [
                try AgendaItem(key: 1, title: "Pembukaan dan arahan Gubernur", presenterNIP: chair.id, boxMinutes: 10, isStanding: true),
                try AgendaItem(key: 2, title: "Evaluasi penyerapan anggaran per OPD", presenterNIP: bpkad.id, boxMinutes: 45),
                try AgendaItem(key: 3, title: "Perkembangan penanganan COVID-19", presenterNIP: dinkes.id, boxMinutes: 25),
                try AgendaItem(key: 4, title: "Lain-lain dan penutup", presenter: "Sekretaris Daerah", boxMinutes: 10, isStanding: true),
            ])
        // Third Wednesday, June 2020 to January 2021: seven meetings held, January still ahead.
        let series = Series(id: "", title: plan.title, rule: try Recurrence(rule: "FREQ=MONTHLY;BYDAY=3WE;COUNT=8"))
        let monthNames = ["Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember", "Januari"]
        var plans = try series.occurrences(of: plan)
        for i in plans.indices {
            plans[i].title = "Rapat Pimpinan Evaluasi Kinerja OPD Bulan \(monthNames[i]) \(i == 7 ? 2021 : 2020)"
        }
        let created = try await store.createMeetings(plans, series: series)
        let opdHeads = people.filter { !["Setda", "Biro Umum"].contains($0.opd) }
        // Cumulative budget absorption targets at the end of the month before each meeting (May … November).
        let targets = [30.0, 40, 50, 60, 70, 80, 88]
        let asOfDays = try ["2020-05-31", "2020-06-30", "2020-07-31", "2020-08-31", "2020-09-30", "2020-10-31", "2020-11-30"].map { try CivilDate($0) }
        for (month, meeting) in created.enumerated() where month < 7 {
            let delay = [0, 0, 0, 7, 0, 3, 0][month]
            let start = meeting.start.addingTimeInterval(TimeInterval(delay * 60))
            let reasons = [3: "Gubernur menerima kunjungan Menteri Dalam Negeri sebelum rapat", 5: "gangguan koneksi video conference"]
            // Random draws happen here, outside the transaction body, which must not mutate captured state.
            let rolls = meeting.everyone.map { _ in (rng.next(upTo: 100), rng.next(upTo: 100) < 70 ? -rng.next(upTo: 15) : rng.next(upTo: 20)) }
            let lengths = meeting.agenda.map { item in
                let spread = item.boxMinutes / 4 + 1
                return item.boxMinutes - spread / 2 + rng.next(upTo: spread + 4)
            }
            let figures = try opdHeads.enumerated().map { i, head in
                try Indicator(opd: head.opd, name: "penyerapan-anggaran", target: targets[month], actual: absorption(i, month: month),
                              unit: "%", asOf: asOfDays[month])
            }
            let lagging = figures.sorted { $0.gap < $1.gap }.prefix(2).map(\.opd)
            let approve = month < 6
            try await store.updateMeeting(meeting.id, sealingWith: signer) { m, policy in
                try m.start(at: start, reason: reasons[month], policy: policy.onTime)
                for (nip, (roll, offset)) in zip(m.everyone, rolls) {
                    let category: AttendanceCategory = roll < 18 ? .hadir : roll < 78 ? .daring : roll < 86 ? .diwakili
                        : roll < 90 ? .dinasLuar : roll < 94 ? .izin : roll < 97 ? .sakit : .tanpaKeterangan
                    if nip == m.chair || nip == m.notulis {
                        try m.checkIn(nip, as: .hadir, at: m.start.addingTimeInterval(-600), note: nil)
                        continue
                    }
                    try m.checkIn(nip, as: category, at: start.addingTimeInterval(TimeInterval(offset * 60)),
                                  representative: category == .diwakili ? "Sekretaris \(m.id.serial % 2 == 0 ? "Dinas" : "Badan")" : nil,
                                  note: category == .dinasLuar ? "tugas ke Jakarta" : category == .izin ? "keperluan keluarga" : nil)
                }
                var clock = start.addingTimeInterval(120)
                for length in lengths {
                    try m.nextItem(at: clock)
                    clock = clock.addingTimeInterval(TimeInterval(length * 60))
                }
                try m.endMeeting(at: clock)
                for f in figures { try m.recordIndicator(f) }
                let list = figures.map { "\($0.opd) \(String(format: "%.1f", $0.actual))%" }.joined(separator: "; ")
                try m.addNote(item: 1, text: "Gubernur menegaskan rapat dimulai tepat waktu dan tidak bertele-tele; setiap OPD melaporkan capaian secara singkat.", speaker: chair.jabatan)
                try m.addNote(item: 2, text: "Per \(asOfDays[month].day) \(["Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November"][month]) dari target \(Int(targets[month])) persen, realisasi penyerapan anggaran: \(list).",
                              speaker: bpkad.jabatan)
                try m.addNote(item: 2, text: "OPD dengan penyerapan terendah (\(lagging.joined(separator: ", "))) diminta menjelaskan kendala: pengadaan barang/jasa yang tertunda dan refocusing anggaran COVID-19.")
                try m.addNote(item: 3, text: "Kasus aktif COVID-19 dan keterisian tempat tidur rumah sakit rujukan dilaporkan; protokol kesehatan diperketat.", speaker: dinkes.jabatan)
                try m.addDecision(item: 2, text: "OPD dengan penyerapan di bawah target menyusun rencana percepatan dan melaporkannya pada rapat pimpinan berikutnya.")
                try m.addDecision(item: 3, text: "Rapat pimpinan tetap dilaksanakan secara virtual selama masa pandemi.")
                let due = CivilDate(m.start, in: m.zone).adding(days: 21)
                for opd in lagging {
                    try m.addAction(item: 2, text: "Menyampaikan rencana percepatan penyerapan anggaran", owner: .opd(opd), due: due)
                }
                try m.addAction(item: 3, text: "Menyampaikan data keterisian tempat tidur rumah sakit rujukan", owner: .person(dinkes.id), due: due)
                if approve { try m.approveMinutes(by: m.chair, at: clock.addingTimeInterval(2 * 86400)) }
            }
        }
        // Most action items are followed up within a month; those of the last two meetings stay open.
        for action in try await store.actions(ActionFilter(seriesID: created[0].seriesID, today: try CivilDate("2020-12-31"))) {
            guard let due = action.action.due, due < (try CivilDate("2020-11-01")), rng.next(upTo: 100) < 80 else { continue }
            try await store.setActionStatus(action.id, .done, at: due.at(hour: 10, minute: 0, in: jakarta), note: "laporan diterima Biro Umum")
        }
        let prepared = try await store.prepareNextMeeting(series: created[0].seriesID!, today: try CivilDate("2021-01-11"))
        return Summary(people: people.count, meetings: created.map(\.id), seriesID: prepared.meeting.seriesID)
    }
}

/// SplitMix64: a small deterministic generator so the same seed gives the same archive everywhere.
public struct SampleRandom: Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in 0..<n.
    public mutating func next(upTo n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
