import Foundation

/// Runs the built `rapat` executable as a user would, capturing its output.
struct RapatProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root, found from this file's location.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `rapat` binary built beside the test bundle (or `$RAPAT_BIN`).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["RAPAT_BIN"] { return URL(fileURLWithPath: path) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.lastPathComponent == "MacOS" { dir = dir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        return dir.appendingPathComponent("rapat")
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    var database: String
    var directory: URL

    init(directory: URL) {
        self.directory = directory
        database = "sqlite://" + directory.appendingPathComponent("rapat.db").path
    }

    /// Runs `rapat ARGS --database …` and waits for it.
    func run(_ arguments: [String]) throws -> Result {
        try Self.execute(Self.binary, arguments, environment: ["RAPAT_DATABASE": database], in: directory)
    }

    static func execute(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // An empty value removes the variable, so a test can run without the caller's RAPAT_DATABASE.
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.filter { !$0.value.isEmpty }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting so a full pipe cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
