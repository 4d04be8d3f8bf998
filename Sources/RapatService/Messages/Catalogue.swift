import Foundation
import RapatCalendar
import RapatCore
import RapatMinutes
import RapatStore

/// Every error a user can see, in their language: Indonesian by default, English on request. The
/// libraries' own `description` is the English text; the Indonesian text is written here, once, for
/// every face.
public enum Catalogue {
    public static func text(_ error: any Error, _ l: Language) -> String {
        switch error {
        case let e as LocalizedMessage: return e.message(l)
        case let e as PlanningError: return l == .en ? e.description : indonesian(e)
        case let e as OnTimeError: return l == .en ? e.description : indonesian(e)
        case let e as MinutesError: return l == .en ? e.description : indonesian(e)
        case let e as SeriesError: return l == .en ? e.description : indonesian(e)
        case let e as InputError: return l == .en ? e.description : indonesian(e)
        case let e as StoreError: return l == .en ? e.description : indonesian(e)
        case let e as SearchError: return l == .en ? e.description : indonesian(e)
        case let e as BundleError: return l == .en ? e.description : indonesian(e)
        case let e as SealKeyError: return l == .en ? e.description : indonesian(e)
        case let e as XMLError: return l == .en ? e.description : indonesian(e)
        case let e as ImportProblem:
            switch e {
            case let .noChair(summary):
                return l == .en ? e.description
                    : "acara '\(summary)' tidak menyebut penyelenggara atau peserta dengan alamat email (ORGANIZER atau ATTENDEE): tentukan pimpinannya dengan --chair NIP"
            }
        case let e as ICalError:
            return l == .en ? e.description : (e.line > 0 ? "\(e.source):\(e.line): " : "\(e.source): ") + text(e.problem, l)
        case let e as ImportError:
            return l == .en ? e.description
                : "\(e.source):\(e.line): acara '\(e.summary)' tidak dapat diimpor: \(text(e.cause, l)); tidak ada yang diimpor"
        case let e as CustomStringConvertible: return e.description
        default: return "\(error)"
        }
    }

    /// What is wrong in a calendar file, without where (a report gives the file and line beside it).
    public static func text(_ p: ICalError.Problem, _ l: Language) -> String {
        guard l == .id else { return p.description }
        switch p {
        case .orphanContinuation: return "baris lanjutan (diawali spasi) tidak punya baris yang dilanjutkan"
        case let .lineTooLong(kib): return "baris lebih panjang dari \(kib) KiB"
        case let .missingEnd(name, line): return "END:\(name) tidak ada (BEGIN:\(name) di baris \(line))"
        case .notICalendar: return "tidak ada BEGIN:VCALENDAR: ini bukan berkas iCalendar"
        case let .expectedCalendar(found): return "seharusnya BEGIN:VCALENDAR, tertulis BEGIN:\(found)"
        case let .nestedTooDeep(depth): return "komponen bersarang lebih dalam dari \(depth) tingkat"
        case let .endWithoutBegin(name): return "END:\(name) tanpa BEGIN pasangannya"
        case let .endMismatch(name, begin, line): return "END:\(name) menutup BEGIN:\(begin) di baris \(line)"
        case let .outsideCalendar(name): return "\(name) berada di luar BEGIN:VCALENDAR … END:VCALENDAR"
        case .invalidUTF8: return "bukan UTF-8 yang sah"
        case let .expectedPropertyName(found): return "seharusnya nama properti, tertulis '\(found)'"
        case let .malformedParameter(name): return "parameter \(name) salah bentuk: seharusnya NAMA=nilai"
        case let .unclosedQuote(parameter, name): return "tanda kutip di parameter \(parameter) pada \(name) tidak ditutup"
        case let .noColon(name): return "\(name) tidak punya ':' sebelum nilainya"
        case let .unknownTimeZone(tzid):
            return "zona waktu '\(tzid)' tidak dikenal dan berkas tidak memuat VTIMEZONE-nya: gunakan nama IANA seperti Asia/Jakarta atau sertakan VTIMEZONE-nya"
        case let .badDate(v, name): return "tanggal '\(v)' pada \(name) tidak sah: seharusnya YYYYMMDD atau YYYYMMDDTHHMMSS"
        case let .badDateValue(v, name): return "tanggal '\(v)' pada \(name) tidak sah: nilai DATE berbentuk YYYYMMDD"
        case let .badDateTime(v, name): return "waktu '\(v)' pada \(name) tidak sah: seharusnya YYYYMMDDTHHMMSS, boleh diakhiri Z"
        case let .badRecurrenceID(v): return "RECURRENCE-ID '\(v)' tidak sah"
        case .noStart: return "VEVENT tidak punya DTSTART"
        case let .badDuration(v): return "DURATION '\(v)' tidak sah"
        case let .unreadableFile(reason): return "berkas tidak dapat dibaca" + (reason.map { ": \($0)" } ?? " (tidak ada, sebuah direktori, atau tanpa izin)")
        case let .refused(error): return text(error, l)
        }
    }

    /// Whether the error is one of Rapat's own, with a message for the user (not a usage or exit-code error).
    public static func knows(_ error: any Error) -> Bool {
        switch error {
        case is LocalizedMessage, is PlanningError, is ImportProblem, is OnTimeError, is MinutesError, is SeriesError, is InputError, is StoreError,
             is SearchError, is BundleError, is ImportError, is StoreInfrastructureError, is SealKeyError, is ICalError:
            return true
        default:
            let module = String(reflecting: type(of: error))
            return module.hasPrefix("Rapat")
        }
    }

    static func status(_ s: MeetingStatus) -> String {
        switch s {
        case .scheduled: return "terjadwal"
        case .started: return "berlangsung"
        case .ended: return "selesai"
        case .cancelled: return "dibatalkan"
        }
    }

    static func indonesian(_ e: PlanningError) -> String {
        switch e {
        case let .endBeforeStart(start, end):
            return "rapat berakhir (\(end)) sebelum dimulai (\(start)): isi waktu selesai setelah waktu mulai"
        case let .tooLong(minutes, max):
            return "rapat berlangsung \(minutes) menit, lebih lama dari batas \(max) menit: bagi menjadi dua rapat"
        case let .unknownPerson(nip, role):
            return "tidak ada orang dengan NIP \(nip) (\(role)): daftarkan dahulu dengan 'rapat person add --nip \(nip) …'"
        case let .doubleBooked(person, nip, other, otherTitle, otherTime):
            return "\(person) (NIP \(nip)) sudah terjadwal di \(other) '\(otherTitle)' pada \(otherTime): pindahkan salah satu rapat atau keluarkan peserta itu"
        case let .agendaTooLong(agenda, meeting):
            return "agenda \(agenda) menit sedangkan rapat \(meeting) menit: persingkat acara atau perpanjang rapat"
        case let .outsideWorkingHours(time, hours):
            let moment = time.replacingOccurrences(of: "the start ", with: "mulai ").replacingOccurrences(of: "the end ", with: "selesai ")
            return "\(moment) di luar jam kerja (\(hours)): jadwalkan di dalam jam kerja atau ubah 'rapat config set working-hours'"
        case let .notAWorkingDay(date, days):
            return "\(day(date)) bukan hari kerja (\(days)): pilih hari kerja"
        case let .holiday(date, name):
            return "\(day(date)) hari libur (\(name)): pilih hari lain, atau lewati dalam seri dengan --except \(date.prefix(10))"
        case .recurrenceUnbounded:
            return "pengulangan tidak pernah berakhir: tambahkan COUNT=n atau UNTIL=YYYYMMDD"
        case let .recurrenceTooLong(n, max):
            return "pengulangan menghasilkan \(n) rapat atau lebih dalam setahun, lebih dari \(max): ulangi lebih jarang (FREQ lebih panjang atau INTERVAL lebih besar)"
        case let .recurrenceInvalid(rule, hint):
            return "pengulangan '\(rule)' tidak dapat dibaca: \(hint)"
        case let .startNotInRecurrence(day, rule):
            return "rapat pertama (\(day)) tidak jatuh pada pengulangan \(rule): mulai pada hari yang dihasilkan aturan itu"
        case let .recurrenceBeyondWindow(next):
            return "pengulangan berlanjut melewati rentang impor: kejadian mulai \(next) tidak disimpan (aturannya tetap tercatat pada seri)"
        case let .notEditable(id, status):
            return "\(id) berstatus \(Self.status(status)) dan tidak dapat dijadwalkan ulang: rencanakan rapat baru"
        case let .itemAlreadyHeld(id, position, title):
            return "acara \(position) pada \(id) ('\(title)') sudah dibahas atau sudah bernotula: tidak dapat dihapus"
        }
    }

    static func indonesian(_ e: OnTimeError) -> String {
        switch e {
        case let .cannotStart(id, status):
            return "\(id) berstatus \(Self.status(status)); hanya rapat terjadwal yang dapat dimulai"
        case let .tooEarly(id, early, limit, scheduled):
            return "\(id) dijadwalkan \(scheduled); mulai \(early) menit lebih awal melebihi batas \(limit) menit: tunggu, atau pindahkan rapat"
        case let .lateStartNeedsReason(id, late, grace):
            return "\(id) mulai terlambat \(late) menit (toleransi \(grace) menit): isi alasannya dengan --reason \"…\" agar tercatat"
        case let .notRunning(id, status, action):
            return "\(id) berstatus \(Self.status(status)): tidak dapat \(action); "
                + (status == .scheduled ? "mulai dahulu dengan 'rapat start \(id)'" : "rapat sudah selesai")
        case let .notAParticipant(nip, id):
            return "NIP \(nip) tidak diundang ke \(id): tambahkan dengan 'rapat meeting update \(id) --add-participant \(nip)'"
        case let .representativeRequired(nip):
            return "kehadiran 'diwakili' untuk NIP \(nip) memerlukan nama wakilnya: isi --by \"nama, jabatan\""
        case let .checkInBeforeMeeting(id):
            return "kehadiran untuk \(id) lebih dari 2 jam sebelum rapat dimulai: isi kehadiran pada hari rapat"
        case let .noAgenda(id):
            return "\(id) belum memiliki acara: tambahkan dengan 'rapat agenda add \(id) …'"
        case let .agendaFinished(id):
            return "semua acara \(id) sudah ditutup: akhiri rapat dengan 'rapat end \(id)'"
        case let .beforeActualStart(id, started):
            return "waktu yang diisi sebelum \(id) benar-benar dimulai (\(started)): isi waktu yang lebih akhir"
        case let .checkInAfterMeeting(id, end):
            return "waktu yang diisi jauh setelah \(id) dijadwalkan selesai (\(end)): isi waktu kedatangan yang sebenarnya"
        case let .attendanceAlreadyRecorded(nip, id, category):
            return "kehadiran NIP \(nip) pada \(id) sudah tercatat (\(category.rawValue)): hanya sekretariat yang dapat mengubahnya, dengan alasan"
        case let .attendanceChangeNeedsReason(nip, id, category):
            return "NIP \(nip) sudah tercatat pada \(id) sebagai \(category.rawValue): isi alasan perubahannya dengan --note \"…\""
        }
    }

    static func indonesian(_ e: MinutesError) -> String {
        switch e {
        case let .approved(id, by, at):
            return "notula \(id) sudah disetujui oleh NIP \(by) pada \(at) dan dibekukan: tidak dapat diubah"
        case let .notHeldYet(id, status):
            return "\(id) berstatus \(Self.status(status)): notula baru dapat disetujui setelah 'rapat end \(id)'"
        case let .notChair(nip, id, chair):
            return "NIP \(nip) bukan pimpinan rapat \(id): hanya pimpinan rapat (NIP \(chair)) yang menyetujui notula"
        case let .unknownItem(id, position, count):
            return count == 0
                ? "\(id) belum memiliki acara, jadi tidak ada acara \(position): tambahkan dengan 'rapat agenda add \(id) …'"
                : "\(id) tidak memiliki acara \(position): isi nomor 1 sampai \(count) ('rapat agenda list \(id)')"
        case let .unknownAction(id, number):
            return "\(id) tidak memiliki tindak lanjut \(number): lihat 'rapat minutes show \(id)'"
        case let .notApproved(id):
            return "notula \(id) belum disetujui: koreksi berlaku untuk notula yang sudah disetujui; ubah langsung saja"
        case let .emptyText(what):
            return "\(what) kosong: tuliskan apa yang dibahas atau diputuskan"
        case let .entryChanged(id):
            return "notula \(id) berubah sementara itu: muat ulang halaman lalu hapus lagi"
        }
    }

    static func indonesian(_ e: SeriesError) -> String {
        switch e {
        case let .agendaDoesNotFit(id, agenda, meeting, items):
            return "setelah acara dilanjutkan, agenda \(id) \(agenda) menit sedangkan rapat \(meeting) menit; "
                + "hapus acara dengan --drop N atau persingkat dengan --box N=MENIT:\n  " + items.joined(separator: "\n  ")
        case let .noNextMeeting(series):
            return "seri \(series) tidak memiliki rapat terjadwal lagi: rencanakan rapat berikutnya dengan 'rapat meeting create … --repeat'"
        }
    }

    static func indonesian(_ e: InputError) -> String {
        switch e {
        case let .invalidNIP(text, why):
            return "NIP '\(text)' tidak sah: \(phrase(why))"
        case let .invalidMeetingID(text):
            return "nomor rapat '\(text)' tidak sah: gunakan bentuk RP-YYYY-NNNN, contoh RP-2020-0012"
        case let .invalidEmail(text):
            return "email '\(text)' tidak sah: gunakan bentuk nama@domain, contoh kadis@dinkes.bantenprov.go.id"
        case let .invalidTime(text):
            return "waktu '\(text)' tidak sah: gunakan 'YYYY-MM-DD HH:MM' (zona waktu rapat) atau ISO 8601 dengan offset, contoh 2020-12-16T09:00+07:00"
        case let .invalidDate(text):
            return "tanggal '\(text)' tidak sah: gunakan YYYY-MM-DD, contoh 2020-12-16"
        case let .invalidTimeZone(text):
            return "zona waktu '\(text)' tidak dikenal: gunakan nama IANA seperti Asia/Jakarta, Asia/Makassar atau Asia/Jayapura (atau WIB, WITA, WIT)"
        case let .invalidDuration(text):
            return "durasi '\(text)' tidak sah: isi menit bulat, contoh 30"
        case let .invalidURL(text):
            return "tautan '\(text)' tidak sah: isi alamat lengkap https://"
        case let .missing(field, hint):
            return "\(phrase(field)) belum diisi: \(phrase(hint))"
        case let .invalidValue(field, value, hint):
            return "\(phrase(field)) '\(value)' tidak sah: \(phrase(hint))"
        }
    }

    static func indonesian(_ e: StoreError) -> String {
        switch e {
        case let .unknownMeeting(id):
            return "tidak ada rapat \(id) di arsip: lihat daftar dengan 'rapat meeting list'"
        case let .unknownPerson(nip):
            return "tidak ada orang dengan NIP \(nip): daftarkan dengan 'rapat person add --nip \(nip) …' atau lihat 'rapat person list'"
        case let .unknownSeries(id):
            return "tidak ada seri \(id) di arsip: lihat daftar dengan 'rapat series list'"
        case let .unknownAction(id):
            return "tidak ada tindak lanjut \(id): lihat daftar dengan 'rapat action list'"
        case let .notAGuest(id):
            return "\(id) adalah ASN terdaftar, bukan tamu: hanya tamu (kunci berawalan G) yang ditautkan ke seseorang"
        case let .linkToGuest(guest, other):
            return "\(other) juga tamu: tautkan tamu \(guest) ke orang terdaftar yang ber-NIP"
        case let .duplicatePerson(nip, existing):
            return "NIP \(nip) sudah terdaftar atas nama \(existing): gunakan 'rapat person update' untuk mengubah datanya"
        case let .unsupportedURL(url):
            return "basis data '\(url)' tidak dapat dipakai: isi sqlite:///path/ke/rapat.db, path berkas biasa, atau postgres://user@host:5432/db"
        case let .cannotOpen(url, why):
            return "basis data \(url) tidak dapat dibuka: \(why)"
        case let .unreachable(url, address, seconds):
            return "basis data \(url) tidak dapat dibuka: tidak ada PostgreSQL yang menjawab di \(address) dalam \(seconds) detik — periksa bahwa server berjalan dan mendengarkan alamat serta port itu (listen_addresses, port), dan tidak ada firewall di antaranya"
        case let .loginRefused(url, user):
            return "basis data \(url) tidak dapat dibuka: server menolak pengguna \(user) — periksa nama pengguna, kata sandi, dan pg_hba.conf"
        case let .noDatabase(url, name):
            return "basis data \(url) tidak dapat dibuka: server tidak memiliki basis data \(name) — buat dengan createdb \(name) atau perbaiki URL"
        case let .busy(url):
            return "basis data \(url) masih dikunci penulis lain: coba lagi sebentar lagi"
        case let .serverRefused(url, said):
            return "basis data \(url) tidak dapat mengerjakan ini (\(said)); tidak ada yang disimpan — sampaikan kepada pengelolanya"
        case let .duplicateUser(u):
            return "pengguna \(u) sudah ada: pilih nama lain atau ganti kata sandinya dengan 'rapat user password \(u)'"
        case let .unknownUser(u):
            return "tidak ada pengguna \(u): lihat 'rapat user list'"
        case .tokenNeedsPerson:
            return "token peserta mewakili satu orang: isi --person NIP"
        case let .tokenPrefixTooShort(p):
            return "'\(p)' terlalu pendek untuk menunjuk token: isi paling sedikit 6 angka heksadesimal dari id-nya ('rapat token list')"
        case let .unknownToken(p):
            return "tidak ada token dengan id \(p): lihat 'rapat token list'"
        case .emptyPlan:
            return "tidak ada yang direncanakan: pengulangan tidak menyisakan rapat setelah pengecualiannya"
        case let .numbersExhausted(year):
            return "nomor rapat tahun \(year) sudah habis (RP-\(year)-\(MeetingID.maxSerial) adalah nomor terakhir yang diberikan arsip): tidak ada yang disimpan"
        case let .signingKeyNeeded(id):
            return "persetujuan \(id) menyegel dan menandatangani notulanya: berikan berkas kunci kantor yang menyetujui (--key BERKAS, dibuat dengan 'rapat key create')"
        case let .unregisteredKey(k):
            return "kunci \(k) belum terdaftar di arsip ini: daftarkan kunci publiknya dengan 'rapat key register BERKAS --office NAMA'"
        case let .keyRegisteredElsewhere(k, office):
            return "kunci \(k) sudah terdaftar untuk \(office)"
        case let .sealDisagrees(id, v):
            return "\(id) tidak sesuai dengan notula tersegelnya (versi \(v)): data diubah di luar Rapat; tidak ada yang diubah — jalankan 'rapat archive verify'"
        case let .unverifiedSeal(id, v, why):
            return "notula tersegel \(id) versi \(v) tidak diterima: \(indonesian(why)); tidak ada yang diimpor"
        }
    }

    /// One finding of `archive verify`, as the archivist reads it.
    public static func text(_ p: IntegrityProblem, _ l: Language) -> String {
        l == .en ? p.description : "\(p.meetingID) versi \(p.version): \(indonesian(p.finding))"
    }

    static func indonesian(_ f: IntegrityProblem.Finding) -> String {
        switch f {
        case .digestMismatch: return "catatan tersimpan tidak lagi sesuai dengan digest-nya"
        case .unreadableRecord: return "catatan tersimpan tidak dapat dibaca sebagai notula"
        case let .misfiled(id, v): return "catatan tersimpan adalah \(id) versi \(v), bukan yang ini"
        case let .missingVersion(latest): return "versi tersegel ini hilang (versi \(latest) ada)"
        case .firstVersionLinked: return "versi pertama menyebut digest sebelumnya: rantai segel diubah"
        case let .chainBroken(previous): return "rantai segel putus: versi ini tidak menyebut digest versi \(previous)"
        case .legacyUnsigned: return "disegel oleh Rapat versi lama (format 1): digest-nya diperiksa, tanpa tanda tangan"
        case .unsigned: return "versi tersegel ini tidak bertanda tangan"
        case let .unknownKey(k): return "ditandatangani dengan kunci \(k) yang tidak terdaftar di arsip ini (daftarkan dengan 'rapat key register')"
        case let .badSignature(k, office): return "tanda tangan tidak sah untuk kunci \(k) (\(office)): dipalsukan, atau catatannya diubah"
        case .approvalRemoved: return "rapat tidak lagi menyatakan notulanya disetujui, padahal ada versi tersegel: persetujuan dihapus di luar Rapat"
        case let .versionClaim(claimed, latest): return "rapat menyatakan versi \(claimed) disetujui, padahal versi tersegel terakhir adalah \(latest)"
        case let .contentChanged(now, sealed): return "notula yang tersimpan sekarang berbeda dari versi yang disetujui (digest \(now)… ≠ \(sealed)…)"
        case .approvedWithoutSeal: return "disetujui, tetapi tidak ada versi tersegel yang tersimpan"
        case .meetingGone: return "notula tersegel tersimpan, tetapi data rapatnya hilang"
        case let .unreadableMeeting(id, error): return "data \(id) tidak dapat dibaca (\(error)): daftar dan cadangan melewatinya"
        }
    }

    static func indonesian(_ e: XMLError) -> String {
        func issues(_ list: [XMLError.Issue], _ n: Int) -> String {
            list.prefix(n).map { "baris \($0.line)" + ($0.element.map { ", elemen \($0)" } ?? "") + ": \($0.message)" }.joined(separator: "; ")
        }
        switch e {
        case let .tooLarge(bytes, limit): return "dokumen berukuran \(bytes) bita, lebih dari \(limit) bita yang diterima"
        case .doctype: return "dokumen memuat DOCTYPE: notula tidak pernah memerlukannya; DTD dan entitas ditolak (tidak ada berkas atau jaringan yang dibaca)"
        case let .malformed(list): return "bukan XML yang tersusun baik: " + issues(list, 3)
        case let .invalid(list): return "tidak sah menurut skema: " + issues(list, 5)
        case let .tooDeep(limit): return "elemen bersarang lebih dari \(limit) tingkat"
        case let .tooManyAttributes(line, limit): return "baris \(line): sebuah elemen memuat lebih dari \(limit) atribut"
        case let .schemaUnusable(why): return "skema tidak dapat dipakai: \(why)"
        case let .xpath(why): return "ekspresi XPath ditolak: \(why)"
        case let .content(why): return "notula tidak dapat dibaca: \(why)"
        }
    }

    static func indonesian(_ e: SealKeyError) -> String {
        switch e {
        case .unreadablePrivateKey: return "berkas kunci bukan kunci privat ECDSA P-256 dalam bentuk PEM (buat dengan 'rapat key create')"
        case .unreadablePublicKey: return "berkas bukan kunci publik ECDSA P-256 dalam bentuk PEM"
        case .noOffice: return "sebutkan kantor yang menyetujui pemilik kunci ini (--office)"
        }
    }

    static func indonesian(_ e: SearchError) -> String {
        switch e {
        case .empty: return "pencarian tidak berisi kata: isi paling sedikit satu kata, contoh rapat search anggaran"
        case let .unbalancedQuote(q): return "pencarian '\(q)' membuka tanda kutip tanpa menutupnya: tutup frasa dengan \""
        case let .unbalancedParenthesis(q): return "tanda kurung pada pencarian '\(q)' tidak seimbang"
        case let .nothingToExclude(q): return "pencarian '\(q)' hanya mengecualikan kata: sebutkan juga yang dicari, contoh anggaran -dinkes"
        case let .misplacedOperator(o, q): return "'\(o)' pada pencarian '\(q)' memerlukan kata di kedua sisinya"
        case let .tooComplex(length, terms, depth):
            return "pencarian terlalu panjang: paling banyak \(length) karakter, \(terms) kata atau frasa, dan \(depth) tingkat tanda kurung"
        }
    }

    static func indonesian(_ e: BundleError) -> String {
        switch e {
        case let .exists(dir): return "\(dir) sudah berisi bundel: ekspor ke folder baru"
        case let .noManifest(dir): return "\(dir) tidak memiliki manifest.json: bukan bundel Rapat (atau ekspornya belum selesai)"
        case let .missingFile(path): return "bundel mencantumkan \(path) tetapi berkas itu tidak ada; tidak ada yang diimpor"
        case let .digestMismatch(path): return "SHA-256 \(path) tidak sesuai manifest: bundel diubah atau rusak; tidak ada yang diimpor"
        case let .unreadable(path, why): return "\(path) pada bundel tidak dapat dibaca (\(why)); tidak ada yang diimpor"
        case let .sealBroken(id, v): return "notula tersegel \(id) versi \(v) tidak sesuai digest-nya; tidak ada yang diimpor"
        case let .conflict(what): return "\(what); tidak ada yang diimpor"
        }
    }

    /// "2020-12-19 (Saturday, 19 December 2020)" as the planner writes it, with the day in Indonesian.
    static func day(_ text: String) -> String {
        guard let day = try? CivilDate(String(text.prefix(10))) else { return text }
        return "\(day) (\(DateText(.id).date(day)))"
    }

    /// The Indonesian of the fields and hints the libraries name in their input errors; a phrase not listed
    /// here (a file name, a value) is kept as it is.
    static func phrase(_ english: String) -> String {
        if let known = phrases[english] { return known }
        if english.hasPrefix("line "), let of = english.range(of: " of ") {
            return "baris " + english[english.index(english.startIndex, offsetBy: 5)..<of.lowerBound] + " pada " + english[of.upperBound...]
        }
        for (prefix, indonesian) in prefixes where english.hasPrefix(prefix) {
            return indonesian + english.dropFirst(prefix.count)
        }
        for (suffix, indonesian) in suffixes where english.hasSuffix(suffix) {
            return english.dropLast(suffix.count) + indonesian
        }
        var text = english
        for (en, id) in fragments { text = text.replacingOccurrences(of: en, with: id) }
        return text
    }

    static let phrases: [String: String] = [
        "a NIP has exactly 18 digits (spaces allowed), e.g. 196805121990031004": "NIP terdiri atas tepat 18 angka (spasi boleh), contoh 196805121990031004",
        "digits 1–8 must be the birth date yyyymmdd": "angka ke-1 sampai ke-8 harus tanggal lahir yyyymmdd",
        "digits 9–14 must be the appointment month yyyymm, after the birth date": "angka ke-9 sampai ke-14 harus bulan pengangkatan yyyymm, setelah tanggal lahir",
        "digit 15 is the sex code and must be 1 or 2": "angka ke-15 adalah kode jenis kelamin dan harus 1 atau 2",
        "a guest is known by the address they came with (a calendar's owner by the calendar's name): keep it, or register the person with a NIP and link the guest to them":
            "tamu dikenali dari alamat email asalnya (pemilik kalender dari nama kalendernya): pertahankan, atau daftarkan orangnya dengan NIP lalu tautkan tamu itu kepadanya",
        "a guest's key is G followed by 17 letters A–Z or digits 2–7, e.g. GK4ZQ7XW2MNB5RTAE3":
            "kunci tamu adalah G diikuti 17 huruf A–Z atau angka 2–7, contoh GK4ZQ7XW2MNB5RTAE3",
        "OPD": "OPD", "agenda title": "judul acara", "name": "nama", "title": "judul", "correction": "koreksi", "end": "waktu selesai",
        "organizer-name": "nama penyelenggara", "agenda item": "acara", "agenda position": "posisi acara", "attendance": "kehadiran",
        "database": "basis data", "decision": "keputusan", "except": "pengecualian", "file": "berkas", "holiday file": "berkas hari libur",
        "indicator name": "nama indikator", "indicator value": "nilai indikator", "period": "periode", "setting": "pengaturan",
        "status": "status", "target": "target", "actual": "realisasi", "time box": "batas waktu", "value": "nilai",
        "working days": "hari kerja", "working hours": "jam kerja", "XML minutes": "notula XML", "CSV file": "berkas CSV",
        "action item id": "nomor tindak lanjut", "series title": "judul seri", "holiday name": "nama hari libur", "kind": "jenis rapat",
        "location": "tempat", "link": "tautan", "iCalendar UID": "UID iCalendar", "late start reason": "alasan terlambat mulai",
        "cancellation reason": "alasan pembatalan", "approval reason": "alasan persetujuan", "presenter": "penyaji",
        "agenda details": "rincian acara", "representative": "wakil", "attendance note": "catatan kehadiran", "discussion": "pembahasan",
        "speaker": "pembicara", "action item": "tindak lanjut", "completion note": "catatan penyelesaian", "owner OPD": "OPD penanggung jawab",
        "indicator OPD": "OPD indikator", "unit": "satuan", "jabatan": "jabatan",
        "give the person's organisation unit, e.g. BPKAD": "isi unit kerja (OPD) orang itu, contoh BPKAD",
        "say whose figure it is, e.g. BPKAD": "sebutkan angka milik OPD mana, contoh BPKAD",
        "say what the item is about": "sebutkan pokok bahasan acara itu",
        "give the person's full name": "isi nama lengkap orang itu",
        "username": "nama pengguna", "password": "kata sandi", "office": "kantor",
        "use 3 to 32 lower-case letters, digits, '.', '-' or '_'": "gunakan 3 sampai 32 huruf kecil, angka, '.', '-' atau '_'",
        "use at least 10 characters": "gunakan paling sedikit 10 karakter",
        "use at most 72 bytes (bcrypt reads no further)": "gunakan paling banyak 72 bita (bcrypt tidak membaca lebih jauh)",
        "remove the control character": "hapus karakter kendali",
        "name the secretariat, e.g. 'Biro Umum Setda Provinsi Banten'": "sebutkan sekretariatnya, contoh 'Biro Umum Setda Provinsi Banten'",
        "give the meeting a title, e.g. 'Rapat Pimpinan Desember 2020'": "beri judul rapat, contoh 'Rapat Pimpinan Desember 2020'",
        "say what to correct: --decide, --replace-decision or --note": "sebutkan yang dikoreksi: --decide, --replace-decision atau --note",
        "give an end time (HH:MM or a full time) or a length in minutes": "isi waktu selesai (HH:MM atau waktu lengkap) atau lama rapat dalam menit",
        "--to must be after --from": "--to harus setelah --from",
        "a quote is not closed": "tanda kutip belum ditutup",
        "exceptions only apply to a recurrence": "pengecualian hanya berlaku untuk rapat berulang",
        "give 1 to 720 minutes": "isi 1 sampai 720 menit",
        "give either an end or a length in minutes, not both": "isi waktu selesai atau lama rapat dalam menit, jangan keduanya",
        "give whole minutes from 0 to 240": "isi menit bulat dari 0 sampai 240",
        "name the columns OPD,indicator,target,actual,as-of and optionally unit": "beri nama kolom OPD,indicator,target,actual,as-of dan bila perlu unit",
        "run from the repository root or give --holidays PATH": "jalankan dari folder utama repositori atau isi --holidays PATH",
        "target and actual are numbers ≥ 0": "target dan realisasi berupa angka ≥ 0",
        "the archive already holds data; give a new file with --database sqlite://sample.db":
            "arsip sudah berisi data; isi berkas baru dengan --database sqlite://sample.db",
        "the file cannot be created there": "berkas tidak dapat dibuat di sana",
        "the file cannot be read as UTF-8 text": "berkas tidak dapat dibaca sebagai teks UTF-8",
        "the file cannot be read": "berkas tidak dapat dibaca",
        "the file is not UTF-8 text": "berkas bukan teks UTF-8",
        "use letters, digits and '-', e.g. penyerapan-anggaran": "gunakan huruf, angka dan '-', contoh penyerapan-anggaran",
        "use scheduled, started, ended or cancelled": "gunakan scheduled, started, ended atau cancelled",
        "write 'YYYY-MM-DD name', e.g. '2020-12-25 Hari Raya Natal'": "tulis 'YYYY-MM-DD nama', contoh '2020-12-25 Hari Raya Natal'",
        "write 'title|presenter|minutes' or 'title|minutes', with '|tetap' after a standing item":
            "tulis 'judul|penyaji|menit' atau 'judul|menit', dengan '|tetap' untuk acara tetap",
        "write HH:MM-HH:MM, e.g. 07:30-16:00": "tulis HH:MM-HH:MM, contoh 07:30-16:00",
        "write MEETING/NUMBER, e.g. RP-2020-0012/3": "tulis RAPAT/NOMOR, contoh RP-2020-0012/3",
        "write NUMBER=TEXT": "tulis NOMOR=TEKS",
        "write POSITION=MINUTES, e.g. 3=20": "tulis POSISI=MENIT, contoh 3=20",
        "write a number such as 71.3 or 71,3": "tulis angka seperti 71,3 atau 71.3",
        "write mon-fri or mon,tue,wed": "tulis mon-fri atau mon,tue,wed",
        "the approval digest does not match the minutes in the file: they were altered; nothing was imported":
            "digest persetujuan tidak sesuai dengan notula dalam berkas: notula telah diubah; tidak ada yang diimpor",
    ]

    static let prefixes: [(String, String)] = [
        ("give a position from 1 to ", "isi posisi dari 1 sampai "), ("expected ", "seharusnya "), ("known settings: ", "pengaturan yang dikenal: "),
        ("use one of ", "gunakan salah satu dari "), ("see 'rapat minutes show ", "lihat 'rapat minutes show "),
        ("CSV header", "judul kolom CSV"), ("the first line must name the columns: ", "baris pertama harus menyebut kolom: "),
    ]

    static let suffixes: [(String, String)] = [("; nothing was imported", "; tidak ada yang diimpor")]

    /// Pieces of hints with numbers or codes between them.
    static let fragments: [(String, String)] = [
        ("write at most ", "tulis paling banyak "), (" characters (this has ", " karakter (ini berisi "),
        ("remove the control character ", "hapus karakter kendali "),
        (" (only tab and line breaks are allowed here)", " (di sini hanya tab dan pindah baris yang boleh)"),
        (" (a single-line field takes none)", " (kolom satu baris tidak menerima karakter kendali)"),
    ]
}
