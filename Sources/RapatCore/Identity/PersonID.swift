import Foundation

/// The key Rapat knows a person by, wherever it names one (chair, participant, presenter, owner, signer).
///
/// A civil servant is known by the NIP. A guest has none (a DPRD member, an expert, a vendor, someone of
/// another agency invited from an imported calendar): a guest is known by a key made from the e-mail address,
/// `G` and 17 base-32 characters (A–Z, 2–7) of its SHA-256, so the same address is the same guest in every
/// import and every archive. Both forms are 18 characters; the archive's `nip` columns and the minutes
/// schema's `nip` attributes hold either.
public struct PersonID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The NIP's 18 digits, or the guest key.
    public let key: String

    /// Reads a NIP (spaces and dots allowed) or a guest key (letters in either case).
    public init(_ text: String) throws(InputError) {
        if let first = text.utf8.first, first == UInt8(ascii: "G") || first == UInt8(ascii: "g") {
            let upper = text.uppercased()
            guard Self.isGuestKey(upper) else {
                throw .invalidNIP(text, "a guest's key is G followed by 17 letters A–Z or digits 2–7, e.g. GK4ZQ7XW2MNB5RTAE3")
            }
            key = upper
        } else {
            key = try NIP(text).digits
        }
    }

    public init(_ nip: NIP) { key = nip.digits }

    /// The guest known by `email` (compared without regard to case).
    public static func guest(email: String) -> PersonID { guestKey(Array(email.lowercased().utf8)) }

    /// The guest who owns a calendar whose events name nobody (no ORGANIZER, no ATTENDEE with an address),
    /// known by the calendar's name (compared without regard to case). No address can make this key: the
    /// hashed text starts with a line break.
    public static func guest(calendar name: String) -> PersonID { guestKey(Array(("\ncalendar:" + name.lowercased()).utf8)) }

    private static func guestKey(_ text: [UInt8]) -> PersonID {
        let digest = SHA256.hash(text)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        var chars: [UInt8] = [UInt8(ascii: "G")]
        var buffer = 0, bits = 0, index = 0
        while chars.count < 18 {
            if bits < 5 { buffer = (buffer << 8) | Int(digest[index]); index += 1; bits += 8 }
            bits -= 5
            chars.append(alphabet[(buffer >> bits) & 31])
        }
        return PersonID(checkedKey: String(decoding: chars, as: UTF8.self))
    }

    private init(checkedKey: String) { key = checkedKey }

    /// The NIP, for a civil servant; nil for a guest.
    public var nip: NIP? { isGuest ? nil : NIP(checkedDigits: key) }
    public var isGuest: Bool { key.utf8.first == UInt8(ascii: "G") }

    static func isGuestKey(_ text: String) -> Bool {
        let b = Array(text.utf8)
        return b.count == 18 && b[0] == UInt8(ascii: "G")
            && b.dropFirst().allSatisfy { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "2") && $0 <= UInt8(ascii: "7")) }
    }

    public var description: String { key }
    public static func < (a: PersonID, b: PersonID) -> Bool { a.key < b.key }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try PersonID(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(key)
    }
}

/// A civil servant's Nomor Induk Pegawai: 18 digits encoding birth date, appointment month and sex.
///
/// Layout (BKN): `yyyymmdd` birth date, `yyyymm` TMT CPNS, one digit sex (1 male, 2 female),
/// three digits serial. Parsed once at the edge; a `NIP` value inside Rapat is always well formed.
public struct NIP: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let digits: String

    public init(_ text: String) throws(InputError) {
        // Read as bytes: the archive reads thousands of NIPs per page, and per-Character work was a twelfth of it.
        var d: [Int] = []
        d.reserveCapacity(18)
        for byte in text.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: ".") {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), d.count < 18 else {
                throw .invalidNIP(text, "a NIP has exactly 18 digits (spaces allowed), e.g. 196805121990031004")
            }
            d.append(Int(byte - UInt8(ascii: "0")))
        }
        guard d.count == 18 else {
            throw .invalidNIP(text, "a NIP has exactly 18 digits (spaces allowed), e.g. 196805121990031004")
        }
        let compact = d.count == text.utf8.count ? text : String(decoding: d.map { UInt8($0) + UInt8(ascii: "0") }, as: UTF8.self)
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + d[$1] } }
        let birthYear = number(0..<4), birthMonth = number(4..<6), birthDay = number(6..<8)
        let tmtYear = number(8..<12), tmtMonth = number(12..<14)
        guard (1900...2099).contains(birthYear), (1...12).contains(birthMonth),
              (1...CivilDate.daysIn(month: birthMonth, year: birthYear)).contains(birthDay)
        else {
            throw .invalidNIP(text, "digits 1–8 must be the birth date yyyymmdd")
        }
        guard (1900...2099).contains(tmtYear), (1...12).contains(tmtMonth), tmtYear >= birthYear else {
            throw .invalidNIP(text, "digits 9–14 must be the appointment month yyyymm, after the birth date")
        }
        guard d[14] == 1 || d[14] == 2 else {
            throw .invalidNIP(text, "digit 15 is the sex code and must be 1 or 2")
        }
        digits = compact
    }

    /// Digits already checked (a `PersonID` that is not a guest's).
    fileprivate init(checkedDigits: String) { digits = checkedDigits }

    public var description: String { digits }
    public static func < (a: NIP, b: NIP) -> Bool { a.digits < b.digits }
}
