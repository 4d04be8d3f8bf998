import Foundation
import Mustache
import RapatCore

/// Renders the notula (minutes) and undangan (invitation) from Mustache templates in the Tata Naskah
/// Dinas layout: dates and durations in Indonesian by default ("Rabu, 16 Desember 2020", "pukul 09.00 WIB",
/// "terlambat 7 menit"), English on request.
public struct DocumentRenderer {
    public enum Document: String, CaseIterable, Sendable {
        case notula, undangan
        case daftarHadir = "daftar-hadir"
    }
    public enum Format: String, CaseIterable, Sendable { case md, html, txt }

    public var people: [PersonID: Person]
    public var language: Language
    /// The letterhead line (kop), e.g. "Pemerintah Provinsi Banten — Sekretariat Daerah".
    public var letterhead: String

    /// The kop of official documents (falls back to `letterhead` as its unit line when not configured).
    public var kop = Letterhead()
    /// What only the archive knows: the letter's number and date, who gets a copy, where approval is verified.
    public var letter = LetterDetails()
    /// `<link …>` to the documents' stylesheet (web), or nil for the stylesheet inlined (a standalone file).
    public var stylesheetLink: String?

    public struct LetterDetails: Sendable {
        public var number: String?
        public var date: Date?
        public var copiesTo: [String] = []
        public var verification: String?
        public init(number: String? = nil, date: Date? = nil, copiesTo: [String] = [], verification: String? = nil) {
            self.number = number
            self.date = date
            self.copiesTo = copiesTo
            self.verification = verification
        }
    }

    public init(people: [PersonID: Person], language: Language = .id, letterhead: String) {
        self.people = people
        self.language = language
        self.letterhead = letterhead
    }

    /// The documents' stylesheet (A4, print).
    public static let stylesheet: String = {
        guard let url = Bundle.module.url(forResource: "dokumen", withExtension: "css", subdirectory: "templates"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    /// The partials every document template may use: `{{> kop}}`, `{{> tandaTangan}}`.
    static let partials: [(String, String)] = ["kop", "tandaTangan"].compactMap { name in
        guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "templates"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return (name, text)
    }

    /// "Kamis, 10 Desember 2020" → "10 Desember 2020", as a letter is dated.
    static func withoutWeekday(_ date: String) -> String {
        guard let comma = date.firstIndex(of: ",") else { return date }
        return date[date.index(after: comma)...].trimmingCharacters(in: .whitespaces)
    }

    /// A long list of addressees goes to a lampiran ("daftar terlampir").
    public static let addresseesInline = 8

    /// The built-in template for a document and format (templates/ in the repository).
    public static func builtIn(_ document: Document, _ format: Format) throws(RenderError) -> String {
        let name = "\(document.rawValue).\(format.rawValue)"
        guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "templates"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw .noTemplate(document.rawValue, format.rawValue) }
        return text
    }

    /// Renders `template` (its text; `source` names it in errors) with the meeting's minutes.
    public func render(_ m: Meeting, template: String, source: String, digest: String? = nil) throws(RenderError) -> String {
        var library = MustacheLibrary()
        do {
            for (name, text) in Self.partials { try library.register(text, named: name) }
            try library.register(template, named: "document")
        } catch let error as MustacheTemplate.ParserError {
            throw .invalidTemplate(source, line: error.context.lineNumber, column: error.context.columnNumber, reason: "\(error.error)")
        } catch {
            throw .invalidTemplate(source, line: 0, column: 0, reason: "\(error)")
        }
        return library.render(context(m, digest: digest), withTemplate: "document") ?? ""
    }

    func t(_ id: String, _ en: String) -> String { language == .id ? id : en }

    func context(_ m: Meeting, digest: String?) -> [String: Any] {
        let text = DateText(language), zone = m.zone
        func name(_ nip: PersonID?) -> String { nip.flatMap { people[$0]?.name } ?? nip?.key ?? "—" }
        func clock(_ d: Date) -> String { String(text.time(d, zone: zone).prefix(5)) }
        let abbreviation = Zone.abbreviation(zone, at: m.start)
        let planned = t("pukul ", "") + "\(clock(m.start)) – \(clock(m.end)) \(abbreviation)"
        var actual: String?
        if let s = m.actualStart {
            actual = t("pukul ", "") + clock(s) + (m.actualEnd.map { " – \(clock($0))" } ?? "") + " \(abbreviation)"
            if let delay = m.startDelayMinutes, delay > 0 { actual! += t(" (terlambat \(delay) menit)", " (\(delay) min late)") }
        }
        let attendance = Dictionary(m.attendance.map { ($0.nip, $0) }, uniquingKeysWith: { a, _ in a })
        func row(_ nip: PersonID, _ n: Int) -> [String: Any] {
            let p = people[nip], a = attendance[nip]
            var note: [String] = []
            if let late = a?.lateMinutes, late > 0 { note.append(t("terlambat \(late) menit", "\(late) min late")) }
            if let r = a?.representative { note.append(t("oleh ", "by ") + r) }
            if let n = a?.note { note.append(n) }
            return ["no": n, "nama": p?.name ?? nip.key, "jabatan": p?.jabatan ?? "", "opd": p?.opd ?? "",
                    "kehadiran": a?.category.label(language) ?? t("belum tercatat", "not recorded"),
                    "keterangan": note.isEmpty ? false : note.joined(separator: "; ")]
        }
        let presentNIPs = m.everyone.filter { attendance[$0]?.category.isPresent ?? (m.status == .scheduled) }
        let absentNIPs = m.everyone.filter { !presentNIPs.contains($0) }
        let agenda: [[String: Any]] = m.agenda.enumerated().map { i, item in
            let presenter = item.presenterNIP.map { name($0) } ?? item.presenter
            var entry: [String: Any] = ["no": i + 1, "judul": item.title, "penyaji": presenter ?? false, "waktu": text.minutes(item.boxMinutes),
                                        "pembahasan": m.minutes.notes.filter { $0.itemKey == item.key }.map {
                                            ["pembicara": $0.speaker ?? false, "teks": $0.text] as [String: Any]
                                        }]
            entry["tetap"] = item.isStanding ? t("acara tetap", "standing item") : false
            entry["lanjutan"] = item.isCarried ? t("lanjutan", "carried over") : false
            if let over = item.overrunMinutes, over > 0 { entry["lebih"] = t("lebih \(over) menit", "\(over) min over") } else { entry["lebih"] = false }
            return entry
        }
        let actions: [[String: Any]] = m.minutes.actions.map { a in
            let owner: String
            switch a.owner {
            case let .opd(o): owner = o
            case let .person(p): owner = name(p)
            }
            return ["id": "\(m.id)/\(a.number)", "teks": a.text, "pj": owner, "tenggat": a.due.map { text.date($0) } ?? false]
        }
        var approval: Any = false
        if let a = m.minutes.approval {
            approval = ["oleh": name(a.by), "pada": text.dateTime(a.at, zone: zone), "versi": a.version, "digest": digest ?? "—"]
        }
        let labels: [String: String] = [
            "notula": t("Notula Rapat", "Minutes of Meeting"), "notulaUpper": t("NOTULA RAPAT", "MINUTES OF MEETING"),
            "undangan": t("Undangan Rapat", "Meeting Invitation"), "hariTanggal": t("Hari/tanggal", "Day/date"), "waktu": t("Waktu", "Time"),
            "aktual": t("pelaksanaan", "actual"), "tempat": t("Tempat", "Place"), "tautan": t("Tautan", "Link"),
            "pimpinan": t("Pimpinan Rapat", "Chair"), "notulis": t("Notulis", "Minute-taker"), "peserta": t("Peserta", "Participants"),
            "tidakHadir": t("Tidak hadir", "Absent"), "acara": t("Acara", "Agenda"), "pembahasan": t("Pembahasan", "Discussion"),
            "keputusan": t("Keputusan/Kesimpulan", "Decisions"), "tindakLanjut": t("Tindak Lanjut", "Action items"),
            "tenggat": t("tenggat", "due"), "indikator": t("Indikator", "Indicators"), "per": t("Per", "As of"), "realisasi": t("Realisasi", "Actual"),
            "disetujui": t("Disetujui", "Approved"), "versi": t("versi", "version"), "nama": t("Nama", "Name"), "jabatan": t("Jabatan", "Position"),
            "kehadiran": t("Kehadiran", "Attendance"), "tindakan": t("Tindakan", "Action"), "penanggungJawab": t("Penanggung jawab", "Owner"),
            "tidakAdaCatatan": t("tidak ada catatan", "no notes"), "yth": t("Kepada Yth.", "To:"),
            "pembukaUndangan": t("Dengan hormat, kami mengundang Bapak/Ibu untuk menghadiri rapat pada:",
                                 "You are kindly invited to attend the meeting on:"),
            "tepatWaktu": t("Mengingat pentingnya acara, rapat dimulai tepat waktu; mohon hadir 10 menit sebelumnya.",
                            "The meeting starts on time; please join 10 minutes early."),
            "nomor": t("Nomor", "Number"), "sifat": t("Sifat", "Nature"), "lampiran": t("Lampiran", "Enclosure"), "hal": t("Hal", "Subject"),
            "di": t("di", "at"), "tempatMasing": t("Tempat", "their offices"), "bapakIbu": t("Bapak/Ibu", "Sir/Madam"), "daftarTerlampir": t("(daftar terlampir)", "(list enclosed)"),
            "pukul": t("Pukul", "Time"), "penutupUndangan": t("Demikian undangan ini disampaikan. Atas perhatian dan kehadirannya, kami ucapkan terima kasih.",
                                                             "Thank you for your attention and attendance."),
            "tembusan": t("Tembusan", "Copies to"), "undanganNomor": t("Undangan Nomor", "Invitation number"),
            "daftarUndangan": t("Daftar Undangan", "Addressees"), "daftarHadir": t("Daftar Hadir", "Attendance List"),
            "jamHadir": t("Jam hadir", "Arrived"), "keterangan": t("Keterangan", "Notes"), "logo": t("Logo instansi", "Logo"),
            "namaRapat": t("Nama rapat", "Meeting"), "pembukaan": t("Pembukaan", "Opening"), "penutupRapat": t("Penutup", "Closing"),
            "verifikasi": t("Verifikasi", "Verify"),
        ]
        let signer = people[m.chair]
        // The undangan is signed by the chair and addressed to everyone else.
        let addressees = m.everyone.filter { $0 != m.chair }
        let signerBlock: [String: Any] = ["jabatan": signer?.jabatan ?? t("Pimpinan Rapat", "Chair"), "nama": name(m.chair),
                                          "pangkat": signer?.pangkat ?? false, "nip": m.chair.nip?.digits ?? false]
        let letterDate = letter.date ?? Date()
        let city = kop.city.isEmpty ? "" : kop.city + ", "
        let attendanceRows: [[String: Any]] = m.everyone.enumerated().map { i, nip in
            var r = row(nip, i + 1)
            // A guest has no NIP: the list says "Tamu" where a civil servant's NIP stands.
            r["nip"] = nip.nip?.digits ?? t("Tamu", "Guest")
            r["jam"] = attendance[nip]?.checkedInAt.map { clock($0) } ?? "—"
            return r
        }
        let present = m.attendance.filter(\.category.isPresent).count
        // What the official documents (Tata Naskah Dinas) add to the minutes' own fields.
        let official: [String: Any] = [
            "pesertaHadir": attendanceRows,
            "gaya": stylesheetLink ?? "<style>\n\(Self.stylesheet)</style>",
            "kopInstansi": kop.instansi.isEmpty ? false : kop.instansi, "kopUnit": kop.unit.isEmpty ? letterhead : kop.unit,
            "kopAlamat": kop.address.isEmpty ? false : kop.address, "kopLogo": kop.logo.isEmpty ? false : kop.logo,
            "nomor": letter.number ?? "—", "sifat": t("Biasa", "Ordinary"),
            "jam": "\(clock(m.start)) – \(clock(m.end)) \(abbreviation)",
            "lampiran": addressees.count > Self.addresseesInline ? t("1 (satu) berkas", "1 (one) document") : "—",
            "tujuan": addressees.enumerated().map { row($1, $0 + 1) },
            "hal": t("Undangan ", "Invitation: ") + m.title, "tanggalSurat": city + Self.withoutWeekday(text.date(CivilDate(letterDate, in: zone))),
            "daftarTerlampir": addressees.count > Self.addresseesInline, "adaAcara": !m.agenda.isEmpty,
            "tembusan": letter.copiesTo, "adaTembusan": !letter.copiesTo.isEmpty,
            "penandatangan": signerBlock, "notulisNIP": m.notulis?.nip?.digits ?? false,
            "verifikasi": letter.verification ?? "rapat verify",
            "pembukaan": m.actualStart.map { t("Rapat dibuka oleh \(name(m.chair)) pukul \(clock($0)) \(abbreviation).", "The meeting was opened by \(name(m.chair)) at \(clock($0)) \(abbreviation).") }
                ?? t("Rapat belum dibuka.", "The meeting has not been opened."),
            "penutupRapat": m.actualEnd.map { t("Rapat ditutup pukul \(clock($0)) \(abbreviation).", "The meeting was closed at \(clock($0)) \(abbreviation).") }
                ?? t("Rapat belum ditutup.", "The meeting has not been closed."),
            "ringkasanHadir": t("Hadir \(present) dari \(m.everyone.count) orang yang diundang.", "\(present) of \(m.everyone.count) invited were present."),
        ]
        let minutesFields: [String: Any] = [
            "lang": language.rawValue, "l": labels, "kop": letterhead, "id": m.id.description, "judul": m.title, "jenis": m.kind,
            "hariTanggal": text.date(m.start, zone: zone), "waktuRencana": planned, "waktuAktual": actual ?? false,
            "tempat": m.location ?? (m.virtualLink != nil ? t("daring (video conference)", "online (video conference)") : "—"),
            "tautan": m.virtualLink ?? false, "pimpinan": name(m.chair), "notulis": name(m.notulis),
            "peserta": m.everyone.enumerated().map { row($1, $0 + 1) },
            "hadir": presentNIPs.enumerated().map { row($1, $0 + 1) },
            "tidakHadir": absentNIPs.enumerated().map { row($1, $0 + 1) }, "adaTidakHadir": !absentNIPs.isEmpty,
            "acara": agenda, "keputusan": m.minutes.decisions.enumerated().map { ["no": $0 + 1, "teks": $1.text] as [String: Any] },
            "tindakLanjut": actions,
            "indikator": m.minutes.indicators.map { i in
                ["opd": i.opd, "nama": i.name, "per": text.date(i.asOf), "target": NumberText(language).quantity(i.target, unit: i.unit),
                 "realisasi": NumberText(language).quantity(i.actual, unit: i.unit)] as [String: Any]
            },
            "adaIndikator": !m.minutes.indicators.isEmpty,
            "persetujuan": approval,
            "penutup": t("Demikian notula rapat ini dibuat untuk dipergunakan sebagaimana mestinya.",
                         "These minutes are made to be used as appropriate."),
        ]
        return minutesFields.merging(official) { _, added in added }
    }
}

public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    case noTemplate(String, String)
    case invalidTemplate(String, line: Int, column: Int, reason: String)

    public var description: String {
        switch self {
        case let .noTemplate(doc, format): return "there is no built-in \(doc) template for \(format): give one with --template FILE"
        case let .invalidTemplate(source, line, column, reason):
            return "template \(source) is invalid at line \(line), column \(column): \(reason)"
        }
    }
}
