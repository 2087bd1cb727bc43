import GRDB

/// The numbered, append-only schema migrations of the embedded store. Never edit a
/// migration that has shipped; add a new one.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001-buckets-and-objects") { db in
            try db.execute(
                sql: """
                    CREATE TABLE buckets (
                        name TEXT PRIMARY KEY NOT NULL,
                        created_ms INTEGER NOT NULL,
                        acl TEXT NOT NULL,
                        storage_class TEXT NOT NULL,
                        redundancy TEXT NOT NULL,
                        region TEXT NOT NULL,
                        owner TEXT NOT NULL
                    );
                    CREATE TABLE objects (
                        id INTEGER PRIMARY KEY,
                        bucket TEXT NOT NULL,
                        key BLOB NOT NULL,
                        kind TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        etag TEXT NOT NULL,
                        content_md5 TEXT,
                        crc64 INTEGER,
                        modified_ms INTEGER NOT NULL,
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
                        inline_data BLOB
                    );
                    CREATE UNIQUE INDEX objects_by_key ON objects(bucket, key);
                    CREATE INDEX objects_by_blob ON objects(blob_id) WHERE blob_id IS NOT NULL;
                    """)
        }
        migrator.registerMigration("0002-segments-restore-multipart") { db in
            try db.execute(
                sql: """
                    ALTER TABLE objects ADD COLUMN segments TEXT;
                    ALTER TABLE objects ADD COLUMN restore_ready_ms INTEGER;
                    ALTER TABLE objects ADD COLUMN restore_expiry_ms INTEGER;
                    CREATE TABLE uploads (
                        id TEXT PRIMARY KEY NOT NULL,
                        bucket TEXT NOT NULL,
                        key BLOB NOT NULL,
                        initiated_ms INTEGER NOT NULL,
                        acl TEXT NOT NULL,
                        storage_class TEXT NOT NULL,
                        owner TEXT NOT NULL,
                        forbid_overwrite INTEGER NOT NULL,
                        content_type TEXT NOT NULL,
                        cache_control TEXT,
                        content_disposition TEXT,
                        content_encoding TEXT,
                        content_language TEXT,
                        expires TEXT,
                        user_meta TEXT,
                        tags TEXT
                    );
                    CREATE INDEX uploads_by_key ON uploads(bucket, key);
                    CREATE TABLE parts (
                        upload_id TEXT NOT NULL,
                        number INTEGER NOT NULL,
                        blob_id TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        etag TEXT NOT NULL,
                        crc64 INTEGER NOT NULL,
                        modified_ms INTEGER NOT NULL,
                        PRIMARY KEY (upload_id, number)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("0003-policies-and-identities") { db in
            try db.execute(
                sql: """
                    ALTER TABLE buckets ADD COLUMN policy TEXT;
                    CREATE TABLE users (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL UNIQUE,
                        created_ms INTEGER NOT NULL
                    );
                    CREATE TABLE access_keys (
                        id TEXT PRIMARY KEY NOT NULL,
                        user_id TEXT NOT NULL,
                        active INTEGER NOT NULL,
                        created_ms INTEGER NOT NULL,
                        expires_ms INTEGER,
                        security_token TEXT,
                        session_policy TEXT,
                        sealed_secret BLOB NOT NULL
                    );
                    CREATE INDEX access_keys_by_user ON access_keys(user_id);
                    CREATE TABLE user_policies (
                        user_id TEXT NOT NULL,
                        name TEXT NOT NULL,
                        document TEXT NOT NULL,
                        PRIMARY KEY (user_id, name)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
