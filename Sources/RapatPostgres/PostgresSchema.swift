import Logging
import PostgresNIO

/// The PostgreSQL archive's schema as named, ordered steps; a released step is never edited.
/// Meetings are stored whole (JSON text of the core aggregate) beside the columns the queries need.
enum PostgresSchema {
    static let migrations: [(String, String)] = [
        ("v1-core", """
            CREATE EXTENSION IF NOT EXISTS btree_gist;
            CREATE TABLE person (nip text PRIMARY KEY CHECK (length(nip) = 18), name text NOT NULL, jabatan text NOT NULL,
                                 opd text NOT NULL, email text);
            CREATE INDEX person_opd ON person (lower(opd));
            CREATE TABLE setting (key text PRIMARY KEY, value text NOT NULL);
            CREATE TABLE holiday (date text PRIMARY KEY, name text NOT NULL);
            CREATE TABLE archive (id int PRIMARY KEY CHECK (id = 1), archive_id text NOT NULL);
            INSERT INTO archive VALUES (1, substr(md5(random()::text || clock_timestamp()::text), 1, 12));
            CREATE TABLE series (id text PRIMARY KEY, year int NOT NULL, serial int NOT NULL, title text NOT NULL, rule text NOT NULL,
                                 exceptions text NOT NULL, UNIQUE (year, serial));
            CREATE TABLE meeting (id text PRIMARY KEY, year int NOT NULL, serial int NOT NULL, start_at timestamptz NOT NULL,
                                  status text NOT NULL, series_id text, occurrence_start timestamptz, ical_uid text,
                                  approved boolean NOT NULL, doc text NOT NULL, UNIQUE (year, serial));
            CREATE INDEX meeting_start ON meeting (start_at);
            CREATE INDEX meeting_series ON meeting (series_id, start_at);
            CREATE INDEX meeting_ical ON meeting (ical_uid, occurrence_start);
            -- Nobody can sit in two overlapping active meetings, whatever instance writes: the database itself refuses it.
            CREATE TABLE meeting_person (meeting_id text NOT NULL REFERENCES meeting(id) ON DELETE CASCADE, nip text NOT NULL,
                                         slot tstzrange NOT NULL, active boolean NOT NULL, PRIMARY KEY (meeting_id, nip),
                                         EXCLUDE USING gist (nip WITH =, slot WITH &&) WHERE (active));
            CREATE TABLE action_follow_up (meeting_id text NOT NULL, number int NOT NULL, status text NOT NULL, at timestamptz NOT NULL,
                                           note text, PRIMARY KEY (meeting_id, number));
            CREATE TABLE minutes_version (meeting_id text NOT NULL REFERENCES meeting(id), version int NOT NULL, approved_by text NOT NULL,
                                          approved_at timestamptz NOT NULL, reason text, canonical text NOT NULL, digest text NOT NULL,
                                          PRIMARY KEY (meeting_id, version));
            CREATE TABLE search_doc (meeting_id text NOT NULL REFERENCES meeting(id) ON DELETE CASCADE, seq int NOT NULL, section text NOT NULL,
                                     ref text, text text NOT NULL,
                                     tsv tsvector GENERATED ALWAYS AS (to_tsvector('indonesian', text)) STORED,
                                     PRIMARY KEY (meeting_id, seq));
            CREATE INDEX search_doc_tsv ON search_doc USING gin (tsv);
            CREATE TABLE api_token (hash text PRIMARY KEY, role text NOT NULL, nip text REFERENCES person(nip), created_at timestamptz NOT NULL);
            """),
        // Action items are listed from the meetings that have any, not from a scan of every meeting.
        ("v2-has-actions", """
            ALTER TABLE meeting ADD COLUMN has_actions boolean NOT NULL DEFAULT false;
            UPDATE meeting SET has_actions = jsonb_array_length(coalesce(doc::jsonb #> '{minutes,actions}', '[]'::jsonb)) > 0;
            CREATE INDEX meeting_has_actions ON meeting (start_at) WHERE has_actions
            """),
        ("v3-token-expiry", """
            ALTER TABLE api_token ADD COLUMN expires_at timestamptz
            """),
        // Signed seals: each version carries the approving office's signature; the public keys are registered here.
        ("v4-signed-seals", """
            ALTER TABLE minutes_version ADD COLUMN key_id text;
            ALTER TABLE minutes_version ADD COLUMN signature text;
            CREATE TABLE signing_key (id text PRIMARY KEY, office text NOT NULL, public_key text NOT NULL, registered_at timestamptz NOT NULL)
            """),
        // Feed tokens: each reads one calendar feed; it dies with the API token that made it.
        ("v5-feed-tokens", """
            CREATE TABLE feed_token (hash text PRIMARY KEY, feed text NOT NULL, role text NOT NULL, nip text REFERENCES person(nip),
                                     owner_hash text REFERENCES api_token(hash) ON DELETE CASCADE, created_at timestamptz NOT NULL);
            CREATE INDEX feed_token_owner ON feed_token (feed, owner_hash)
            """),
        // The web face: users with bcrypt hashes, and shared short-lived state (sessions, sign-in throttling) every instance sees.
        ("v6-web", """
            CREATE TABLE web_user (username text PRIMARY KEY, role text NOT NULL, nip text REFERENCES person(nip), password_hash text NOT NULL,
                                   disabled boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL);
            CREATE TABLE shared_value (key text PRIMARY KEY, value text NOT NULL, expires_at timestamptz)
            """),
        // People's pangkat/golongan.
        ("v7-pangkat", """
            ALTER TABLE person ADD COLUMN pangkat text
            """),
        // The numbering register of letters (undangan): a number is given once and never again.
        ("v8-letter-numbers", """
            CREATE TABLE letter_number (year int NOT NULL, serial int NOT NULL, document text NOT NULL,
                                        meeting_id text NOT NULL REFERENCES meeting(id), number text NOT NULL UNIQUE,
                                        assigned_at timestamptz NOT NULL, PRIMARY KEY (year, serial), UNIQUE (document, meeting_id))
            """),
        // Guests (people without a NIP, known by a key from their e-mail address) linked later to a registered person.
        ("v9-guest-links", """
            ALTER TABLE person ADD COLUMN linked_to text REFERENCES person(nip) DEFERRABLE INITIALLY DEFERRED
            """),
        // Series stored a window ahead (a rule without an end): how far their meetings are stored.
        ("v10-series-horizon", """
            ALTER TABLE series ADD COLUMN horizon timestamptz
            """),
    ]

    static func migrate(_ client: PostgresClient, logger: Logger, upTo last: String? = nil) async throws {
        let steps = last.flatMap { name in migrations.firstIndex { $0.0 == name } }.map { Array(migrations[...$0]) } ?? migrations
        try await client.withConnection { c in
            try await c.query("CREATE TABLE IF NOT EXISTS rapat_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", logger: logger)
            // One migrating instance at a time.
            try await c.query("SELECT pg_advisory_lock(7261)", logger: logger)
            do {
                // Every pending step in one transaction: an archive is at one version or the next, never between.
                try await c.withTransaction(logger: logger) { tx in
                    for (name, sql) in steps {
                        let rows = try await tx.query("SELECT 1 FROM rapat_migration WHERE name = \(name)", logger: logger)
                        var applied = false
                        for try await _ in rows { applied = true }
                        if applied { continue }
                        for statement in sql.components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                            try await tx.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await tx.query("INSERT INTO rapat_migration(name) VALUES (\(name))", logger: logger)
                    }
                }
            } catch {
                _ = try? await c.query("SELECT pg_advisory_unlock(7261)", logger: logger)
                throw error
            }
            try await c.query("SELECT pg_advisory_unlock(7261)", logger: logger)
        }
    }
}
