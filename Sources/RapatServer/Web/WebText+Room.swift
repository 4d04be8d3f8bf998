/// The meeting room's labels.
extension WebText {
    static let roomIndonesian: [String: String] = [
        "room": "Ruang rapat", "openRoom": "Buka ruang rapat", "serverClock": "Jam server", "scheduledStart": "Jadwal mulai",
        "actualStart": "Mulai", "scheduledEnd": "Jadwal selesai", "predictedEnd": "Perkiraan selesai", "startMeeting": "Mulai rapat",
        "nextItem": "Berikutnya", "endMeeting": "Selesai", "lateReasonTitle": "Rapat dimulai terlambat",
        "lateReasonHelp": "Rapat dimulai lewat dari jadwal. Tuliskan alasannya; alasan tercatat di laporan ketepatan waktu.",
        "lateReason": "Alasan terlambat", "confirmStart": "Mulai rapat sekarang", "runningItem": "Acara berjalan",
        "noRunningItem": "Belum ada acara yang berjalan.", "timeLeft": "sisa", "overrun": "lewat", "itemDone": "selesai",
        "itemRunning": "berjalan", "itemWaiting": "menunggu", "checkIn": "Daftar hadir", "checkInSelf": "Kehadiran saya",
        "iAmHere": "Saya hadir di tempat", "iAmOnline": "Saya hadir daring", "youAre": "Anda tercatat", "notYet": "belum hadir",
        "lateBy": "terlambat", "representedBy": "diwakili oleh", "recordAttendance": "Catat kehadiran", "person": "Orang",
        "category": "Keterangan", "representative": "Nama wakil", "note": "Alasan atau catatan", "record": "Catat",
        "noteHelp": "Wajib bila mengubah kehadiran yang sudah tercatat.", "presentCount": "hadir", "missingCount": "belum hadir",
        "absentCount": "berhalangan", "ended": "Rapat telah selesai", "endedAt": "Selesai pukul", "toMeeting": "Ke halaman rapat",
        "liveLost": "Sambungan langsung terputus; menyambung kembali…", "ahead": "lebih awal dari jadwal", "behind": "melewati jadwal",
        "minuteUnit": "menit",
    ]

    static let roomEnglish: [String: String] = [
        "room": "Meeting room", "openRoom": "Open the meeting room", "serverClock": "Server time", "scheduledStart": "Scheduled start",
        "actualStart": "Started", "scheduledEnd": "Scheduled end", "predictedEnd": "Predicted end", "startMeeting": "Start the meeting",
        "nextItem": "Next item", "endMeeting": "End the meeting", "lateReasonTitle": "The meeting starts late",
        "lateReasonHelp": "The meeting starts after its scheduled time. Give the reason; it is kept in the punctuality report.",
        "lateReason": "Reason for the late start", "confirmStart": "Start the meeting now", "runningItem": "Current item",
        "noRunningItem": "No agenda item is running.", "timeLeft": "left", "overrun": "over", "itemDone": "done",
        "itemRunning": "running", "itemWaiting": "waiting", "checkIn": "Attendance", "checkInSelf": "My attendance",
        "iAmHere": "I am here in person", "iAmOnline": "I am here online", "youAre": "You are recorded as", "notYet": "not yet here",
        "lateBy": "late by", "representedBy": "represented by", "recordAttendance": "Record attendance", "person": "Person",
        "category": "Status", "representative": "Representative's name", "note": "Reason or note", "record": "Record",
        "noteHelp": "Required when changing attendance already recorded.", "presentCount": "present", "missingCount": "not yet here",
        "absentCount": "excused", "ended": "The meeting has ended", "endedAt": "Ended at", "toMeeting": "To the meeting's page",
        "liveLost": "Live connection lost; reconnecting…", "ahead": "ahead of schedule", "behind": "past the schedule",
        "minuteUnit": "min",
    ]
}
