import RapatCore

/// Something that can say itself in the user's language.
public protocol LocalizedMessage {
    func message(_ language: Language) -> String
}

/// The application layer's own phrases: refusals of the access policy and the faces' common errors.
public indirect enum Message: Sendable, Equatable {
    case forbidden(Message)
    case unauthenticated
    case badBody
    case missingParameter(String, example: String)
    /// A failure whose detail went to the log under this request id.
    case internalError(requestID: String)
    /// A request body over the limit (bytes).
    case tooLarge(Int)
    case actionListPeople, actionRegisterPeople, actionPlanMeetings, actionChangeAgendas, actionRunMeetings, actionWriteMinutes
    case actionApproveMinutes, actionReadReports, actionSearch, actionCheckIn, actionReadPersonFeed, actionReadFeed
    case actionReadUninvited, actionReadUnapproved, actionAdminister, actionVerify

    public func text(_ l: Language) -> String {
        let en = l == .en
        switch self {
        case let .forbidden(action):
            return en ? "you may not \(action.text(l))" : "Anda tidak berwenang \(action.text(l))"
        case .unauthenticated:
            return en ? "give an API token: Authorization: Bearer <token> ('rapat token create')"
                : "sertakan token API: Authorization: Bearer <token> (buat dengan 'rapat token create')"
        case .badBody:
            return en ? "the request body is not the JSON this route takes: see /api/openapi.json"
                : "isi permintaan bukan JSON yang diterima rute ini: lihat /api/openapi.json"
        case let .missingParameter(name, example):
            return en ? "\(name) is missing: e.g. \(example)" : "\(name) belum diisi: contoh \(example)"
        case let .tooLarge(limit):
            return en ? "the request body is larger than \(limit / 1024) KiB: send less" : "isi permintaan lebih dari \(limit / 1024) KiB: kirim lebih sedikit"
        case let .internalError(id):
            return en ? "an internal error occurred; it was logged under request id \(id)"
                : "terjadi kesalahan internal; sudah dicatat di log dengan id permintaan \(id)"
        case .actionListPeople: return en ? "list people" : "melihat daftar orang"
        case .actionRegisterPeople: return en ? "register people" : "mendaftarkan orang"
        case .actionPlanMeetings: return en ? "plan meetings" : "merencanakan rapat"
        case .actionChangeAgendas: return en ? "change agendas" : "mengubah agenda"
        case .actionRunMeetings: return en ? "run meetings" : "menjalankan rapat"
        case .actionWriteMinutes: return en ? "write minutes" : "menulis notula"
        case .actionApproveMinutes: return en ? "approve minutes" : "menyetujui notula"
        case .actionReadReports: return en ? "read reports" : "membaca laporan"
        case .actionSearch: return en ? "search the archive" : "mencari di arsip"
        case .actionCheckIn: return en ? "check in for someone else" : "mengisi kehadiran orang lain"
        case .actionReadPersonFeed: return en ? "read another person's feed" : "membaca kalender orang lain"
        case .actionReadFeed: return en ? "read this feed" : "membaca kalender ini"
        case .actionReadUninvited: return en ? "read a meeting they are not invited to" : "membaca rapat yang tidak mengundang Anda"
        case .actionReadUnapproved: return en ? "read minutes that are not approved" : "membaca notula yang belum disetujui"
        case .actionAdminister: return en ? "administer the archive" : "mengelola arsip"
        case .actionVerify: return en ? "verify the archive" : "memeriksa keutuhan arsip"
        }
    }
}
