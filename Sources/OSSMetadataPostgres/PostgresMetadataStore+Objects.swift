import Foundation
import OSSModel
import PostgresNIO

extension PostgresMetadataStore {
    public func object(bucket: String, key: String) async throws -> ObjectRecord? {
        try await read { db in try await self.object(db, bucket: bucket, key: key) }
    }

    /// The bucket, the record and a link's target on one leased connection (one pool
    /// checkout instead of three).
    public func lookup(bucket name: String, key: String, followLink: Bool) async throws -> PathLookup {
        try await read { db in
            guard
                let bucket = try await db.query("SELECT * FROM buckets WHERE name = \(name)", logger: self.logger)
                    .collect().first.map(PostgresRows.bucket)
            else { return PathLookup(bucket: nil, object: nil, target: nil) }
            let record = try await self.object(db, bucket: name, key: key)
            var target: ObjectRecord?
            if followLink, let record, record.kind == .symlink, let targetKey = record.symlinkTarget {
                target = try await self.object(db, bucket: name, key: targetKey)
            }
            return PathLookup(bucket: bucket, object: record, target: target)
        }
    }

    func object(_ db: PostgresConnection, bucket: String, key: String) async throws -> ObjectRecord? {
        try await db.query(
            "SELECT * FROM objects WHERE bucket = \(bucket) AND key = \(PostgresRows.key(key))", logger: logger
        ).collect().first.map(PostgresRows.record)
    }

    public func putObject(_ record: ObjectRecord, condition: WriteCondition) async throws -> ReplacedObject? {
        try await write { db in
            try await self.lockBucket(db, record.bucket)
            return try await self.store(db, record, condition: condition)
        }
    }

    /// Writes `record` under `condition` inside the caller's transaction and returns what it
    /// replaced. An existing row is locked before the check; an absent key is
    /// claimed by an insert that does nothing on conflict, and when another transaction
    /// claimed it first the loop re-reads (READ COMMITTED: the next statement sees the
    /// winner's committed row) and checks the condition against it.
    func store(_ db: PostgresConnection, _ record: ObjectRecord, condition: WriteCondition) async throws
        -> ReplacedObject?
    {
        let key = PostgresRows.key(record.key)
        let columns = PostgresRows.replacedColumns
        for _ in 0..<8 {
            let previous = try await db.query(
                "SELECT \(unescaped: columns) FROM objects WHERE bucket = \(record.bucket) AND key = \(key) FOR UPDATE",
                logger: logger
            ).collect().first.map(PostgresRows.replaced)
            try condition.check(existing: previous)
            if previous != nil {
                try await db.query(
                    "DELETE FROM objects WHERE bucket = \(record.bucket) AND key = \(key)", logger: logger)
            }
            let inserted = try await db.query(PostgresRows.insert(record), logger: logger).collect()
            if !inserted.isEmpty { return previous }
        }
        throw PostgresStoreError.raceLost
    }

    public func deleteObject(bucket: String, key: String) async throws -> ObjectRecord? {
        try await write { db in
            try await self.lockBucket(db, bucket)
            return try await db.query(
                "DELETE FROM objects WHERE bucket = \(bucket) AND key = \(PostgresRows.key(key)) RETURNING *",
                logger: self.logger
            ).collect().first.map(PostgresRows.record)
        }
    }

    public func setObjectACL(bucket: String, key: String, acl: ObjectACL) async throws {
        try await update(
            bucket: bucket, key: key,
            "UPDATE objects SET acl = \(acl.rawValue) WHERE bucket = \(bucket) AND key = \(PostgresRows.key(key)) RETURNING 1"
        )
    }

    public func setObjectTags(bucket: String, key: String, tags: ObjectTags) async throws {
        let encoded = PostgresRows.encode(tags.tags.map { ($0.key, $0.value) })
        try await update(
            bucket: bucket, key: key,
            "UPDATE objects SET tags = \(encoded) WHERE bucket = \(bucket) AND key = \(PostgresRows.key(key)) RETURNING 1"
        )
    }

    public func setObjectRestore(bucket: String, key: String, restore: RestoreState) async throws {
        let ready = PostgresRows.millis(restore.readyAt)
        let expiry = PostgresRows.millis(restore.expiresAt)
        try await update(
            bucket: bucket, key: key,
            """
            UPDATE objects SET restore_ready_ms = \(ready), restore_expiry_ms = \(expiry)
            WHERE bucket = \(bucket) AND key = \(PostgresRows.key(key)) RETURNING 1
            """)
    }

    public func listObjects(bucket: String, query: ObjectListQuery) async throws -> ObjectListPage {
        guard try await self.bucket(named: bucket) != nil else { throw OSSError.noSuchBucket(bucket) }
        return try await ObjectListing.page(query) { prefix, after, limit in
            try await self.read { db in
                var sql = "SELECT \(PostgresRows.summaryColumns) FROM objects WHERE bucket = $1"
                var binds = PostgresBindings()
                binds.append(bucket)
                if !prefix.isEmpty {
                    // Keys are UTF-8, which never holds 0xFF: prefix + 0xFF bounds the range.
                    sql += " AND key >= $\(binds.count + 1) AND key < $\(binds.count + 2)"
                    binds.append(PostgresRows.bytes(prefix))
                    binds.append(PostgresRows.bytes(prefix + [0xFF]))
                }
                if let after {
                    sql += " AND key > $\(binds.count + 1)"
                    binds.append(PostgresRows.bytes(after))
                }
                sql += " ORDER BY key LIMIT $\(binds.count + 1)"
                binds.append(limit)
                return try await db.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: self.logger)
                    .collect().map(PostgresRows.summary)
            }
        }
    }

    private func update(bucket: String, key: String, _ query: PostgresQuery) async throws {
        try await write { db in
            try await self.lockBucket(db, bucket)
            let rows = try await db.query(query, logger: self.logger).collect()
            if rows.isEmpty { throw OSSError.noSuchKey(key) }
        }
    }
}
