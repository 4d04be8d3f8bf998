/// iCalendar UIDs of what an archive planned: `RP-2020-0001@<archive-id>.rapat` for a meeting,
/// `SR-2020-001@<archive-id>.rapat` for a series. The archive id keeps installations apart.
public enum ArchiveUID {
    public static func make(_ local: String, archiveID: String) -> String { "\(local)@\(archiveID).rapat" }

    /// The meeting or series id a UID of this archive names; nil for a UID made elsewhere.
    public static func local(of uid: String, archiveID: String) -> String? {
        let suffix = "@\(archiveID).rapat"
        guard uid.hasSuffix(suffix) else { return nil }
        return String(uid.dropLast(suffix.count))
    }
}
