import Foundation
import RapatCore
import RapatPostgres
import RapatService
import RapatSQLite
import RapatStore
import Testing

/// Feeds built once per change of the archive: the same bytes until a meeting changes, then the change at once
/// (in this process) or as soon as another instance's announcement arrives; access decided every time.
@Suite struct FeedCacheTests {
    static func sqlitePair() throws -> (any MeetingStore, any MeetingStore) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapat-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("rapat.db").path
        return (try SQLiteStore(path: path), try SQLiteStore(path: path))
    }

    static func postgresPair() async throws -> (any MeetingStore, any MeetingStore)? {
        guard let url = try TestPostgres.newDatabase("rapat_feeds") else { return nil }
        return (try await PostgresStore(url: url), try await PostgresStore(url: url))
    }

    static func calendars(_ store: any MeetingStore, _ cache: FeedCache, role: Role = .secretariat, person: PersonID? = nil) -> Calendars {
        Services(store: store, principal: Principal(role: role, person: person), feeds: cache).calendars
    }

    /// Waits (a generous bound: the test is about whether the feed changes, not how fast) for `text` in the feed.
    static func eventually(_ calendars: Calendars, _ scope: FeedScope, contains text: String) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if String(decoding: try await calendars.feedDocument(scope).bytes, as: UTF8.self).contains(text) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func aFeedIsBuiltOnceUntilAMeetingChangesHereOrOnAnotherInstance() async throws {
        var pairs = [try Self.sqlitePair()]
        if let pg = try await Self.postgresPair() { pairs.append(pg) }
        for (one, other) in pairs {
            try await WebTests.archive(one)
            let cache = FeedCache(events: one.events)
            let feeds = Self.calendars(one, cache)
            let first = try await feeds.feedDocument(.opd("Dinkes"))
            #expect(try await feeds.feedDocument(.opd("Dinkes")).etag == first.etag)
            // A change made here: the next request has it, at once.
            try await one.updateMeeting(MeetingID("RP-2020-0001")) { m, _ in m.title = "Rapat Pimpinan Desember 2020 (diubah)" }
            let changed = try await feeds.feedDocument(.opd("Dinkes"))
            #expect(changed.etag != first.etag && String(decoding: changed.bytes, as: UTF8.self).contains("(diubah)"))
            // A change made through another instance: PostgreSQL announces it; another SQLite process is not heard,
            // and its change shows once the entry is older than the cache's bound.
            try await other.updateMeeting(MeetingID("RP-2020-0001")) { m, _ in m.title = "Rapat Pimpinan (instans lain)" }
            if one is PostgresStore {
                #expect(try await Self.eventually(feeds, .opd("Dinkes"), contains: "(instans lain)"))
            } else {
                let shortLived = Self.calendars(one, FeedCache(events: one.events, maxAge: .milliseconds(50)))
                #expect(try await Self.eventually(shortLived, .opd("Dinkes"), contains: "(instans lain)"))
            }
        }
    }

    @Test func accessIsDecidedBeforeTheCacheAndEachReaderHasItsOwnFeed() async throws {
        let (store, _) = try Self.sqlitePair()
        try await WebTests.archive(store)
        let cache = FeedCache(events: store.events)
        let secretariat = try await Self.calendars(store, cache).feedDocument(.person(WebTests.kadinkes))
        // Kepala BPKAD may not read Kepala Dinkes's feed, cached or not.
        await #expect(throws: AccessDenied.self) {
            try await Self.calendars(store, cache, role: .participant, person: WebTests.kabpkad).feedDocument(.person(WebTests.kadinkes))
        }
        // Kepala BPKAD's view of the OPD feed holds only what they may read: not the secretariat's.
        let asSecretariat = try await Self.calendars(store, cache).feedDocument(.opd("Dinkes"))
        let asOther = try await Self.calendars(store, cache, role: .participant, person: WebTests.kabpkad).feedDocument(.opd("Dinkes"))
        #expect(String(decoding: asSecretariat.bytes, as: UTF8.self).contains("Rapat Pimpinan Desember 2020"))
        #expect(!String(decoding: asOther.bytes, as: UTF8.self).contains("Rapat Pimpinan Desember 2020"))
        #expect(!secretariat.bytes.isEmpty)
    }
}

/// A meeting read and encoded once per change for the JSON API: the change at once (here) or as soon as announced
/// (another instance), another SQLite process's within the bound; who may read it decided on every request.
@Suite struct MeetingCacheTests {
    static func read(_ store: any MeetingStore, _ cache: MeetingCache, _ id: MeetingID, role: Role = .secretariat, person: PersonID? = nil,
                     encodings: Counter? = nil) async throws -> String {
        let bytes = try await Services(store: store, principal: Principal(role: role, person: person), meetings: cache).archive
            .meeting(id, cache: cache) { m in encodings?.add(); return Array(try Self.encoder.encode(m)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let encoder = { let e = JSONEncoder(); e.outputFormatting = .sortedKeys; return e }()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.withLock { n += 1 } }
        var count: Int { lock.withLock { n } }
    }

    @Test func aMeetingIsEncodedOnceUntilItChangesHereOrOnAnotherInstance() async throws {
        var pairs = [try FeedCacheTests.sqlitePair()]
        if let pg = try await FeedCacheTests.postgresPair() { pairs.append(pg) }
        let id = try MeetingID("RP-2020-0001")
        for (one, other) in pairs {
            try await WebTests.archive(one)
            let cache = MeetingCache(events: one.events, maxAge: .seconds(60)), encodings = Counter()
            let first = try await Self.read(one, cache, id, encodings: encodings)
            // PostgreSQL's announcements of the archive's own making may still be arriving: wait until they stop.
            var settled = -1
            for _ in 0..<100 where settled != encodings.count {
                settled = encodings.count
                try await Task.sleep(for: .milliseconds(30))
                _ = try await Self.read(one, cache, id, encodings: encodings)
            }
            #expect(try await Self.read(one, cache, id, encodings: encodings) == first)
            #expect(try await Self.read(one, cache, id, encodings: encodings) == first && encodings.count == settled)
            try await one.updateMeeting(id) { m, _ in m.title = "Rapat Pimpinan (diubah)" }
            #expect(try await Self.read(one, cache, id, encodings: encodings).contains("(diubah)") && encodings.count == settled + 1)
            try await other.updateMeeting(id) { m, _ in m.title = "Rapat Pimpinan (instans lain)" }
            let deadline = ContinuousClock.now + .seconds(15)
            // PostgreSQL announces the other instance's change; another SQLite process is not heard: its change shows
            // once the entry is older than the bound.
            let watched = one is PostgresStore ? cache : MeetingCache(events: one.events, maxAge: .milliseconds(50))
            var seen = false
            while !seen, ContinuousClock.now < deadline {
                seen = try await Self.read(one, watched, id).contains("(instans lain)")
                if !seen { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(seen)
        }
    }

    @Test func whoMayReadIsDecidedOnEveryRequestNotByTheCache() async throws {
        let (store, _) = try FeedCacheTests.sqlitePair()
        try await WebTests.archive(store)
        let cache = MeetingCache(events: store.events, maxAge: .seconds(60))
        let id = try MeetingID("RP-2020-0001")
        #expect(try await Self.read(store, cache, id).contains("Rapat Pimpinan Desember 2020"))
        // Cached by the secretariat's read, still refused to a participant who is not in the meeting.
        await #expect(throws: AccessDenied.self) { try await Self.read(store, cache, id, role: .participant, person: WebTests.kabpkad) }
        await #expect(throws: StoreError.unknownMeeting(try MeetingID("RP-2020-0999"))) { try await Self.read(store, cache, MeetingID("RP-2020-0999")) }
    }
}

/// A new, empty database on the server `RAPAT_TEST_POSTGRES_URL` names (nil when none is given): its URL.
enum TestPostgres {
    static func newDatabase(_ prefix: String) throws -> String? {
        guard let admin = ProcessInfo.processInfo.environment["RAPAT_TEST_POSTGRES_URL"], var url = URLComponents(string: admin) else { return nil }
        let name = prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", admin, "-q", "-c", "CREATE DATABASE \(name)"]
        try p.run()
        p.waitUntilExit()
        url.path = "/" + name
        return url.string
    }
}

/// Search answers encoded once per change: a change shows at once, each reader's answer is their own (an archivist
/// never gets the secretariat's hits of unapproved minutes), and who may search is asked on every call.
@Suite struct SearchCacheTests {
    static func search(_ store: any MeetingStore, _ cache: SearchCache, _ text: String, role: Role = .secretariat, person: PersonID? = nil,
                       encodings: MeetingCacheTests.Counter? = nil) async throws -> [String] {
        let bytes = try await Services(store: store, principal: Principal(role: role, person: person), searches: cache).archive
            .search(SearchQuery(text), cache: cache) { hits in encodings?.add(); return Array(try MeetingCacheTests.encoder.encode(hits.map(\.meetingID.description))) }
        return try JSONDecoder().decode([String].self, from: Data(bytes))
    }

    @Test func anAnswerIsEncodedOnceUntilTheArchiveChanges() async throws {
        let (store, _) = try FeedCacheTests.sqlitePair()
        try await WebTests.archive(store)
        let cache = SearchCache(events: store.events, maxAge: .seconds(60)), encodings = MeetingCacheTests.Counter()
        #expect(try await Self.search(store, cache, "istimewa", encodings: encodings).isEmpty)
        #expect(try await Self.search(store, cache, "istimewa", encodings: encodings).isEmpty && encodings.count == 1)
        try await store.updateMeeting(MeetingID("RP-2020-0001")) { m, _ in m.title = "Rapat Pimpinan Istimewa" }
        #expect(try await Self.search(store, cache, "istimewa", encodings: encodings) == ["RP-2020-0001"] && encodings.count == 2)
        // Another query is another answer.
        _ = try await Self.search(store, cache, "istimewa*", encodings: encodings)
        #expect(encodings.count == 3)
    }

    @Test func eachReaderGetsTheirOwnAnswerAndTheRightIsAskedEveryTime() async throws {
        let (store, _) = try FeedCacheTests.sqlitePair()
        try await WebTests.archive(store)
        let cache = SearchCache(events: store.events, maxAge: .seconds(60))
        let id = try MeetingID("RP-2020-0001")
        let m = try await store.meeting(id)
        try #require(!m.minutes.isApproved)
        try await store.updateMeeting(id) { m, _ in m.title = "Rapat Pimpinan Istimewa" }
        #expect(try await Self.search(store, cache, "istimewa") == ["RP-2020-0001"])
        // Minutes not approved: an archivist does not find them, though the secretariat's answer is cached.
        #expect(try await Self.search(store, cache, "istimewa", role: .archivist).isEmpty)
        // A participant may not search at all, cached answers or not.
        await #expect(throws: AccessDenied.self) { try await Self.search(store, cache, "istimewa", role: .participant, person: WebTests.kadinkes) }
    }
}

/// A meeting page's meeting and the people it names, read once per change; who may read it asked every time.
@Suite struct MeetingPeopleCacheTests {
    @Test func aChangeShowsAtOnceAndAnOutsiderIsRefusedThoughCached() async throws {
        let (store, _) = try FeedCacheTests.sqlitePair()
        try await WebTests.archive(store)
        let cache = MeetingPeopleCache(events: store.events, maxAge: .seconds(60))
        let id = try MeetingID("RP-2020-0001")
        func shown(role: Role = .secretariat, person: PersonID? = nil) async throws -> MeetingWithPeople {
            try await Services(store: store, principal: Principal(role: role, person: person)).archive.meetingWithPeople(id, cache: cache)
        }
        let first = try await shown()
        #expect(first.people[first.meeting.chair] != nil)
        try await store.updateMeeting(id) { m, _ in m.title = "Rapat Pimpinan (diubah)" }
        #expect(try await shown().meeting.title == "Rapat Pimpinan (diubah)")
        await #expect(throws: AccessDenied.self) { try await shown(role: .participant, person: WebTests.kabpkad) }
    }
}
