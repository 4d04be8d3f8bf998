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

    /// An address of the form name@domain.tld: a local part of letters, digits and `.!#$%&'*+/=?^_`{|}~-`,
    /// a domain of letters, digits and hyphens between dots; nothing else (no space, quote or control
    /// character that could break the line it is written into).
    public static func checkedEmail(_ email: String) throws(InputError) -> String {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        let domainAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, parts[0].allSatisfy(localAllowed.contains),
              !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains(".."),
              case let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false), labels.count >= 2,
              labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && $0.allSatisfy(domainAllowed.contains) && $0.first != "-" && $0.last != "-" })
        else {
            throw .invalidEmail(email)
        }
        return email
    }
}
