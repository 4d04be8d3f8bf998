import Foundation
import RapatCore

/// One sealed version as a backend stores it: the canonical text is what was signed and digested.
public struct StoredVersion: Sendable {
    public var meetingID: String
    public var version: Int
    public var canonical: String
    public var digest: String
    public var signature: SealSignature?

    public init(meetingID: String, version: Int, canonical: String, digest: String, signature: SealSignature?) {
        self.meetingID = meetingID
        self.version = version
        self.canonical = canonical
        self.digest = digest
        self.signature = signature
    }
}

/// The checks of `archive verify` and of imports, written once for every backend: each sealed version keeps
/// its digest, names its meeting and version, links to the version before it, and carries a signature
/// that a registered key verifies; the minutes stored now are the latest version's.
public struct SealAudit: Sendable {
    let keys: [String: SigningKey]

    public init(keys: [SigningKey]) {
        self.keys = Dictionary(keys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The problems of one meeting's seal. `meeting` is the row as it reads now (nil when it is gone or
    /// unreadable: then only the versions are checked); `versions` are every stored version of it.
    public func problems(of id: MeetingID, meeting: Meeting?, versions stored: [StoredVersion]) -> [IntegrityProblem] {
        var problems: [IntegrityProblem] = []
        func report(_ version: Int, _ finding: IntegrityProblem.Finding) {
            problems.append(IntegrityProblem(meetingID: id, version: version, finding))
        }
        let stored = stored.sorted { $0.version < $1.version }
        var records: [Int: (record: MinutesRecord, digest: String)] = [:]
        for v in stored {
            guard SHA256.hex(Array(v.canonical.utf8)) == v.digest else {
                report(v.version, .digestMismatch)
                continue
            }
            guard let record = try? Self.decoder.decode(MinutesRecord.self, from: Data(v.canonical.utf8)) else {
                report(v.version, .unreadableRecord)
                continue
            }
            guard record.meetingID == id, record.approval.version == v.version else {
                report(v.version, .misfiled(record.meetingID, version: record.approval.version))
                continue
            }
            records[v.version] = (record, v.digest)
            problems += signatureProblems(of: v, record: record, id: id)
        }
        if let last = stored.last?.version {
            for missing in 1..<max(1, last) where !stored.contains(where: { $0.version == missing }) {
                report(missing, .missingVersion(latest: last))
            }
        }
        for (version, r) in records where r.record.format != nil {
            let previous = version > 1 ? records[version - 1]?.digest : nil
            if version == 1, r.record.previousDigest != nil {
                report(version, .firstVersionLinked)
            } else if version > 1, let previous, r.record.previousDigest != previous {
                report(version, .chainBroken(previous: version - 1))
            }
        }
        problems += liveProblems(of: id, meeting: meeting, latest: stored.last.flatMap { records[$0.version] }, latestVersion: stored.last?.version)
        return problems.sorted { ($0.version, $0.finding.code) < ($1.version, $1.finding.code) }
    }

    func signatureProblems(of v: StoredVersion, record: MinutesRecord, id: MeetingID) -> [IntegrityProblem] {
        func problem(_ finding: IntegrityProblem.Finding) -> [IntegrityProblem] {
            [IntegrityProblem(meetingID: id, version: v.version, finding)]
        }
        guard record.format != nil else { return problem(.legacyUnsigned) }
        guard let signature = v.signature else { return problem(.unsigned) }
        guard let key = keys[signature.keyID] else { return problem(.unknownKey(signature.keyID)) }
        guard key.verifies(signature, over: Data(v.canonical.utf8)) else { return problem(.badSignature(key: key.id, office: key.office)) }
        return []
    }

    func liveProblems(of id: MeetingID, meeting: Meeting?, latest: (record: MinutesRecord, digest: String)?, latestVersion: Int?) -> [IntegrityProblem] {
        guard let m = meeting else { return [] }
        guard let latestVersion else {
            guard let approval = m.minutes.approval else { return [] }
            return [IntegrityProblem(meetingID: id, version: approval.version, .approvedWithoutSeal)]
        }
        var problems: [IntegrityProblem] = []
        if m.minutes.approval == nil {
            problems.append(IntegrityProblem(meetingID: id, version: latestVersion, .approvalRemoved))
        } else if let v = m.minutes.approval?.version, v != latestVersion {
            problems.append(IntegrityProblem(meetingID: id, version: latestVersion, .versionClaim(claimed: v, latest: latestVersion)))
        }
        guard let latest else { return problems }
        var now = m
        now.minutes.approval = latest.record.approval
        if let live = try? MinutesRecord(now, like: latest.record), live.digest != latest.digest {
            problems.append(IntegrityProblem(meetingID: id, version: latestVersion,
                                             .contentChanged(now: String(live.digest.prefix(12)), sealed: String(latest.digest.prefix(12)))))
        }
        return problems
    }

    /// Whether a version an import brings may enter the archive: intact, and signed by a registered key.
    public func checkImported(_ versions: [MinutesVersion], of m: Meeting) throws {
        let found = problems(of: m.id, meeting: m, versions: versions.map(\.stored))
        if let first = found.first(where: { $0.severity == .problem }) {
            throw StoreError.unverifiedSeal(m.id, version: first.version, first.finding)
        }
        if let legacy = found.first(where: { $0.severity == .notice }) {
            throw StoreError.unverifiedSeal(m.id, version: legacy.version, legacy.finding)
        }
    }

    static var decoder: JSONDecoder { StoredJSON.decoder }
}

/// The period `archive verify` looks at, and the walk over every sealed version in it that both backends share.
public struct SealScope: Sendable {
    public var from: Date?
    public var to: Date?

    public init(from: Date?, to: Date?) {
        self.from = from
        self.to = to
    }

    public func contains(_ start: Date) -> Bool {
        (from.map { start >= $0 } ?? true) && (to.map { start < $0 } ?? true)
    }

    /// Audits every meeting that is approved or has sealed versions, in the period. `meetings` are the rows
    /// that read, `rowIDs` every meeting row (readable or not), `versions` every sealed version stored.
    public func audit(meetings: [Meeting], rowIDs: Set<String>, versions: [StoredVersion], keys: [SigningKey]) -> [IntegrityProblem] {
        let audit = SealAudit(keys: keys)
        let sealed = Dictionary(grouping: versions, by: \.meetingID)
        let byID = Dictionary(meetings.map { ($0.id.description, $0) }, uniquingKeysWith: { a, _ in a })
        var subjects: [(start: Date, id: String)] = []
        for m in meetings where m.minutes.isApproved || sealed[m.id.description] != nil { subjects.append((m.start, m.id.description)) }
        for (id, vs) in sealed where byID[id] == nil {
            let start = vs.lazy.compactMap { try? SealAudit.decoder.decode(MinutesRecord.self, from: Data($0.canonical.utf8)).scheduledStart }.first
            subjects.append((start ?? .distantPast, id))
        }
        var problems: [IntegrityProblem] = []
        for (start, id) in subjects.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }) where contains(start) || start == .distantPast {
            let meetingID = (try? MeetingID(id)) ?? MeetingID(year: 0, serial: 0)
            if byID[id] == nil, !rowIDs.contains(id) {
                problems.append(IntegrityProblem(meetingID: meetingID, version: 0, .meetingGone))
            }
            problems += audit.problems(of: meetingID, meeting: byID[id], versions: sealed[id] ?? [])
        }
        return problems
    }
}
