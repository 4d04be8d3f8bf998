import Foundation

/// Someone who chairs, attends, presents at or takes the minutes of a meeting.
public struct Person: Hashable, Codable, Sendable {
    /// The key: the NIP of a civil servant; for a guest, a key from the e-mail address (or, for a calendar's
    /// owner, from the calendar's name).
    public var id: PersonID
    public var name: String
    /// Position, e.g. "Kepala Dinas Kesehatan" or "Sekretaris Daerah".
    public var jabatan: String
    /// The organisation unit (Organisasi Perangkat Daerah), e.g. "Dinkes" or "BPKAD".
    public var opd: String
    public var email: String?
    /// Pangkat/golongan of an ASN, e.g. "Pembina Utama Muda (IV/c)"; nil when not recorded.
    public var pangkat: String?
    /// For a guest who turned out to be a registered person: that person. Meetings that are not sealed name
    /// the person instead; an import that meets the guest's address again names the person too.
    public var linkedTo: PersonID?

    /// The OPD a guest from an imported calendar is listed under until someone records their organisation.
    public static let guestOPD = "Tamu"
    /// The position of the guest standing for a calendar's owner.
    public static let calendarOwnerJabatan = "Pemilik kalender"

    /// The guest who chairs the events of a calendar that name nobody (a personal export, a published feed):
    /// known by the calendar's name (`X-WR-CALNAME`, or the file's) until someone links it to a registered person.
    public static func calendarOwner(named name: String) -> Person? {
        let name = String(name.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ").trimmed.prefix(200))
        return try? Person(id: .guest(calendar: name), name: name, jabatan: calendarOwnerJabatan, opd: guestOPD)
    }
    static let guestEmailHint = "a guest is known by the address they came with (a calendar's owner by the calendar's name): keep it, or register the person with a NIP and link the guest to them"

    /// The civil servant's NIP; nil for a guest.
    public var nip: NIP? { id.nip }
    public var isGuest: Bool { id.isGuest }

    // The key keeps its name of earlier versions ("nip") in every JSON Rapat writes or reads back.
    enum CodingKeys: String, CodingKey {
        case id = "nip", name, jabatan, opd, email, pangkat, linkedTo
    }

    public init(id: PersonID, name: String, jabatan: String, opd: String, email: String? = nil, pangkat: String? = nil) throws(InputError) {
        let name = name.trimmed
        let opd = opd.trimmed
        guard !name.isEmpty else { throw .missing("name", "give the person's full name") }
        guard !opd.isEmpty else { throw .missing("OPD", "give the person's organisation unit, e.g. BPKAD") }
        // A guest is made from what it is known by: its address, or (a calendar's owner) the calendar's name.
        if id.isGuest, email.map({ PersonID.guest(email: $0) }) ?? PersonID.guest(calendar: name) != id {
            throw .invalidValue(field: "email", value: email ?? "", hint: Self.guestEmailHint)
        }
        self.id = id
        self.name = name
        self.jabatan = jabatan.trimmed
        self.opd = opd
        self.email = try email.map(Self.checkedEmail)
        let rank = pangkat?.trimmed
        self.pangkat = rank?.isEmpty == false ? rank : nil
    }

    /// An address of the form name@domain.tld: a local part of letters, digits and `.!#$%&'*+/=?^_`{|}~-`,
    /// a domain of letters, digits and hyphens between dots; nothing else (no space, quote or control
    /// character that could break the line it is written into).
    public static func checkedEmail(_ email: String) throws(InputError) -> String {
        guard isAddress(Array(email.utf8)) else { throw .invalidEmail(email) }
        return email
    }

    /// ASCII bytes a local part may hold besides letters and digits, and the grammar of the whole address.
    private static let localPunctuation = Set(".!#$%&'*+/=?^_`{|}~-".utf8)

    static func isAddress(_ b: [UInt8]) -> Bool {
        guard b.count <= 254, let at = b.firstIndex(of: UInt8(ascii: "@")), b.lastIndex(of: UInt8(ascii: "@")) == at else { return false }
        func alnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        let local = b[..<at], domain = b[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, local.first != UInt8(ascii: "."), local.last != UInt8(ascii: "."),
              local.allSatisfy({ alnum($0) || localPunctuation.contains($0) }),
              !zip(local, local.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") })
        else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { l in
            !l.isEmpty && l.count <= 63 && l.first != UInt8(ascii: "-") && l.last != UInt8(ascii: "-") && l.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") }
        }
    }
}

extension Sequence where Element == Person {
    /// People by key (the first of duplicates wins).
    public var byID: [PersonID: Person] { Dictionary(map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
}
