import Foundation
import RapatCore

/// An approving office's private key on disk: created readable by its owner only (0600), never inside the
/// archive, and refused when others can read it.
public enum KeyFile {
    /// Makes a new key pair and writes the private key to `path`, which must not exist yet.
    public static func create(at path: String) throws -> SealSigner {
        let signer = SealSigner()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw KeyFileError.cannotCreate(path, errno == EEXIST ? "it exists already (a key is never overwritten)" : String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = Array((signer.privateKeyPEM + "\n").utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count else {
            throw KeyFileError.cannotCreate(path, String(cString: strerror(errno)))
        }
        return signer
    }

    /// Reads the private key at `path`.
    public static func load(_ path: String) throws -> SealSigner {
        var info = stat()
        guard stat(path, &info) == 0 else { throw KeyFileError.unreadable(path) }
        guard info.st_mode & 0o077 == 0 else { throw KeyFileError.exposed(path, mode: String(info.st_mode & 0o777, radix: 8)) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw KeyFileError.unreadable(path) }
        return try SealSigner(pem: text)
    }

    /// The key named by `path`, or else by `$RAPAT_SIGNING_KEY`; nil when neither is set.
    public static func named(_ path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SealSigner? {
        guard let path = path ?? environment["RAPAT_SIGNING_KEY"], !path.isEmpty else { return nil }
        return try load(path)
    }
}

/// A key file that cannot be made or used.
public enum KeyFileError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedMessage {
    case cannotCreate(String, String)
    case unreadable(String)
    case exposed(String, mode: String)

    public var description: String { message(.en) }

    public func message(_ l: Language) -> String {
        let en = l == .en
        switch self {
        case let .cannotCreate(path, why):
            return en ? "cannot create key file \(path): \(why)"
                : "berkas kunci \(path) tidak dapat dibuat: \(why == "it exists already (a key is never overwritten)" ? "berkas sudah ada (kunci tidak pernah ditimpa)" : why)"
        case let .unreadable(path):
            return en ? "cannot read key file \(path): check the path (make a key with 'rapat key create')"
                : "berkas kunci \(path) tidak dapat dibaca: periksa lokasinya (buat kunci dengan 'rapat key create')"
        case let .exposed(path, mode):
            return en ? "key file \(path) is readable by others (mode \(mode)): make it private with 'chmod 600 \(path)'"
                : "berkas kunci \(path) dapat dibaca orang lain (mode \(mode)): jadikan privat dengan 'chmod 600 \(path)'"
        }
    }
}
