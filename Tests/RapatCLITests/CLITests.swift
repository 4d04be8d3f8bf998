import Foundation
import Testing

@Suite struct CLITests {
    let governor = "197002051995021001"

    func fresh() throws -> RapatProcess {
        let rapat = RapatProcess(directory: try RapatProcess.temporaryDirectory())
        let r = try rapat.run(["person", "add", "--nip", governor, "--name", "Gubernur", "--jabatan", "Gubernur", "--opd", "Setda"])
        #expect(r.status == 0, "\(r.stderr)")
        return rapat
    }

    @Test func twoProcessesWritingAtOnceLoseNoWrite() async throws {
        let rapat = try fresh()
        let perWriter = 12
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 1...2 {
                group.addTask {
                    for n in 0..<perWriter {
                        let nip = String(format: "19800101200501%d%03d", writer, n)
                        var r = try rapat.run(["person", "add", "--nip", nip, "--name", "Pegawai \(writer)-\(n)", "--jabatan", "Staf", "--opd", "OPD\(writer)"])
                        #expect(r.status == 0, "\(r.stderr)")
                        // Each writer plans meetings on its own days; both draw ids from the same yearly counter.
                        let day = String(format: "2021-0%d-%02d 09:00", writer + 1, n + 1)
                        r = try rapat.run(["meeting", "create", "--title", "Rapat \(writer)-\(n)", "--chair", nip, "--start", day, "--minutes", "30", "--lang", "en"])
                        #expect(r.status == 0 || r.stderr.contains("not a working day"), "\(r.stderr)")
                    }
                }
            }
            try await group.waitForAll()
        }
        let people = try rapat.run(["person", "list", "--json"])
        #expect(people.stdout.components(separatedBy: "\"nip\"").count - 1 == 2 * perWriter + 1)
        let list = try rapat.run(["meeting", "list", "--json"])
        let meetings = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [[String: Any]]
        let ids = meetings.map { $0["id"] as! String }
        #expect(Set(ids).count == ids.count)
        #expect(ids.sorted() == (1...ids.count).map { String(format: "RP-2021-%04d", $0) })
        #expect(ids.count >= 2 * perWriter - 8)  // weekends are refused, everything else is kept
    }

    @Test func badInputGivesAClearErrorNonZeroExitAndChangesNothing() throws {
        let rapat = try fresh()
        let before = try rapat.run(["meeting", "list", "--json"]).stdout + rapat.run(["person", "list", "--json"]).stdout
        let cases: [([String], String)] = [
            (["person", "add", "--nip", "12345", "--name", "X", "--jabatan", "Y", "--opd", "Z"], "invalid NIP '12345'"),
            (["meeting", "create", "--title", "X", "--chair", governor, "--start", "2020-12-16 9am", "--minutes", "60"], "invalid time '2020-12-16 9am'"),
            (["meeting", "create", "--title", "X", "--chair", governor, "--start", "2020-12-19 09:00", "--minutes", "60"], "not a working day"),
            (["meeting", "create", "--title", "X", "--chair", "198001012005011001", "--start", "2020-12-16 09:00", "--minutes", "60"], "no person with NIP 198001012005011001"),
            (["meeting", "create", "--title", "X", "--chair", governor, "--start", "2020-12-16 09:00", "--minutes", "30", "--item", "Panjang|45"], "agenda is 45 min but the meeting is 30 min"),
            (["meeting", "show", "RP-2020-0099"], "no meeting RP-2020-0099"),
            (["meeting", "show", "RAPAT-1"], "invalid meeting id 'RAPAT-1'"),
            (["start", "RP-2020-0001"], "no meeting RP-2020-0001"),
            (["report", "punctuality", "--from", "2020-13-01", "--to", "2020-12-31"], "invalid time '2020-13-01'"),
            (["config", "set", "working-hours", "17:00-08:00"], "invalid working hours"),
            (["holiday", "import", "/nonexistent/libur.txt"], "cannot be read"),
        ]
        for (arguments, message) in cases {
            let r = try rapat.run(arguments + ["--lang", "en"])
            #expect(r.status != 0, "\(arguments) should fail")
            #expect(r.stderr.hasPrefix("Error: ") && r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        let after = try rapat.run(["meeting", "list", "--json"]).stdout + rapat.run(["person", "list", "--json"]).stdout
        #expect(after == before)
    }

    @Test(arguments: [
        (["meeting", "show", "RP-2020-0099"], "Galat: tidak ada rapat RP-2020-0099 di arsip", "Error: no meeting RP-2020-0099 in the archive"),
        (["meeting", "show", "RAPAT-1"], "nomor rapat 'RAPAT-1' tidak sah", "invalid meeting id 'RAPAT-1'"),
        (["checkin", "RP-2020-0001", "197002051995021001", "--as", "hadirr"], "Galat: Nilai 'hadirr' tidak sah", "Error: The value 'hadirr' is invalid"),
        (["meeting", "create", "--title", "X", "--chair", "197002051995021001", "--start", "2020-12-19 09:00", "--minutes", "60"],
         "bukan hari kerja", "is not a working day"),
        (["search", "\"rumah sakit"], "membuka tanda kutip tanpa menutupnya", "opens a quote it never closes"),
    ])
    func errorsAreIndonesianByDefaultAndEnglishOnRequest(_ arguments: [String], _ indonesian: String, _ english: String) throws {
        let rapat = try fresh()
        let id = try rapat.run(arguments)
        #expect(id.status != 0 && id.stderr.contains(indonesian), "\(id.stderr)")
        let en = try rapat.run(arguments + ["--lang", "en"])
        #expect(en.status != 0 && en.stderr.contains(english), "\(en.stderr)")
    }

    /// A calendar from someone else: its organizer and attendees come in as guests (no --chair), the report
    /// says what is wrong with a broken event in the user's language, and a guest is linked to a registered person.
    @Test func anImportTakesGuestsReportsInIndonesianAndLinks() throws {
        let rapat = try fresh()
        let file = rapat.directory.appendingPathComponent("dprd.ics")
        try """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:kunker-1\r
            DTSTART:20201216T060000Z\r
            DTEND:20201216T070000Z\r
            SUMMARY:Kunjungan kerja Komisi V\r
            ORGANIZER;CN="H. Ahmad Fauzi":mailto:ahmad.fauzi@dprd.example.go.id\r
            ATTENDEE;CN=Tamu Ahli:mailto:ahli@kampus.example.ac.id\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:rusak\r
            DTSTART:20201332T090000\r
            ORGANIZER:mailto:ahmad.fauzi@dprd.example.go.id\r
            END:VEVENT\r
            END:VCALENDAR\r

            """.write(to: file, atomically: true, encoding: .utf8)
        let r = try rapat.run(["import", "ics", file.path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("dibuat 1") && r.stdout.contains("Tamu baru (tanpa NIP, dikenali dari email atau nama kalender; tautkan dengan 'rapat person link'): 2"), "\(r.stdout)")
        #expect(r.stdout.contains("tanggal '20201332T090000' pada DTSTART tidak sah"), "\(r.stdout)")
        let en = try rapat.run(["import", "ics", file.path, "--lang", "en", "--dry-run"])
        #expect(en.stdout.contains("bad date '20201332T090000' in DTSTART"), "\(en.stdout)")
        let guests = try rapat.run(["person", "list", "--opd", "Tamu"]).stdout
        #expect(guests.contains("H. Ahmad Fauzi (tamu)") && guests.contains("Tamu Ahli (tamu)"))
        let key = String(try #require(guests.split(separator: "\n").first { $0.contains("H. Ahmad Fauzi") }).prefix(18))
        #expect(key.hasPrefix("G"))
        #expect(try rapat.run(["person", "add", "--nip", "197108021999062011", "--name", "dr. Ratna Dewi", "--jabatan", "Kepala Dinas Kesehatan",
                               "--opd", "Dinkes"]).status == 0)
        let linked = try rapat.run(["person", "link", key, "--to", "197108021999062011"])
        #expect(linked.status == 0 && linked.stdout.contains("rapat diperbarui 1"), "\(linked.stdout) \(linked.stderr)")
        let notGuest = try rapat.run(["person", "link", "197002051995021001", "--to", "197108021999062011"])
        #expect(notGuest.status != 0 && notGuest.stderr.contains("bukan tamu"), "\(notGuest.stderr)")
    }

    @Test func aSearchTooLongExitsWith2AndNoSQL() throws {
        let rapat = try fresh()
        let r = try rapat.run(["search"] + (1...40).map { "kata\($0)" })
        #expect(r.status == 2 && r.stderr.contains("pencarian terlalu panjang") && !r.stderr.contains("SELECT"), "\(r.status) \(r.stderr)")
    }

    @Test func aHolidayFileWithABadLineIsRefusedWhole() throws {
        let rapat = try fresh()
        let file = rapat.directory.appendingPathComponent("libur.txt")
        try "2020-12-25 Natal\n2020-02-30 Salah\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try rapat.run(["holiday", "import", file.path, "--lang", "en"])
        #expect(r.status != 0 && r.stderr.contains("line 2 of"))
        let id = try rapat.run(["holiday", "import", file.path])
        #expect(id.status != 0 && id.stderr.contains("baris 2 pada \(file.path)"), "\(id.stderr)")
        #expect(try rapat.run(["holiday", "list", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]")
    }

    @Test func theReadmeWalkthroughRunsOnAFreshArchive() throws {
        let readme = try String(contentsOf: RapatProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- walkthrough:start -->"))
        let end = try #require(readme.range(of: "<!-- walkthrough:end -->"))
        let block = readme[start.upperBound..<end.lowerBound]
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("```") && !$0.contains("swift build") }
            .joined(separator: "\n")
        let dir = try RapatProcess.temporaryDirectory()
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("samples"),
                                                   withDestinationURL: RapatProcess.packageRoot.appendingPathComponent("samples"))
        let path = RapatProcess.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let r = try RapatProcess.execute(URL(fileURLWithPath: "/bin/bash"), ["-euo", "pipefail", "-c", block],
                                         environment: ["PATH": path, "RAPAT_DATABASE": ""], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("RP-2020-0001  Rabu, 16 Desember 2020 09.00 WIB"))
        #expect(r.stdout.contains("dimulai 09.07 WIB, terlambat 7 menit"))
        #expect(r.stdout.contains("LEBIH 7 menit"))
        #expect(r.stdout.contains("Laporan ketepatan waktu"))
    }
}

@Suite struct SeriesCLITests {
    @Test func theSampleJanuaryAgendaHoldsItsStandingItemsOnce() throws {
        let rapat = RapatProcess(directory: try RapatProcess.temporaryDirectory())
        try FileManager.default.createSymbolicLink(at: rapat.directory.appendingPathComponent("samples"),
                                                   withDestinationURL: RapatProcess.packageRoot.appendingPathComponent("samples"))
        #expect(try rapat.run(["sample", "--fresh"]).status == 0)
        let january = try rapat.run(["agenda", "list", "RP-2021-0001", "--lang", "en"])
        #expect(january.status == 0, "\(january.stderr)")
        for title in ["Pembukaan dan arahan Gubernur", "Lain-lain dan penutup"] {
            #expect(january.stdout.components(separatedBy: title).count == 2, "\(title) once: \(january.stdout)")
        }
        #expect(january.stdout.contains("[standing]"))
    }

    @Test func indicatorCSVWithABadRowIsRefusedWholeAndAGoodOneIsReported() throws {
        let rapat = RapatProcess(directory: try RapatProcess.temporaryDirectory())
        let governor = "197002051995021001"
        #expect(try rapat.run(["person", "add", "--nip", governor, "--name", "Gubernur", "--jabatan", "Gubernur", "--opd", "Setda"]).status == 0)
        let created = try rapat.run(["meeting", "create", "--title", "Rapim", "--chair", governor, "--start", "2020-12-16 09:00", "--minutes", "120",
                                     "--repeat", "FREQ=MONTHLY;BYDAY=3WE;COUNT=2"])
        #expect(created.status == 0, "\(created.stderr)")
        let bad = rapat.directory.appendingPathComponent("bad.csv")
        try "OPD,indicator,target,actual,as-of\nBPKAD,penyerapan-anggaran,88,71.3,2020-11-30\nDinkes,penyerapan-anggaran,88,n/a,2020-11-30\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try rapat.run(["indicator", "import", "RP-2020-0001", bad.path, "--lang", "en"])
        #expect(refused.status != 0 && refused.stderr.contains("line 3 of \(bad.path)"))
        #expect(!(try rapat.run(["minutes", "show", "RP-2020-0001"]).stdout.contains("penyerapan-anggaran")))

        let good = RapatProcess.packageRoot.appendingPathComponent("samples/indikator-penyerapan-2020-11.csv").path
        let imported = try rapat.run(["indicator", "import", "RP-2020-0001", good])
        #expect(imported.status == 0 && imported.stdout.contains("6"), "\(imported.stderr)")
        let csv = try rapat.run(["report", "indicators", "--series", "SR-2020-001", "--name", "penyerapan-anggaran", "--csv"])
        #expect(csv.stdout.contains("BPKAD,penyerapan-anggaran,%,2020-11-30,88.0,71.3,-16.7,RP-2020-0001"))
        let table = try rapat.run(["report", "indicators", "--series", "SR-2020-001"])
        #expect(table.stdout.contains("Di bawah target (3): Satpol PP -21,0, BPKAD -16,7, Dinkes -13,0"), "\(table.stdout)")
        let noNext = try rapat.run(["series", "next", "SR-2020-009", "--lang", "en"])
        #expect(noNext.status != 0 && noNext.stderr.contains("no series SR-2020-009"))
    }
}
