import Foundation
import RapatCore

/// A self-contained copy of an archive that another Rapat installation imports losslessly:
/// one JSON file per meeting (with its sealed minutes versions), people, series and a manifest
/// holding the SHA-256 of every file.
public struct ArchiveBundle: Sendable, Equatable {
    public var people: [Person]
    public var series: [Series]
    public var meetings: [MeetingFile]

    public struct MeetingFile: Codable, Sendable, Equatable {
        public var meeting: Meeting
        public var versions: [MinutesVersion]

        public init(meeting: Meeting, versions: [MinutesVersion]) {
            self.meeting = meeting
            self.versions = versions
        }
    }

    public init(people: [Person], series: [Series], meetings: [MeetingFile]) {
        self.people = people
        self.series = series
        self.meetings = meetings
    }

    struct Manifest: Codable {
        struct Entry: Codable { var path: String; var sha256: String }
        var format: String
        var meetings: Int
        var files: [Entry]
    }

    static let format = "rapat-bundle-1"

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    static func decoder() -> JSONDecoder { StoredJSON.decoder }

    /// Writes the bundle into `directory` (created if needed; must not hold a bundle already).
    public func write(to directory: URL) throws {
        let fm = FileManager.default
        let manifestURL = directory.appendingPathComponent("manifest.json")
        guard !fm.fileExists(atPath: manifestURL.path) else { throw BundleError.exists(directory.path) }
        try fm.createDirectory(at: directory.appendingPathComponent("meetings"), withIntermediateDirectories: true)
        var entries: [Manifest.Entry] = []
        func put<T: Encodable>(_ value: T, _ path: String) throws {
            let data = try Self.encoder().encode(value)
            try data.write(to: directory.appendingPathComponent(path), options: .atomic)
            entries.append(.init(path: path, sha256: SHA256.hex(data)))
        }
        try put(people, "people.json")
        try put(series, "series.json")
        for file in meetings { try put(file, "meetings/\(file.meeting.id).json") }
        // The manifest goes last: a bundle without one is visibly incomplete.
        try Self.encoder().encode(Manifest(format: Self.format, meetings: meetings.count, files: entries)).write(to: manifestURL, options: .atomic)
    }

    /// Reads and checks a bundle: every file must have the digest the manifest gives, and every sealed
    /// minutes version its own digest. Nothing is trusted that fails.
    public static func read(from directory: URL) throws -> ArchiveBundle {
        let manifestURL = directory.appendingPathComponent("manifest.json")
        guard let manifestData = FileManager.default.contents(atPath: manifestURL.path) else { throw BundleError.noManifest(directory.path) }
        let manifest: Manifest
        do { manifest = try decoder().decode(Manifest.self, from: manifestData) } catch { throw BundleError.unreadable("manifest.json", "\(error)") }
        guard manifest.format == format else { throw BundleError.unreadable("manifest.json", "format \(manifest.format), expected \(format)") }
        var files: [String: Data] = [:]
        for entry in manifest.files {
            guard !entry.path.contains(".."), let data = FileManager.default.contents(atPath: directory.appendingPathComponent(entry.path).path) else {
                throw BundleError.missingFile(entry.path)
            }
            guard SHA256.hex(data) == entry.sha256 else { throw BundleError.digestMismatch(entry.path) }
            files[entry.path] = data
        }
        func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
            guard let data = files[path] else { throw BundleError.missingFile(path) }
            do { return try decoder().decode(type, from: data) } catch { throw BundleError.unreadable(path, "\(error)") }
        }
        let meetings = try manifest.files.map(\.path).filter { $0.hasPrefix("meetings/") }.sorted().map { try decode(MeetingFile.self, $0) }
        guard meetings.count == manifest.meetings else { throw BundleError.unreadable("manifest.json", "lists \(manifest.meetings) meetings, found \(meetings.count)") }
        for file in meetings {
            for v in file.versions where v.record.digest != v.digest {
                throw BundleError.sealBroken(file.meeting.id, v.version)
            }
        }
        return ArchiveBundle(people: try decode([Person].self, "people.json"), series: try decode([Series].self, "series.json"), meetings: meetings)
    }
}

public enum BundleError: Error, Equatable, Sendable, CustomStringConvertible {
    case exists(String)
    case noManifest(String)
    case missingFile(String)
    case digestMismatch(String)
    case unreadable(String, String)
    case sealBroken(MeetingID, Int)
    case conflict(String)

    public var description: String {
        switch self {
        case let .exists(dir): return "\(dir) already holds a bundle: export into a new folder"
        case let .noManifest(dir): return "\(dir) has no manifest.json: it is not a Rapat bundle (or its export did not finish)"
        case let .missingFile(path): return "the bundle lists \(path) but it is missing; nothing was imported"
        case let .digestMismatch(path): return "\(path) does not have the SHA-256 its manifest gives: the bundle was altered or damaged; nothing was imported"
        case let .unreadable(path, why): return "cannot read \(path) of the bundle (\(why)); nothing was imported"
        case let .sealBroken(id, v): return "the sealed minutes of \(id) version \(v) do not match their digest; nothing was imported"
        case let .conflict(what): return "\(what); nothing was imported"
        }
    }
}
