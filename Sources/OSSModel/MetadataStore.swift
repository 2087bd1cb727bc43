/// How a write treats an object that already exists at its key.
public enum WriteCondition: Sendable, Equatable {
    /// Replace whatever is there.
    case overwrite
    /// Fail with `409 FileAlreadyExists` if any object (normal or link) exists at the key.
    /// Checked inside the same transaction as the write: never check-then-write.
    case mustNotExist
}

/// The result of creating a bucket.
public enum BucketCreation: Sendable, Equatable {
    case created
    /// The bucket already existed; its record is returned unchanged.
    case alreadyExists(BucketRecord)
}

/// The metadata port: buckets and object records, spoken in OSS operations.
///
/// Every method is atomic and durable when it returns (the embedded driver commits with
/// `synchronous=FULL`). Drivers must order keys by their UTF-8 bytes. Methods throw
/// `OSSError` for the OSS failures named in their comments and any other error for a
/// storage failure (which the server reports as `500 InternalError`).
public protocol MetadataStore: Sendable {
    // MARK: Buckets

    /// Creates `bucket`, or reports the existing record of that name.
    func createBucket(_ bucket: BucketRecord) async throws -> BucketCreation
    /// The bucket named `name`, or nil.
    func bucket(named name: String) async throws -> BucketRecord?
    /// Buckets whose names start with `prefix` and sort after `marker`, at most `limit`.
    func listBuckets(prefix: String, marker: String?, limit: Int) async throws -> [BucketRecord]
    /// Replaces the bucket's ACL. Throws `NoSuchBucket`.
    func setBucketACL(_ name: String, acl: BucketACL) async throws
    /// Deletes an empty bucket. Throws `NoSuchBucket`, or `BucketNotEmpty` while it holds any object.
    func deleteBucket(_ name: String) async throws

    // MARK: Objects

    /// The current record at `key`, inline bytes included, or nil.
    func object(bucket: String, key: String) async throws -> ObjectRecord?
    /// Stores `record` at its key in one transaction. Returns the record it replaced (so the
    /// caller can release that record's blob). Throws `NoSuchBucket`, or `FileAlreadyExists`
    /// when `condition` is `.mustNotExist` and the key is taken.
    func putObject(_ record: ObjectRecord, condition: WriteCondition) async throws -> ObjectRecord?
    /// Removes the record at `key`, returning it; nil when there was none. Throws `NoSuchBucket`.
    func deleteObject(bucket: String, key: String) async throws -> ObjectRecord?
    /// Replaces the object's ACL without touching anything else. Throws `NoSuchKey`.
    func setObjectACL(bucket: String, key: String, acl: ObjectACL) async throws
    /// Replaces the object's tags without touching anything else. Throws `NoSuchKey`.
    func setObjectTags(bucket: String, key: String, tags: ObjectTags) async throws
    /// One page of the bucket's listing (see ``ObjectListing``).
    func listObjects(bucket: String, query: ObjectListQuery) async throws -> ObjectListPage

    // MARK: Housekeeping

    /// Whether any record refers to the blob `id` (used by the startup sweep).
    func isBlobReferenced(_ id: String) async throws -> Bool
}
