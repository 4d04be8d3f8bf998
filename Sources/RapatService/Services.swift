import RapatCore
import RapatStore

/// The application layer as one face sees it: every use-case family over one store, for one principal
/// and language. A face makes one per request (HTTP) or per command (CLI) and calls a single use case.
public struct Services: Sendable {
    public let store: any MeetingStore
    public let principal: Principal
    public let language: Language
    /// The approving office's key that seals approvals made through these services (nil: approvals are refused).
    public let signer: SealSigner?
    /// Feeds built once per change of the archive (a server keeps one; nil builds every feed anew).
    public let feeds: FeedCache?

    /// Meetings read and encoded once per change (a server keeps one; nil reads every meeting anew).
    public let meetings: MeetingCache?
    /// Search answers encoded once per change (a server keeps one; nil searches anew).
    public let searches: SearchCache?

    public init(store: any MeetingStore, principal: Principal, language: Language = .id, signer: SealSigner? = nil, feeds: FeedCache? = nil,
                meetings: MeetingCache? = nil, searches: SearchCache? = nil) {
        self.store = store
        self.principal = principal
        self.language = language
        self.signer = signer
        self.feeds = feeds
        self.meetings = meetings
        self.searches = searches
    }

    public var planning: Planning { Planning(store: store, principal: principal) }
    public var room: MeetingRoom { MeetingRoom(store: store, principal: principal) }
    public var minutes: MinutesDesk { MinutesDesk(store: store, principal: principal, signer: signer) }
    public var calendars: Calendars { Calendars(store: store, principal: principal, language: language, cache: feeds) }
    public var documents: Documents { Documents(store: store, principal: principal) }
    public var reports: Reports { Reports(store: store, principal: principal) }
    public var archive: Archive { Archive(store: store, principal: principal) }
    public var accounts: Accounts { Accounts(store: store, principal: principal) }
    public var administration: Administration { Administration(store: store, principal: principal) }
}
