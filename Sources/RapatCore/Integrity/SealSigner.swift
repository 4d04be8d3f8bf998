import Crypto
import Foundation

/// An approving office's private key (ECDSA P-256): it signs the sealed record of minutes its chair approves.
/// The key lives in a file outside the archive; the archive holds only the public half (`SigningKey`).
public struct SealSigner: Sendable {
    /// The private scalar (swift-crypto's key type is not `Sendable`; its raw bytes are, and rebuild it exactly).
    let raw: Data
    /// The id of the public key, as registered in the archive.
    public let keyID: String

    var key: P256.Signing.PrivateKey { try! P256.Signing.PrivateKey(rawRepresentation: raw) }  // bytes of a valid key

    /// Reads a PEM private key (as `rapat key create` writes it).
    public init(pem: String) throws(SealKeyError) {
        let key: P256.Signing.PrivateKey
        do { key = try P256.Signing.PrivateKey(pemRepresentation: pem) } catch { throw .unreadablePrivateKey }
        raw = key.rawRepresentation
        keyID = SealKeys.id(of: key.publicKey)
    }

    /// A new key pair.
    public init() {
        let key = P256.Signing.PrivateKey()
        raw = key.rawRepresentation
        keyID = SealKeys.id(of: key.publicKey)
    }

    public var privateKeyPEM: String { key.pemRepresentation }
    public var publicKeyPEM: String { key.publicKey.pemRepresentation }

    /// Signs `bytes` (the canonical record of a sealed version).
    public func sign(_ bytes: Data) -> SealSignature {
        // Signing with a valid key over any bytes cannot fail; a failure here would be BoringSSL out of memory.
        let signature = try! key.signature(for: bytes)
        return SealSignature(keyID: keyID, value: signature.derRepresentation.base64EncodedString())
    }
}

/// The signature over one sealed version, with the id of the key that made it.
public struct SealSignature: Hashable, Codable, Sendable {
    public var keyID: String
    /// Base64 of the DER-encoded ECDSA signature.
    public var value: String

    public init(keyID: String, value: String) {
        self.keyID = keyID
        self.value = value
    }
}

/// A public key registered in the archive: the only thing `archive verify` and imports need to check approvals.
public struct SigningKey: Hashable, Codable, Sendable {
    public var id: String
    /// The approving office the key belongs to, e.g. "Sekretariat Daerah Provinsi Banten".
    public var office: String
    public var publicKeyPEM: String
    public var registeredAt: Date

    /// Reads a PEM public key (or the public half of a PEM private key, never stored) and names its office.
    public init(publicKeyPEM pem: String, office: String, registeredAt: Date) throws(SealKeyError) {
        let office = office.trimmed
        guard !office.isEmpty else { throw .noOffice }
        let key: P256.Signing.PublicKey
        if let k = try? P256.Signing.PublicKey(pemRepresentation: pem) {
            key = k
        } else if let k = try? P256.Signing.PrivateKey(pemRepresentation: pem) {
            key = k.publicKey
        } else {
            throw .unreadablePublicKey
        }
        id = SealKeys.id(of: key)
        self.office = office
        publicKeyPEM = key.pemRepresentation
        self.registeredAt = registeredAt.wholeSecond
    }

    /// Whether `signature` is this key's signature over `bytes`.
    public func verifies(_ signature: SealSignature, over bytes: Data) -> Bool {
        guard signature.keyID == id, let der = Data(base64Encoded: signature.value),
              let key = try? P256.Signing.PublicKey(pemRepresentation: publicKeyPEM),
              let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: der)
        else { return false }
        return key.isValidSignature(ecdsa, for: bytes)
    }
}

enum SealKeys {
    /// The first 16 hex digits of the SHA-256 of the key's DER SubjectPublicKeyInfo: short enough to read out, long enough not to collide.
    static func id(of key: P256.Signing.PublicKey) -> String {
        String(SHA256.hex(Array(key.derRepresentation)).prefix(16))
    }
}

/// A key file or registration that cannot be used.
public enum SealKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadablePrivateKey
    case unreadablePublicKey
    case noOffice

    public var description: String {
        switch self {
        case .unreadablePrivateKey: return "the key file is not an ECDSA P-256 private key in PEM form (make one with 'rapat key create')"
        case .unreadablePublicKey: return "the file is not an ECDSA P-256 public key in PEM form"
        case .noOffice: return "name the approving office the key belongs to (--office)"
        }
    }
}
