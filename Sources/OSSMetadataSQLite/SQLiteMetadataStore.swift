import CSQLiteTuning
import Foundation
import GRDB
import OSSModel

/// The embedded default `MetadataStore`: one SQLite database (GRDB, WAL journal,
/// `synchronous=FULL`) inside the data directory. Concurrent writes share commits through
/// a ``GroupCommitter``; point reads run on the calling thread on one of the ``SQLiteReaders``,
/// other reads on the pool's readers.
public final class SQLiteMetadataStore: MetadataStore {
    let pool: DatabasePool
    let committer: GroupCommitter
    let readers: SQLiteReaders
    let cache: RecordCache

    /// SQLite's process-wide settings, applied before the first connection opens.
    private static let tuned: Void = { _ = ossd_sqlite_disable_memstatus() }()

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    ///
    /// - Parameter cacheBytes: memory for the ``RecordCache`` of point reads; 0 turns it off.
    ///   Only this process may write the database while it is open (ossd holds the data
    ///   directory's lock).
    public init(path: String, cacheBytes: Int = 32 << 20) throws {
        Self.tuned
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA busy_timeout = 10000")
        }
        configuration.maximumReaderCount = 8
        pool = try DatabasePool(path: path, configuration: configuration)
        // DatabasePool switches its writer to WAL with `synchronous = NORMAL` after
        // `prepareDatabase` ran, which would leave commits un-fsynced (an acknowledged write
        // could vanish with the page cache). The writer is one connection: set FULL on it.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try SQLiteMigrations.migrator.migrate(pool)
        cache = RecordCache(budget: cacheBytes)
        committer = GroupCommitter(writer: pool, cache: cache)
        readers = try SQLiteReaders(path: path, count: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The writer connection's `PRAGMA synchronous` (2 = FULL: every commit fsyncs the WAL).
    public func writerSynchronousLevel() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    // MARK: Buckets

    public func createBucket(_ bucket: BucketRecord) async throws -> BucketCreation {
        try await committer.write(touching: .bucket(bucket.name)) { db in
            if let row = try Row.fetchOne(db, sql: SQLiteRows.selectBucketSQL, arguments: [bucket.name]) {
                return .alreadyExists(try SQLiteRows.bucket(row))
            }
            try db.execute(
                sql: """
                    INSERT INTO buckets (name, created_ms, acl, storage_class, redundancy, region, owner)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    bucket.name, SQLiteRows.millis(bucket.creationDate), bucket.acl.rawValue,
                    bucket.storageClass.rawValue, bucket.dataRedundancyType, bucket.region, bucket.ownerID,
                ])
            return .created
        }
    }

    public func listBuckets(prefix: String, marker: String?, limit: Int) async throws -> [BucketRecord] {
        try readSnapshot { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT \(SQLiteRows.bucketColumns) FROM buckets WHERE name > ? AND substr(name, 1, ?) = ? ORDER BY name LIMIT ?",
                arguments: [marker ?? "", prefix.count, prefix, limit])
            return try rows.map(SQLiteRows.bucket)
        }
    }

    public func setBucketACL(_ name: String, acl: BucketACL) async throws {
        try await committer.write(touching: .bucket(name)) { db in
            try db.execute(sql: "UPDATE buckets SET acl = ? WHERE name = ?", arguments: [acl.rawValue, name])
            if db.changesCount == 0 { throw OSSError.noSuchBucket(name) }
        }
    }

    public func setBucketPolicy(_ name: String, policy: String?) async throws {
        try await committer.write(touching: .bucket(name)) { db in
            try db.execute(sql: "UPDATE buckets SET policy = ? WHERE name = ?", arguments: [policy, name])
            if db.changesCount == 0 { throw OSSError.noSuchBucket(name) }
        }
    }

    public func deleteBucket(_ name: String) async throws {
        try await committer.write(touching: .bucket(name)) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM buckets WHERE name = ?", arguments: [name]) != nil else {
                throw OSSError.noSuchBucket(name)
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM objects WHERE bucket = ? LIMIT 1", arguments: [name]) != nil
                || Bool.fetchOne(db, sql: "SELECT 1 FROM uploads WHERE bucket = ? LIMIT 1", arguments: [name]) != nil
            {
                throw OSSError.bucketNotEmpty
            }
            try db.execute(sql: "DELETE FROM buckets WHERE name = ?", arguments: [name])
        }
    }

    public func referencedBlobIDs() async throws -> Set<String> {
        try readSnapshot { db in
            var ids = Set(try String.fetchAll(db, sql: "SELECT blob_id FROM objects WHERE blob_id IS NOT NULL"))
            for text in try String.fetchAll(db, sql: "SELECT segments FROM objects WHERE segments IS NOT NULL") {
                ids.formUnion(SQLiteRows.decodeSegments(text).map(\.id))
            }
            ids.formUnion(try String.fetchAll(db, sql: "SELECT blob_id FROM parts"))
            return ids
        }
    }
}
