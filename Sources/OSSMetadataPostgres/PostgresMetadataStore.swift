import Foundation
import Logging
import OSSModel
import PostgresNIO

/// The scale-out `MetadataStore`: one PostgreSQL database shared by every ossd node.
///
/// Each write is one transaction on one leased connection. Conditional writes never
/// check-then-write: the row is locked (`SELECT ... FOR UPDATE`) when it exists, and an
/// absent row is claimed with `INSERT ... ON CONFLICT DO NOTHING`, so of two nodes that
/// both saw "absent" under READ COMMITTED exactly one inserts and the other re-reads the
/// winner's row. Bucket rows are share-locked by writers and row-locked by DeleteBucket,
/// so a bucket cannot vanish under a concurrent PutObject.
public final class PostgresMetadataStore: MetadataStore, Sendable {
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>

    /// Connects to the database at `url` (`postgres://user[:password]@host[:port]/database`,
    /// optional `?schema=NAME`) and applies pending migrations. `schema`, when given,
    /// overrides the URL's and becomes the connections' `search_path`; `applicationName`
    /// labels the connections in `pg_stat_activity`.
    public init(
        url: String, schema: String? = nil, applicationName: String = "ossd",
        logger: Logger = Logger(label: "ossd.postgres")
    ) async throws {
        var configuration = try PostgresURL.configuration(url)
        configuration.options.additionalStartupParameters.append(("application_name", applicationName))
        if let schema = schema ?? PostgresURL.schema(url) {
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        configuration.options.connectTimeout = .seconds(5)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
        do {
            try await PostgresMigrations.apply(self)
        } catch {
            await shutdown()
            throw error
        }
    }

    /// Closes the connection pool. The store must not be used afterwards.
    public func shutdown() async {
        runner.cancel()
        await runner.value
    }

    // MARK: Buckets

    public func createBucket(_ bucket: BucketRecord) async throws -> BucketCreation {
        try await write { db in
            let inserted = try await db.query(
                """
                INSERT INTO buckets (name, created_ms, acl, storage_class, redundancy, region, owner, policy)
                VALUES (\(bucket.name), \(PostgresRows.millis(bucket.creationDate)), \(bucket.acl.rawValue),
                    \(bucket.storageClass.rawValue), \(bucket.dataRedundancyType), \(bucket.region),
                    \(bucket.ownerID), \(bucket.policy))
                ON CONFLICT (name) DO NOTHING RETURNING name
                """, logger: self.logger
            ).collect()
            if !inserted.isEmpty { return .created }
            let rows = try await db.query("SELECT * FROM buckets WHERE name = \(bucket.name)", logger: self.logger)
                .collect()
            guard let row = rows.first else { throw PostgresStoreError.raceLost }
            return .alreadyExists(try PostgresRows.bucket(row))
        }
    }

    public func bucket(named name: String) async throws -> BucketRecord? {
        try await read { db in
            try await db.query("SELECT * FROM buckets WHERE name = \(name)", logger: self.logger).collect()
                .first.map(PostgresRows.bucket)
        }
    }

    public func listBuckets(prefix: String, marker: String?, limit: Int) async throws -> [BucketRecord] {
        try await read { db in
            try await db.query(
                """
                SELECT * FROM buckets WHERE name > \(marker ?? "") AND starts_with(name, \(prefix))
                ORDER BY name LIMIT \(limit)
                """, logger: self.logger
            ).collect().map(PostgresRows.bucket)
        }
    }

    public func setBucketACL(_ name: String, acl: BucketACL) async throws {
        try await write { db in
            let rows = try await db.query(
                "UPDATE buckets SET acl = \(acl.rawValue) WHERE name = \(name) RETURNING name", logger: self.logger
            ).collect()
            if rows.isEmpty { throw OSSError.noSuchBucket(name) }
        }
    }

    public func setBucketPolicy(_ name: String, policy: String?) async throws {
        try await write { db in
            let rows = try await db.query(
                "UPDATE buckets SET policy = \(policy) WHERE name = \(name) RETURNING name", logger: self.logger
            ).collect()
            if rows.isEmpty { throw OSSError.noSuchBucket(name) }
        }
    }

    public func deleteBucket(_ name: String) async throws {
        try await write { db in
            // FOR UPDATE conflicts with the KEY SHARE lock every object or upload insert
            // takes on its bucket, so the emptiness check below cannot be overtaken.
            let bucket = try await db.query(
                "SELECT name FROM buckets WHERE name = \(name) FOR UPDATE", logger: self.logger
            ).collect()
            if bucket.isEmpty { throw OSSError.noSuchBucket(name) }
            let busy = try await db.query(
                """
                SELECT 1 FROM objects WHERE bucket = \(name)
                UNION ALL SELECT 1 FROM uploads WHERE bucket = \(name) LIMIT 1
                """, logger: self.logger
            ).collect()
            if !busy.isEmpty { throw OSSError.bucketNotEmpty }
            try await db.query("DELETE FROM buckets WHERE name = \(name)", logger: self.logger)
        }
    }

    public func referencedBlobIDs() async throws -> Set<String> {
        try await read { db in
            var ids = Set<String>()
            let objects = try await db.query(
                "SELECT blob_id, segments FROM objects WHERE blob_id IS NOT NULL OR segments IS NOT NULL",
                logger: self.logger
            )
            for try await (blob, segments) in objects.decode((String?, String?).self) {
                if let blob { ids.insert(blob) }
                if let segments { ids.formUnion(PostgresRows.decodeSegments(segments).map(\.id)) }
            }
            for try await blob in try await db.query("SELECT blob_id FROM parts", logger: self.logger)
                .decode(String.self)
            {
                ids.insert(blob)
            }
            return ids
        }
    }

    /// Takes a KEY SHARE lock on the bucket row (a concurrent DeleteBucket waits), or
    /// throws `NoSuchBucket`.
    func lockBucket(_ db: PostgresConnection, _ name: String) async throws {
        let rows = try await db.query("SELECT 1 FROM buckets WHERE name = \(name) FOR KEY SHARE", logger: logger)
            .collect()
        if rows.isEmpty { throw OSSError.noSuchBucket(name) }
    }
}
