import GRDB

/// The SQLite archive's schema as named, ordered migrations. A released step is never edited: add a new one.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-core") { db in
            try db.execute(sql: """
                CREATE TABLE person (
                    nip TEXT PRIMARY KEY NOT NULL CHECK (length(nip) = 18),
                    name TEXT NOT NULL,
                    jabatan TEXT NOT NULL,
                    opd TEXT NOT NULL,
                    email TEXT
                );
                CREATE INDEX person_opd ON person(opd);

                CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

                -- Identifies this archive in the iCalendar UIDs of its meetings, so two installations never collide.
                CREATE TABLE archive (id INTEGER PRIMARY KEY CHECK (id = 1), archive_id TEXT NOT NULL);
                INSERT INTO archive(id, archive_id) VALUES (1, lower(hex(randomblob(6))));

                CREATE TABLE holiday (date TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL);

                CREATE TABLE series (
                    id TEXT PRIMARY KEY NOT NULL,
                    year INTEGER NOT NULL,
                    serial INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    exceptions TEXT NOT NULL,
                    UNIQUE (year, serial)
                );

                CREATE TABLE meeting (
                    id TEXT PRIMARY KEY NOT NULL,
                    year INTEGER NOT NULL,
                    serial INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    chair TEXT NOT NULL REFERENCES person(nip),
                    notulis TEXT REFERENCES person(nip),
                    start_at DATETIME NOT NULL,
                    end_at DATETIME NOT NULL,
                    time_zone TEXT NOT NULL,
                    virtual_link TEXT,
                    location TEXT,
                    status TEXT NOT NULL CHECK (status IN ('scheduled', 'started', 'ended', 'cancelled')),
                    sequence INTEGER NOT NULL,
                    -- No foreign key: minutes imported from another installation may name a series kept there.
                    series_id TEXT,
                    occurrence_start DATETIME,
                    ical_uid TEXT,
                    actual_start DATETIME,
                    late_start_reason TEXT,
                    actual_end DATETIME,
                    cancel_reason TEXT,
                    approved_by TEXT REFERENCES person(nip),
                    approved_at DATETIME,
                    approved_version INTEGER,
                    approval_reason TEXT,
                    UNIQUE (year, serial),
                    CHECK (end_at > start_at)
                );
                CREATE INDEX meeting_start ON meeting(start_at);
                CREATE INDEX meeting_series ON meeting(series_id, start_at);
                CREATE INDEX meeting_ical_uid ON meeting(ical_uid, occurrence_start);

                -- One row per person a meeting occupies, with the meeting's time copied in,
                -- so the conflict check is an index range scan on (nip, start_at).
                CREATE TABLE meeting_person (
                    meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                    nip TEXT NOT NULL REFERENCES person(nip),
                    role TEXT NOT NULL CHECK (role IN ('chair', 'notulis', 'participant')),
                    position INTEGER NOT NULL,
                    start_at DATETIME NOT NULL,
                    end_at DATETIME NOT NULL,
                    active INTEGER NOT NULL,
                    PRIMARY KEY (meeting_id, nip)
                );
                CREATE INDEX meeting_person_slot ON meeting_person(nip, start_at);

                CREATE TABLE agenda_item (
                    meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                    key INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    presenter TEXT,
                    presenter_nip TEXT REFERENCES person(nip),
                    box_minutes INTEGER NOT NULL CHECK (box_minutes > 0),
                    actual_start DATETIME,
                    actual_end DATETIME,
                    carried_from TEXT NOT NULL DEFAULT '',
                    is_follow_up INTEGER NOT NULL DEFAULT 0,
                    details TEXT,
                    PRIMARY KEY (meeting_id, key)
                );

                CREATE TABLE attendance (
                    meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                    nip TEXT NOT NULL REFERENCES person(nip),
                    category TEXT NOT NULL,
                    checked_in_at DATETIME,
                    late_minutes INTEGER,
                    representative TEXT,
                    note TEXT,
                    PRIMARY KEY (meeting_id, nip)
                );

                CREATE TABLE discussion_note (
                    meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    item_key INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    speaker TEXT,
                    PRIMARY KEY (meeting_id, seq)
                );

                CREATE TABLE decision (
                    meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    item_key INTEGER,
                    text TEXT NOT NULL,
                    PRIMARY KEY (meeting_id, number)
                );

                CREATE TABLE action_item (
                    meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    item_key INTEGER,
                    text TEXT NOT NULL,
                    owner_opd TEXT,
                    owner_nip TEXT REFERENCES person(nip),
                    due_date TEXT,
                    status TEXT NOT NULL CHECK (status IN ('open', 'done')),
                    completed_at DATETIME,
                    completion_note TEXT,
                    PRIMARY KEY (meeting_id, number),
                    CHECK ((owner_opd IS NULL) <> (owner_nip IS NULL))
                );
                CREATE INDEX action_item_status ON action_item(status, due_date);

                -- Completion of an action item after its minutes were approved: recorded beside the
                -- frozen minutes, never inside them.
                CREATE TABLE action_follow_up (
                    meeting_id TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'done')),
                    at DATETIME NOT NULL,
                    note TEXT,
                    PRIMARY KEY (meeting_id, number),
                    FOREIGN KEY (meeting_id, number) REFERENCES action_item(meeting_id, number)
                );

                CREATE TABLE indicator (
                    meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                    opd TEXT NOT NULL,
                    name TEXT NOT NULL,
                    as_of TEXT NOT NULL,
                    target REAL NOT NULL,
                    actual REAL NOT NULL,
                    unit TEXT NOT NULL,
                    PRIMARY KEY (meeting_id, name, opd, as_of)
                );
                """)
        }
        m.registerMigration("v2-minutes-versions") { db in
            // Every approval and correction of minutes, sealed: the canonical record and its SHA-256.
            try db.execute(sql: """
                CREATE TABLE minutes_version (
                    meeting_id TEXT NOT NULL REFERENCES meeting(id),
                    version INTEGER NOT NULL,
                    approved_by TEXT NOT NULL,
                    approved_at DATETIME NOT NULL,
                    reason TEXT,
                    canonical TEXT NOT NULL,
                    digest TEXT NOT NULL CHECK (length(digest) = 64),
                    PRIMARY KEY (meeting_id, version)
                );
                """)
        }
        m.registerMigration("v3-search") { db in
            // Full-text index of what archivists search, kept in step with every write (MeetingRows.save).
            try db.execute(sql: """
                CREATE VIRTUAL TABLE search_index USING fts5(
                    meeting_id UNINDEXED, section UNINDEXED, ref UNINDEXED, text,
                    tokenize = 'indonesian'
                );
                """)
            try SearchIndex.rebuild(db, progress: nil)
        }
        m.registerMigration("v4-tokens") { db in
            try db.execute(sql: """
                CREATE TABLE api_token (
                    hash TEXT PRIMARY KEY NOT NULL CHECK (length(hash) = 64),
                    role TEXT NOT NULL CHECK (role IN ('secretariat', 'participant', 'archivist')),
                    nip TEXT REFERENCES person(nip),
                    created_at DATETIME NOT NULL,
                    CHECK (role <> 'participant' OR nip IS NOT NULL)
                );
                """)
        }
        // Standing items ("acara tetap") recur in every meeting of a series and are never carried over.
        m.registerMigration("v5-standing-items") { db in
            try db.execute(sql: "ALTER TABLE agenda_item ADD COLUMN is_standing INTEGER NOT NULL DEFAULT 0")
        }
        // Tokens may expire.
        m.registerMigration("v6-token-expiry") { db in
            try db.execute(sql: "ALTER TABLE api_token ADD COLUMN expires_at DATETIME")
        }
        // Signed seals: each version carries the approving office's signature; the public keys are registered
        // here. Attendance keeps what a correction replaced.
        m.registerMigration("v7-signed-seals") { db in
            try db.execute(sql: """
                ALTER TABLE minutes_version ADD COLUMN key_id TEXT;
                ALTER TABLE minutes_version ADD COLUMN signature TEXT;
                CREATE TABLE signing_key (
                    id TEXT PRIMARY KEY NOT NULL,
                    office TEXT NOT NULL,
                    public_key TEXT NOT NULL,
                    registered_at DATETIME NOT NULL
                );
                ALTER TABLE attendance ADD COLUMN history TEXT;
                """)
        }
        // Feed tokens: each reads one calendar feed; it dies with the API token that made it.
        m.registerMigration("v8-feed-tokens") { db in
            try db.execute(sql: """
                CREATE TABLE feed_token (
                    hash TEXT PRIMARY KEY NOT NULL CHECK (length(hash) = 64),
                    feed TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('secretariat', 'participant', 'archivist')),
                    nip TEXT REFERENCES person(nip),
                    owner_hash TEXT REFERENCES api_token(hash) ON DELETE CASCADE,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX feed_token_owner ON feed_token(feed, owner_hash);
                """)
        }
        // The web face: users with bcrypt hashes, and shared short-lived state (sessions, sign-in throttling).
        m.registerMigration("v9-web") { db in
            try db.execute(sql: """
                CREATE TABLE web_user (
                    username TEXT PRIMARY KEY NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('secretariat', 'participant', 'archivist')),
                    nip TEXT REFERENCES person(nip),
                    password_hash TEXT NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0,
                    created_at DATETIME NOT NULL,
                    CHECK (role <> 'participant' OR nip IS NOT NULL)
                );
                CREATE TABLE shared_value (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL,
                    expires_at DATETIME
                );
                """)
        }
        // People's pangkat/golongan.
        m.registerMigration("v10-pangkat") { db in
            try db.execute(sql: "ALTER TABLE person ADD COLUMN pangkat TEXT")
        }
        // The numbering register of letters (undangan): a number is given once and never again.
        m.registerMigration("v11-letter-numbers") { db in
            try db.execute(sql: """
                CREATE TABLE letter_number (
                    year INTEGER NOT NULL,
                    serial INTEGER NOT NULL,
                    document TEXT NOT NULL,
                    meeting_id TEXT NOT NULL REFERENCES meeting(id),
                    number TEXT NOT NULL UNIQUE,
                    assigned_at DATETIME NOT NULL,
                    PRIMARY KEY (year, serial),
                    UNIQUE (document, meeting_id)
                );
                """)
        }
        // Imported events: the organizer's text, all-day events, events that do not take their people's time, and
        // events of no length (RFC 5545: a DTSTART without DTEND). SQLite cannot loosen a CHECK in place: the table is
        // rebuilt (foreign keys are checked once the migration ends, GRDB's default).
        m.registerMigration("v12-imported-events") { db in
            try db.execute(sql: """
                CREATE TABLE meeting_v12 (
                    id TEXT PRIMARY KEY NOT NULL,
                    year INTEGER NOT NULL,
                    serial INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    chair TEXT NOT NULL REFERENCES person(nip),
                    notulis TEXT REFERENCES person(nip),
                    start_at DATETIME NOT NULL,
                    end_at DATETIME NOT NULL,
                    time_zone TEXT NOT NULL,
                    virtual_link TEXT,
                    location TEXT,
                    status TEXT NOT NULL CHECK (status IN ('scheduled', 'started', 'ended', 'cancelled')),
                    sequence INTEGER NOT NULL,
                    -- No foreign key: minutes imported from another installation may name a series kept there.
                    series_id TEXT,
                    occurrence_start DATETIME,
                    ical_uid TEXT,
                    actual_start DATETIME,
                    late_start_reason TEXT,
                    actual_end DATETIME,
                    cancel_reason TEXT,
                    approved_by TEXT REFERENCES person(nip),
                    approved_at DATETIME,
                    approved_version INTEGER,
                    approval_reason TEXT,
                    details TEXT,
                    all_day INTEGER,
                    reserves_time INTEGER,
                    UNIQUE (year, serial),
                    CHECK (end_at >= start_at)
                );
                INSERT INTO meeting_v12 (id, year, serial, title, kind, chair, notulis, start_at, end_at, time_zone, virtual_link, location,
                                         status, sequence, series_id, occurrence_start, ical_uid, actual_start, late_start_reason,
                                         actual_end, cancel_reason, approved_by, approved_at, approved_version, approval_reason)
                    SELECT id, year, serial, title, kind, chair, notulis, start_at, end_at, time_zone, virtual_link, location,
                           status, sequence, series_id, occurrence_start, ical_uid, actual_start, late_start_reason,
                           actual_end, cancel_reason, approved_by, approved_at, approved_version, approval_reason FROM meeting;
                DROP TABLE meeting;
                ALTER TABLE meeting_v12 RENAME TO meeting;
                CREATE INDEX meeting_start ON meeting(start_at);
                CREATE INDEX meeting_series ON meeting(series_id, start_at);
                CREATE INDEX meeting_ical_uid ON meeting(ical_uid, occurrence_start);
                """)
        }
        // Guests (people without a NIP, known by a key from their e-mail address) linked later to a registered person.
        m.registerMigration("v13-guest-links") { db in
            try db.execute(sql: "ALTER TABLE person ADD COLUMN linked_to TEXT REFERENCES person(nip) DEFERRABLE INITIALLY DEFERRED")
        }
        // Series stored a window ahead (a rule without an end): how far their meetings are stored.
        m.registerMigration("v14-series-horizon") { db in
            try db.execute(sql: "ALTER TABLE series ADD COLUMN horizon DATETIME")
        }
        // The tokenizer indexes each word's pair with the next (phrases are found by their pairs): the index is
        // made anew. Dropped, not emptied: deleting a row tokenizes its text again, and the old rows hold no pairs.
        m.registerMigration("v15-search-pairs") { db in
            try db.execute(sql: "DROP TABLE search_index")
            try db.execute(sql: """
                CREATE VIRTUAL TABLE search_index USING fts5(
                    meeting_id UNINDEXED, section UNINDEXED, ref UNINDEXED, text,
                    tokenize = 'indonesian'
                );
                """)
            try SearchIndex.rebuild(db, progress: nil)
            // The index's words in order, read to write a prefix out as its words (SearchIndex.prefixTerms).
            try db.execute(sql: "CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_index, instance)")
        }
        return m
    }
}
