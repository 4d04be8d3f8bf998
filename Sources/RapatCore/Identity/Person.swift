import Foundation

/// Someone who chairs, attends, presents at or takes the minutes of a meeting.
public struct Person: Hashable, Codable, Sendable {
    public var nip: NIP
    public var name: String
    /// Position, e.g. "Kepala Dinas Kesehatan" or "Sekretaris Daerah".
    public var jabatan: String
    /// The organisation unit (Organisasi Perangkat Daerah), e.g. "Dinkes" or "BPKAD".
    public var opd: String
    public var email: String?

    public init(nip: NIP, name: String, jabatan: String, opd: String, email: String? = nil) throws(InputError) {
        let name = name.trimmed
        let opd = opd.trimmed
        guard !name.isEmpty else { throw .missing("name", "give the person's full name") }
        guard !opd.isEmpty else { throw .missing("OPD", "give the person's organisation unit, e.g. BPKAD") }
        self.nip = nip
        self.name = name
        self.jabatan = jabatan.trimmed
        self.opd = opd
        self.email = try email.map(Self.checkedEmail)
    }

    /// An address of the form name@domain.tld.
    public static func checkedEmail(_ email: String) throws(InputError) -> String {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(" ") else {
            throw .invalidEmail(email)
        }
        return email
    }
}
