import Logging
import PostgresNIO

/// The numbered, append-only schema migrations of the PostgreSQL store, recorded in
/// `schema_migrations`. Never edit a migration that has shipped; add a new one.
///
/// Text columns that are compared or ordered use `COLLATE "C"` (byte order, like the
/// embedded store); keys are `bytea`.
enum PostgresMigrations {
    /// An arbitrary constant: the advisory lock every node takes while migrating.
    static let lockKey: Int64 = 0x6f73_7364_6d69_6772

    static let all: [(version: Int, name: String, statements: [String])] = [
        (
            1, "buckets-objects-uploads-identities",
            [
                """
                CREATE TABLE buckets (
                    name TEXT COLLATE "C" PRIMARY KEY,
                    created_ms BIGINT NOT NULL,
                    acl TEXT NOT NULL,
                    storage_class TEXT NOT NULL,
                    redundancy TEXT NOT NULL,
                    region TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    policy TEXT
                )
                """,
                """
                CREATE TABLE objects (
                    bucket TEXT COLLATE "C" NOT NULL REFERENCES buckets(name),
                    key BYTEA NOT NULL,
                    kind TEXT NOT NULL,
                    size BIGINT NOT NULL,
                    etag TEXT NOT NULL,
                    content_md5 TEXT,
                    crc64 BIGINT,
                    modified_ms BIGINT NOT NULL,
                    storage_class TEXT NOT NULL,
                    acl TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    cache_control TEXT,
                    content_disposition TEXT,
                    content_encoding TEXT,
                    content_language TEXT,
                    expires TEXT,
                    user_meta TEXT,
                    tags TEXT,
                    symlink_target TEXT,
                    blob_id TEXT,
                    inline_data BYTEA,
                    segments TEXT,
                    restore_ready_ms BIGINT,
                    restore_expiry_ms BIGINT,
                    PRIMARY KEY (bucket, key)
                )
                """,
                "CREATE INDEX objects_by_blob ON objects(blob_id) WHERE blob_id IS NOT NULL",
                """
                CREATE TABLE uploads (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    bucket TEXT COLLATE "C" NOT NULL REFERENCES buckets(name),
                    key BYTEA NOT NULL,
                    initiated_ms BIGINT NOT NULL,
                    acl TEXT NOT NULL,
                    storage_class TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    forbid_overwrite BOOLEAN NOT NULL,
                    content_type TEXT NOT NULL,
                    cache_control TEXT,
                    content_disposition TEXT,
                    content_encoding TEXT,
                    content_language TEXT,
                    expires TEXT,
                    user_meta TEXT,
                    tags TEXT
                )
                """,
                "CREATE INDEX uploads_by_key ON uploads(bucket, key)",
                """
                CREATE TABLE parts (
                    upload_id TEXT COLLATE "C" NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    blob_id TEXT NOT NULL,
                    size BIGINT NOT NULL,
                    etag TEXT NOT NULL,
                    crc64 BIGINT NOT NULL,
                    modified_ms BIGINT NOT NULL,
                    PRIMARY KEY (upload_id, number)
                )
                """,
                """
                CREATE TABLE users (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    name TEXT COLLATE "C" NOT NULL UNIQUE,
                    created_ms BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE access_keys (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    user_id TEXT COLLATE "C" NOT NULL,
                    active BOOLEAN NOT NULL,
                    created_ms BIGINT NOT NULL,
                    expires_ms BIGINT,
                    security_token TEXT,
                    session_policy TEXT,
                    sealed_secret BYTEA NOT NULL
                )
                """,
                "CREATE INDEX access_keys_by_user ON access_keys(user_id)",
                """
                CREATE TABLE user_policies (
                    user_id TEXT COLLATE "C" NOT NULL,
                    name TEXT COLLATE "C" NOT NULL,
                    document TEXT NOT NULL,
                    PRIMARY KEY (user_id, name)
                )
                """,
            ]
        )
    ]

    /// Applies pending migrations in one transaction under a transaction-level advisory
    /// lock, so nodes starting together apply each migration exactly once.
    static func apply(_ store: PostgresMetadataStore) async throws {
        let logger = store.logger
        try await store.write { db in
            try await db.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await db.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied = Set<Int>()
            for try await version in try await db.query("SELECT version FROM schema_migrations", logger: logger)
                .decode(Int.self)
            {
                applied.insert(version)
            }
            for migration in all where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await db.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await db.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                logger.info("applied metadata migration \(migration.version) \(migration.name)")
            }
        }
    }
}
