import Foundation
import RapatCore
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
        case let e as ImportError:
            return l == .en ? e.description
                : "\(e.source):\(e.line): acara '\(e.summary)' tidak dapat diimpor: \(e.reason); tidak ada yang diimpor"
        case let e as CustomStringConvertible: return e.description
        default: return "\(error)"
        }
    }

    /// Whether the error is one of Rapat's own, with a message for the user (not a usage or exit-code error).
    public static func knows(_ error: any Error) -> Bool {
        switch error {
        case is LocalizedMessage, is PlanningError, is OnTimeError, is MinutesError, is SeriesError, is InputError, is StoreError,
             is SearchError, is BundleError, is ImportError, is StoreInfrastructureError:
            return true
        default:
            let module = String(reflecting: type(of: error))
            return module.hasPrefix("Rapat")
        }
    }

    /// "71,3" in Indonesian, "71.3" in English, with `digits` decimals.
    public static func number(_ value: Double, digits: Int = 1, _ l: Language) -> String {
        let text = String(format: "%.\(digits)f", value)
        return l == .id ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// "71,3 %" in Indonesian, "71.3%" in English.
    public static func percent(_ value: Double, digits: Int = 1, _ l: Language) -> String {
        l == .id ? number(value, digits: digits, l) + " %" : number(value, digits: digits, l) + "%"
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
            return "\(time) di luar jam kerja (\(hours)): jadwalkan di dalam jam kerja atau ubah 'rapat config set working-hours'"
        case let .notAWorkingDay(date, days):
            return "\(date) bukan hari kerja (\(days)): pilih hari kerja"
        case let .holiday(date, name):
            return "\(date) hari libur (\(name)): pilih hari lain, atau lewati dalam seri dengan --except \(date.prefix(10))"
        case .recurrenceUnbounded:
            return "pengulangan tidak pernah berakhir: tambahkan COUNT=n atau UNTIL=YYYYMMDD"
        case let .recurrenceTooLong(n, max):
            return "pengulangan menghasilkan \(n) rapat, lebih dari \(max): rencanakan seri yang lebih pendek (COUNT lebih kecil atau UNTIL lebih awal)"
        case let .recurrenceInvalid(rule, hint):
            return "pengulangan '\(rule)' tidak dapat dibaca: \(hint)"
        case let .startNotInRecurrence(day, rule):
            return "rapat pertama (\(day)) tidak jatuh pada pengulangan \(rule): mulai pada hari yang dihasilkan aturan itu"
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
            return "NIP '\(text)' tidak sah: \(why)"
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
            return "\(field) belum diisi: \(hint)"
        case let .invalidValue(field, value, hint):
            return "\(field) '\(value)' tidak sah: \(hint)"
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
        case let .duplicatePerson(nip, existing):
            return "NIP \(nip) sudah terdaftar atas nama \(existing): gunakan 'rapat person update' untuk mengubah datanya"
        case let .unsupportedURL(url):
            return "basis data '\(url)' tidak dapat dipakai: isi sqlite:///path/ke/rapat.db, path berkas biasa, atau postgres://user@host:5432/db"
        case let .cannotOpen(url, why):
            return "basis data \(url) tidak dapat dibuka: \(why)"
        case let .busy(url):
            return "basis data \(url) masih dikunci penulis lain: coba lagi sebentar lagi"
        case .tokenNeedsPerson:
            return "token peserta mewakili satu orang: isi --person NIP"
        case .emptyPlan:
            return "tidak ada yang direncanakan: pengulangan tidak menyisakan rapat setelah pengecualiannya"
        }
    }

    static func indonesian(_ e: SearchError) -> String {
        switch e {
        case .empty: return "pencarian tidak berisi kata: isi paling sedikit satu kata, contoh rapat search anggaran"
        case let .unbalancedQuote(q): return "pencarian '\(q)' membuka tanda kutip tanpa menutupnya: tutup frasa dengan \""
        case let .unbalancedParenthesis(q): return "tanda kurung pada pencarian '\(q)' tidak seimbang"
        case let .nothingToExclude(q): return "pencarian '\(q)' hanya mengecualikan kata: sebutkan juga yang dicari, contoh anggaran -dinkes"
        case let .misplacedOperator(o, q): return "'\(o)' pada pencarian '\(q)' memerlukan kata di kedua sisinya"
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
}
