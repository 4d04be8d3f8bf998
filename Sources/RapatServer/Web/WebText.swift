import RapatCore
import RapatStore

/// Every label the pages show, in Indonesian and English; the templates hold no words of their own.
enum WebText {
    static func labels(_ l: Language) -> [String: String] {
        l == .en ? allEnglish : allIndonesian
    }

    static let allIndonesian = indonesian.merging(roomIndonesian) { a, _ in a }
    static let allEnglish = english.merging(roomEnglish) { a, _ in a }

    static func role(_ r: Role, _ l: Language) -> String {
        switch (r, l) {
        case (.secretariat, .id): return "Sekretariat"
        case (.participant, .id): return "Peserta"
        case (.archivist, .id): return "Arsiparis"
        case (.secretariat, .en): return "Secretariat"
        case (.participant, .en): return "Participant"
        case (.archivist, .en): return "Archivist"
        }
    }

    static func status(_ s: MeetingStatus, _ l: Language) -> String {
        switch (s, l) {
        case (.scheduled, .id): return "terjadwal"
        case (.started, .id): return "berlangsung"
        case (.ended, .id): return "selesai"
        case (.cancelled, .id): return "dibatalkan"
        case (.scheduled, .en): return "scheduled"
        case (.started, .en): return "in progress"
        case (.ended, .en): return "ended"
        case (.cancelled, .en): return "cancelled"
        }
    }

    static let indonesian: [String: String] = [
        "skip": "Langsung ke isi", "navigation": "Navigasi utama", "home": "Beranda", "meetings": "Rapat", "archive": "Arsip",
        "signIn": "Masuk", "signOut": "Keluar", "footer": "rapat tepat waktu, tidak bertele-tele",
        "username": "Nama pengguna", "password": "Kata sandi",
        "today": "Rapat hari ini", "thisWeek": "Rapat minggu ini", "noMeetingsToday": "Tidak ada rapat hari ini.",
        "noMeetingsWeek": "Tidak ada rapat lain minggu ini.", "overdueActions": "Tindak lanjut lewat tenggat per OPD",
        "noOverdue": "Tidak ada tindak lanjut yang lewat tenggat.", "overdueCount": "Lewat tenggat", "oldestDue": "Tenggat terlama",
        "filter": "Saring", "from": "Dari tanggal", "to": "Sampai tanggal", "participant": "Peserta", "anyone": "Siapa saja",
        "anyStatus": "Semua status", "series": "Seri", "apply": "Terapkan", "reset": "Hapus saringan",
        "noMeetingsFound": "Tidak ada rapat yang cocok.", "when": "Waktu", "title": "Judul", "chair": "Pimpinan rapat",
        "participantHelp": "Sebagian nama atau NIP", "guest": "Tamu (tanpa NIP)", "importCalendar": "Impor kalender (.ics)", "importCalendarIntro": "Bawa rapat dari Outlook, Google Calendar, Apple Calendar atau Thunderbird: setiap acara diimpor, diperbarui, dibatalkan atau dilewati dengan alasannya. Penyelenggara dan peserta yang belum terdaftar menjadi tamu yang dikenali dari emailnya; acara yang tidak menyebut siapa pun dipimpin oleh Anda (bila akun Anda tidak terhubung ke orang terdaftar: oleh pemilik kalender, tamu yang dikenali dari nama kalendernya).", "importDryRun": "Uji coba: tidak ada yang disimpan", "importResult": "Hasil impor", "importCreated": "Dibuat", "importUpdated": "Diperbarui", "importCancelled": "Dibatalkan", "importUnchanged": "Tidak berubah", "importSkipped": "Dilewati", "importGuests": "Tamu baru", "importOthers": "Bukan acara, dilewati", "importSkippedList": "Acara yang dilewati", "importWarnings": "Diimpor dengan peringatan", "importMeetings": "Rapat yang dibuat", "line": "baris", "icsLabel": "Isi berkas kalender (.ics)", "icsHelp": "Tempel isi berkas .ics, atau pilih berkasnya di bawah.", "icsFile": "Atau pilih berkas .ics", "importDryRunLabel": "Uji coba dulu (tidak menyimpan apa pun)", "guestKey": "Kunci tamu", "guestHelp": "Tamu tidak ber-NIP; dikenali dari alamat emailnya (pemilik kalender: dari nama kalendernya).", "linkGuest": "Tautkan ke orang terdaftar", "linkedTo": "Sudah ditautkan ke", "linkTarget": "Orang terdaftar (nama atau NIP)", "linkHelp": "Rapat yang notulanya belum disahkan akan menyebut orang ini; notula yang sudah disahkan tetap seperti saat disahkan.", "linkButton": "Tautkan", "personHelp": "Ketik nama lalu pilih dari daftar, atau ketik NIP.", "nextPage": "Halaman berikutnya", "previousPage": "Halaman sebelumnya", "kind": "Jenis", "notulis": "Notulis", "link": "Tautan rapat daring", "location": "Tempat", "details": "Keterangan",
        "downloadInvitation": "Unduh undangan (.ics)", "agenda": "Acara", "noAgenda": "Belum ada acara.", "item": "Acara",
        "presenter": "Penyaji", "timeBox": "Waktu (menit)", "actual": "Pelaksanaan", "standing": "acara tetap", "total": "Jumlah",
        "participants": "Peserta", "name": "Nama", "role": "Peran", "attendance": "Kehadiran", "minutes": "Notula",
        "decisions": "Keputusan", "searchLabel": "Cari di notula", "search": "Cari",
        "searchHelp": "Kata, \"frasa\", awalan*, OR, NOT, -kata; bentuk kata Indonesia saling menemukan (serapan, penyerapan).",
        "facets": "Ringkasan hasil", "year": "Tahun", "noHits": "Tidak ada notula yang cocok.", "backHome": "Kembali ke beranda",
        "changeMeeting": "Ubah rapat", "downloadXML": "Unduh notula (XML)", "downloadAKN": "Unduh Akoma Ntoso (XML)",
        "people": "Orang", "addPerson": "Tambah orang", "jabatan": "Jabatan", "pangkat": "Pangkat/golongan", "edit": "Ubah",
        "importPeople": "Impor dari spreadsheet", "csvLabel": "Isi CSV",
        "csvHelp": "Baris pertama menamai kolom: NIP;Nama;Jabatan;Pangkat/Golongan;OPD;Email (koma atau titik koma). Satu baris salah menolak seluruh isi.",
        "csvFile": "Atau pilih berkas CSV", "importButton": "Impor", "nipHelp": "18 angka, boleh dengan spasi.", "save": "Simpan",
        "myCalendar": "Kalender saya", "reports": "Laporan", "period": "Periode", "punctuality": "Ketepatan waktu",
        "noHeld": "Belum ada rapat yang berlangsung pada periode ini.", "perMeeting": "Per rapat", "meeting": "Rapat", "scheduled": "Jadwal",
        "startDelay": "Terlambat mulai", "reason": "Alasan", "overruns": "Acara melewati waktu", "present": "Hadir", "perOpd": "Per OPD",
        "invitations": "Undangan", "onTimeRate": "Tepat waktu", "absences": "Tidak hadir", "openActions": "Tindak lanjut terbuka",
        "perPerson": "Per orang", "lateMinutes": "Total menit terlambat", "indicators": "Indikator per OPD", "belowTarget": "Di bawah target",
        "ofTarget": "dari target", "indicatorTable": "Realisasi per bulan", "gap": "Selisih terakhir",
        "newMeeting": "Rapat baru", "fixThese": "Rapat belum dapat disimpan:", "whatMeeting": "Rapat", "whenMeeting": "Waktu",
        "whereMeeting": "Tempat", "date": "Tanggal", "startTime": "Jam mulai", "endTime": "Jam selesai",
        "endHelp": "Atau isi lama rapat dalam menit.", "lengthMinutes": "Lama (menit)", "zone": "Zona waktu", "repeat": "Berulang",
        "repeatCount": "Berapa kali", "findPerson": "Cari peserta (nama, jabatan atau OPD)", "saveMeeting": "Simpan rapat",
        "cancelForm": "Batal", "cancelMeeting": "Batalkan rapat", "cancelQuestion": "Batalkan", "cancelReason": "Alasan pembatalan",
        "confirmCancel": "Ya, batalkan rapat", "keepMeeting": "Jangan batalkan", "downloadCancellation": "Unduh pembatalan (.ics)",
        "agendaOver": "Acara lebih panjang dari rapat", "minutesUnit": "menit",
        "calendarIntro": "Langganan kalender rapat Anda di Outlook, Google Calendar, Apple Calendar atau Thunderbird: perubahan dan pembatalan rapat muncul sendiri.",
        "yourLink": "Tautan kalender Anda", "subscribeLink": "Tautan langganan (webcal)", "httpsLink": "Tautan yang sama (https)",
        "linkOnce": "Tautan ini hanya ditampilkan sekali: salin sekarang. Tautan hanya membuka kalender ini, tidak membuka data lain.",
        "makeLink": "Buat tautan kalender", "rotateLink": "Ganti tautan", "rotateHelp": "Membuat tautan baru menghentikan tautan lama (misalnya bila tautan tersebar).",
        "howTo": "Cara berlangganan",
        "howOutlook": "Kalender → Tambahkan kalender → Berlangganan dari web → tempel tautan https → Impor.",
        "howGoogle": "Setelan → Tambahkan kalender → Dari URL → tempel tautan https → Tambahkan kalender.",
        "howApple": "File → Langganan Kalender Baru → tempel tautan webcal → Langganan.",
        "howThunderbird": "Kalender → Kalender Baru → Di Jaringan → tempel tautan https → Temukan Kalender.",
    ]

    static let english: [String: String] = [
        "skip": "Skip to content", "navigation": "Main navigation", "home": "Home", "meetings": "Meetings", "archive": "Archive",
        "signIn": "Sign in", "signOut": "Sign out", "footer": "meetings on time, to the point",
        "username": "Username", "password": "Password",
        "today": "Today's meetings", "thisWeek": "This week's meetings", "noMeetingsToday": "No meetings today.",
        "noMeetingsWeek": "No other meetings this week.", "overdueActions": "Overdue action items per OPD",
        "noOverdue": "No action item is overdue.", "overdueCount": "Overdue", "oldestDue": "Oldest due date",
        "filter": "Filter", "from": "From", "to": "To", "participant": "Participant", "anyone": "Anyone",
        "anyStatus": "Any status", "series": "Series", "apply": "Apply", "reset": "Clear filters",
        "noMeetingsFound": "No meeting matches.", "when": "When", "title": "Title", "chair": "Chair",
        "participantHelp": "Part of a name, or a NIP", "guest": "Guest (no NIP)", "importCalendar": "Import a calendar (.ics)", "importCalendarIntro": "Bring meetings from Outlook, Google Calendar, Apple Calendar or Thunderbird: each event is imported, updated, cancelled or skipped with its reason. Organizers and attendees not registered become guests known by their e-mail; events that name nobody are chaired by you (when your account is no registered person's: by the calendar's owner, a guest known by the calendar's name).", "importDryRun": "Dry run: nothing was kept", "importResult": "Import result", "importCreated": "Created", "importUpdated": "Updated", "importCancelled": "Cancelled", "importUnchanged": "Unchanged", "importSkipped": "Skipped", "importGuests": "New guests", "importOthers": "Not events, passed over", "importSkippedList": "Events skipped", "importWarnings": "Imported with warnings", "importMeetings": "Meetings created", "line": "line", "icsLabel": "Calendar file contents (.ics)", "icsHelp": "Paste the .ics file's contents, or choose the file below.", "icsFile": "Or choose an .ics file", "importDryRunLabel": "Dry run first (keep nothing)", "guestKey": "Guest key", "guestHelp": "A guest has no NIP and is known by their e-mail address (a calendar's owner: by the calendar's name).", "linkGuest": "Link to a registered person", "linkedTo": "Linked to", "linkTarget": "Registered person (name or NIP)", "linkHelp": "Meetings whose minutes are not approved will name this person; approved minutes stay as approved.", "linkButton": "Link", "personHelp": "Type a name and pick from the list, or type a NIP.", "nextPage": "Next page", "previousPage": "Previous page", "kind": "Kind", "notulis": "Minute-taker", "link": "Online meeting link", "location": "Place", "details": "Details",
        "downloadInvitation": "Download invitation (.ics)", "agenda": "Agenda", "noAgenda": "No agenda yet.", "item": "Item",
        "presenter": "Presenter", "timeBox": "Time (min)", "actual": "Held", "standing": "standing item", "total": "Total",
        "participants": "Participants", "name": "Name", "role": "Role", "attendance": "Attendance", "minutes": "Minutes",
        "decisions": "Decisions", "searchLabel": "Search the minutes", "search": "Search",
        "searchHelp": "Words, \"phrases\", prefix*, OR, NOT, -word; Indonesian word forms find each other (serapan, penyerapan).",
        "facets": "Result summary", "year": "Year", "noHits": "No minutes match.", "backHome": "Back to the home page",
        "changeMeeting": "Change meeting", "downloadXML": "Download minutes (XML)", "downloadAKN": "Download Akoma Ntoso (XML)",
        "people": "People", "addPerson": "Add a person", "jabatan": "Position", "pangkat": "Rank/grade", "edit": "Edit",
        "importPeople": "Import from a spreadsheet", "csvLabel": "CSV content",
        "csvHelp": "The first line names the columns: NIP;Nama;Jabatan;Pangkat/Golongan;OPD;Email (comma or semicolon). One bad line refuses it all.",
        "csvFile": "Or choose a CSV file", "importButton": "Import", "nipHelp": "18 digits, spaces allowed.", "save": "Save",
        "myCalendar": "My calendar", "reports": "Reports", "period": "Period", "punctuality": "Punctuality",
        "noHeld": "No meeting was held in this period.", "perMeeting": "Per meeting", "meeting": "Meeting", "scheduled": "Scheduled",
        "startDelay": "Start delay", "reason": "Reason", "overruns": "Items over time", "present": "Present", "perOpd": "Per OPD",
        "invitations": "Invitations", "onTimeRate": "On time", "absences": "Absences", "openActions": "Open action items",
        "perPerson": "Per person", "lateMinutes": "Total minutes late", "indicators": "Indicators per OPD", "belowTarget": "Below target",
        "ofTarget": "of target", "indicatorTable": "Realisation month by month", "gap": "Latest gap",
        "newMeeting": "New meeting", "fixThese": "The meeting cannot be saved yet:", "whatMeeting": "Meeting", "whenMeeting": "Time",
        "whereMeeting": "Place", "date": "Date", "startTime": "Start time", "endTime": "End time",
        "endHelp": "Or give the length in minutes.", "lengthMinutes": "Length (minutes)", "zone": "Time zone", "repeat": "Repeats",
        "repeatCount": "How many times", "findPerson": "Find participants (name, position or OPD)", "saveMeeting": "Save meeting",
        "cancelForm": "Cancel", "cancelMeeting": "Cancel meeting", "cancelQuestion": "Cancel", "cancelReason": "Reason for cancelling",
        "confirmCancel": "Yes, cancel the meeting", "keepMeeting": "Keep the meeting", "downloadCancellation": "Download cancellation (.ics)",
        "agendaOver": "The agenda is longer than the meeting", "minutesUnit": "min",
        "calendarIntro": "Subscribe to your meetings in Outlook, Google Calendar, Apple Calendar or Thunderbird: changes and cancellations appear by themselves.",
        "yourLink": "Your calendar link", "subscribeLink": "Subscription link (webcal)", "httpsLink": "The same link (https)",
        "linkOnce": "This link is shown once: copy it now. It opens this calendar only, nothing else.",
        "makeLink": "Make a calendar link", "rotateLink": "Replace the link", "rotateHelp": "A new link stops the old one (for instance when it was shared).",
        "howTo": "How to subscribe",
        "howOutlook": "Calendar → Add calendar → Subscribe from web → paste the https link → Import.",
        "howGoogle": "Settings → Add calendar → From URL → paste the https link → Add calendar.",
        "howApple": "File → New Calendar Subscription → paste the webcal link → Subscribe.",
        "howThunderbird": "Calendar → New Calendar → On the Network → paste the https link → Find Calendars.",
    ]
}
