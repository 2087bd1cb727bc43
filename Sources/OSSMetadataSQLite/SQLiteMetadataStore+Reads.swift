import Foundation
import GRDB
import OSSModel

/// Point reads, the hot path of every GET and HEAD (and of every request signed by a
/// RAM user's key: its key and policies).
///
/// Answers come from the ``RecordCache`` when it holds them. Otherwise they run
/// synchronously on the calling thread (a WAL reader never waits for the writer,
/// and a point read through a cached, already-compiled statement takes microseconds), so a
/// request does not hop to a database queue and back; the bucket, the record and a link's
/// target are read with two statements at most.
extension SQLiteMetadataStore {
    public func bucket(named name: String) async throws -> BucketRecord? {
        if let cached = cache.bucket(name) { return cached }
        let generation = cache.generation()
        let found = try readNow { db in try Self.bucket(db, name) }
        cache.insert(bucket: name, found, readAt: generation)
        return found
    }

    public func object(bucket: String, key: String) async throws -> ObjectRecord? {
        try cachedObject(bucket: bucket, key: key)
    }

    public func lookup(bucket name: String, key: String, followLink: Bool) async throws -> PathLookup {
        let (bucket, record) = try cachedPath(bucket: name, key: key)
        guard let bucket else { return PathLookup(bucket: nil, object: nil, target: nil) }
        var target: ObjectRecord?
        if followLink, let record, record.kind == .symlink, let targetKey = record.symlinkTarget {
            target = try cachedObject(bucket: name, key: targetKey)
        }
        return PathLookup(bucket: bucket, object: record, target: target)
    }

    /// The bucket and the record at `key`, from the ``RecordCache`` or else with one statement.
    private func cachedPath(bucket name: String, key: String) throws -> (BucketRecord?, ObjectRecord?) {
        if let bucket = cache.bucket(name) {
            guard let bucket else { return (nil, nil) }
            if let record = cache.object(bucket: name, key: key) { return (bucket, record) }
        }
        let generation = cache.generation()
        let found = try readNow { db in
            let statement = try db.cachedStatement(sql: SQLiteRows.selectPathSQL)
            return try Self.decodeFirst(Row.fetchCursor(statement, arguments: [Data(key.utf8), name])) { row in
                let bucket = try SQLiteRows.bucket(row)
                if row.hasNull(atIndex: SQLiteRows.pathObjectOffset) { return (bucket, nil as ObjectRecord?) }
                return (bucket, try SQLiteRows.record(row, bucket: name, from: SQLiteRows.pathObjectOffset))
            }
        }
        guard let (bucket, record) = found else {
            cache.insert(bucket: name, nil, readAt: generation)
            return (nil, nil)
        }
        cache.insert(bucket: name, bucket, readAt: generation)
        cache.insert(bucket: name, key: key, record, readAt: generation)
        return (bucket, record)
    }

    /// The record at `key`, from the ``RecordCache`` or else from a reader.
    private func cachedObject(bucket: String, key: String) throws -> ObjectRecord? {
        if let cached = cache.object(bucket: bucket, key: key) { return cached }
        let generation = cache.generation()
        let found = try readNow { db in try Self.object(db, bucket: bucket, key: key) }
        cache.insert(bucket: bucket, key: key, found, readAt: generation)
        return found
    }

    /// A read on one of the ``SQLiteReaders`` (or, when all are taken, a pooled reader), on
    /// this thread, without an explicit transaction: every statement is atomic on its own
    /// (the bucket and the record come from one statement; a link's target from the next,
    /// as a second GET would read it).
    ///
    /// Every read of this store is synchronous (this and ``readSnapshot(_:)``). GRDB's
    /// async read keeps its reader across an `await`, so a task holding a reader needs a
    /// cooperative thread to give it back; mixing it with synchronous reads, which wait for
    /// a free reader on a cooperative thread, can take every thread and deadlock. A
    /// synchronous read holds its reader only while it runs on its thread.
    func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        if let value = try readers.read(body) { return value }
        return try pool.unsafeRead(body)
    }

    /// A read of several statements in one snapshot (a deferred read transaction), on a
    /// pooled reader, on this thread.
    func readSnapshot<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    static func bucket(_ db: Database, _ name: String) throws -> BucketRecord? {
        let statement = try db.cachedStatement(sql: SQLiteRows.selectBucketSQL)
        return try decodeFirst(Row.fetchCursor(statement, arguments: [name]), SQLiteRows.bucket)
    }

    static func object(_ db: Database, bucket: String, key: String) throws -> ObjectRecord? {
        let statement = try db.cachedStatement(sql: SQLiteRows.selectObjectSQL)
        return try decodeFirst(Row.fetchCursor(statement, arguments: [bucket, Data(key.utf8)])) {
            try SQLiteRows.record($0, bucket: bucket)
        }
    }

    /// Decodes the first row while the cursor still points at it: a cursor's row is a view
    /// of the statement (no copy), valid only until the cursor moves on or goes away.
    static func decodeFirst<T>(_ rows: RowCursor, _ decode: (Row) throws -> T) throws -> T? {
        try withExtendedLifetime(rows) {
            guard let row = try rows.next() else { return nil }
            return try decode(row)
        }
    }
}
