import Foundation
import GRDB
import OSSModel

extension SQLiteMetadataStore {
    public func putObject(_ record: ObjectRecord, condition: WriteCondition) async throws -> ReplacedObject? {
        try await committer.write(touching: .object(bucket: record.bucket, key: record.key)) { db in
            try Self.requireBucket(db, record.bucket)
            return try Self.replace(db, with: record, condition: condition)
        }
    }

    /// Stores `record` in place of whatever is at its key, under `condition`; returns what it
    /// replaced. Must run inside a group-commit item (its savepoint).
    ///
    /// The old row is deleted first and `condition` checked against what the delete
    /// returned: one index lookup, and only the four columns a replacement needs (not the
    /// metadata or inline bytes). A refused condition throws, and rolling the item's
    /// savepoint back restores the row.
    static func replace(_ db: Database, with record: ObjectRecord, condition: WriteCondition) throws
        -> ReplacedObject?
    {
        let statement = try db.cachedStatement(sql: SQLiteRows.deleteReturningSQL)
        let rows = try Row.fetchCursor(statement, arguments: [record.bucket, Data(record.key.utf8)])
        var previous: ReplacedObject?
        // (bucket, key) is unique: one row at most, and stepping on finishes the statement.
        while let row = try rows.next() { previous = SQLiteRows.replaced(row) }
        try condition.check(existing: previous)
        try db.cachedStatement(sql: SQLiteRows.insertSQL).execute(arguments: SQLiteRows.arguments(record))
        return previous
    }

    public func deleteObject(bucket: String, key: String) async throws -> ObjectRecord? {
        try await committer.write(touching: .object(bucket: bucket, key: key)) { db in
            try Self.requireBucket(db, bucket)
            guard let previous = try Self.object(db, bucket: bucket, key: key) else { return nil }
            try Self.removeObject(db, bucket: bucket, key: key)
            return previous
        }
    }

    public func setObjectACL(bucket: String, key: String, acl: ObjectACL) async throws {
        try await update(bucket: bucket, key: key, sql: "acl = ?", value: acl.rawValue)
    }

    public func setObjectTags(bucket: String, key: String, tags: ObjectTags) async throws {
        try await update(
            bucket: bucket, key: key, sql: "tags = ?", value: SQLiteRows.encode(tags.tags.map { ($0.key, $0.value) }))
    }

    public func setObjectRestore(bucket: String, key: String, restore: RestoreState) async throws {
        try await committer.write(touching: .object(bucket: bucket, key: key)) { db in
            try Self.requireBucket(db, bucket)
            try db.execute(
                sql: "UPDATE objects SET restore_ready_ms = ?, restore_expiry_ms = ? WHERE bucket = ? AND key = ?",
                arguments: [
                    SQLiteRows.millis(restore.readyAt), SQLiteRows.millis(restore.expiresAt), bucket, Data(key.utf8),
                ])
            if db.changesCount == 0 { throw OSSError.noSuchKey(key) }
        }
    }

    public func listObjects(bucket: String, query: ObjectListQuery) async throws -> ObjectListPage {
        guard try await self.bucket(named: bucket) != nil else { throw OSSError.noSuchBucket(bucket) }
        return try await ObjectListing.page(query) { prefix, after, limit in
            try readSnapshot { db in
                var sql = "SELECT \(SQLiteRows.summaryColumns) FROM objects WHERE bucket = ?"
                var arguments: StatementArguments = [bucket]
                if !prefix.isEmpty {
                    // Keys are UTF-8, which never holds 0xFF: prefix + 0xFF bounds the range.
                    sql += " AND key >= ? AND key < ?"
                    arguments += [Data(prefix), Data(prefix + [0xFF])]
                }
                if let after {
                    sql += " AND key > ?"
                    arguments += [Data(after)]
                }
                sql += " ORDER BY key LIMIT ?"
                arguments += [limit]
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map(SQLiteRows.summary)
            }
        }
    }

    private func update(bucket: String, key: String, sql: String, value: String?) async throws {
        try await committer.write(touching: .object(bucket: bucket, key: key)) { db in
            try Self.requireBucket(db, bucket)
            try db.execute(
                sql: "UPDATE objects SET \(sql) WHERE bucket = ? AND key = ?",
                arguments: [value, bucket, Data(key.utf8)])
            if db.changesCount == 0 { throw OSSError.noSuchKey(key) }
        }
    }

    static func requireBucket(_ db: Database, _ name: String) throws {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM buckets WHERE name = ?")
        guard try Bool.fetchOne(statement, arguments: [name]) != nil else { throw OSSError.noSuchBucket(name) }
    }

    static func removeObject(_ db: Database, bucket: String, key: String) throws {
        try db.cachedStatement(sql: "DELETE FROM objects WHERE bucket = ? AND key = ?")
            .execute(arguments: [bucket, Data(key.utf8)])
    }
}
