import Foundation

/// A civil servant's Nomor Induk Pegawai: 18 digits encoding birth date, appointment month and sex.
///
/// Layout (BKN): `yyyymmdd` birth date, `yyyymm` TMT CPNS, one digit sex (1 male, 2 female),
/// three digits serial. Parsed once at the edge; a `NIP` value inside Rapat is always well formed.
public struct NIP: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
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

    public var description: String { digits }
    public static func < (a: NIP, b: NIP) -> Bool { a.digits < b.digits }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try NIP(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(digits)
    }
}
