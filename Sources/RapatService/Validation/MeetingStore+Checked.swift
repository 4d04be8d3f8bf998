import Foundation
import RapatCore
import RapatStore

extension MeetingStore {
    /// `updateMeeting`, with the text the change brings checked by `TextRules` before anything is stored.
    /// An approval the change makes is sealed and signed with `signer`.
    func change(_ id: MeetingID, sealingWith signer: SealSigner? = nil,
                _ body: @escaping @Sendable (inout Meeting, Policy) throws -> Void) async throws -> Meeting {
        try await updateMeeting(id, sealingWith: signer) { m, policy in
            let before = m
            try body(&m, policy)
            try TextRules.check(m, previous: before)
        }
    }
}

extension ImportedEventBatches {
    /// The same batches, each event's meetings checked by `TextRules`; a refused event names its file and line.
    func checked() -> ImportedEventBatches {
        ImportedEventBatches {
            guard let events = try self.next() else { return nil }
            for e in events {
                do {
                    for m in e.meetings { try TextRules.check(m) }
                    if let s = e.series { try TextRules.check(s) }
                } catch {
                    throw ImportError(source: e.source, line: e.line, summary: TextRules.visible(e.summary), cause: error)
                }
            }
            return events
        }
    }
}
