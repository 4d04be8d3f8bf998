import Foundation
import RapatCore

/// Standard output or a file written whole: a temporary file renamed into place, so a failure leaves no half file.
final class Output {
    let path: String?
    private let temporary: String?
    private let handle: FileHandle

    init(path: String?) throws {
        self.path = path
        if let path {
            let tmp = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
            guard FileManager.default.createFile(atPath: tmp, contents: nil), let h = FileHandle(forWritingAtPath: tmp) else {
                throw InputError.invalidValue(field: "--out", value: path, hint: "the file cannot be created there")
            }
            temporary = tmp
            handle = h
        } else {
            temporary = nil
            handle = FileHandle.standardOutput
        }
    }

    func write(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }

    func close() throws {
        guard let temporary, let path else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }

    deinit {
        if let temporary, FileManager.default.fileExists(atPath: temporary) { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
