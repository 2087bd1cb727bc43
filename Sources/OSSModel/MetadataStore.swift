/// How a write treats an object that already exists at its key.
public enum WriteCondition: Sendable, Equatable {
    /// Replace whatever is there.
    case overwrite
    /// Fail with `409 FileAlreadyExists` if any object (normal or link) exists at the key.
    /// Checked inside the same transaction as the write: never check-then-write.
    case mustNotExist
    /// AppendObject at this position: the key must be absent (position 0) or hold an
    /// Appendable object of exactly this length. Otherwise `409 ObjectNotAppendable` or
    /// `409 PositionNotEqualToLength` (with `x-oss-next-append-position`).
    case appendAt(Int64)
}

extension WriteCondition {
    /// Checks the condition against what is stored at the key now. Drivers call this inside
    /// the transaction that performs the write.
    public func check(existing: ReplacedObject?) throws(OSSError) {
        switch self {
        case .overwrite: return
        case .mustNotExist:
            if existing != nil { throw OSSError.fileAlreadyExists }
        case .appendAt(let position):
            guard let existing else {
                if position != 0 { throw OSSError.positionNotEqualToLength(0) }
                return
            }
            guard existing.kind == .appendable else { throw OSSError.objectNotAppendable }
            if existing.size != position { throw OSSError.positionNotEqualToLength(existing.size) }
        }
    }
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
    /// Sets (or with nil removes) the bucket policy, stored verbatim. Throws `NoSuchBucket`.
    func setBucketPolicy(_ name: String, policy: String?) async throws
    /// Deletes an empty bucket. Throws `NoSuchBucket`, or `BucketNotEmpty` while it holds any
    /// object or multipart upload.
    func deleteBucket(_ name: String) async throws

    // MARK: Objects

    /// The current record at `key`, inline bytes included, or nil.
    func object(bucket: String, key: String) async throws -> ObjectRecord?
    /// The bucket `bucket`, the record at `key` and, with `followLink` and a symlink at
    /// `key`, the record at its target: what a GET needs, read at one point in time.
    func lookup(bucket: String, key: String, followLink: Bool) async throws -> PathLookup
    /// Stores `record` at its key in one transaction. Returns what it replaced, nil for a new
    /// key (so the caller can release the old blobs). Throws `NoSuchBucket`, or the error of
    /// `condition` (``WriteCondition/check(existing:)``), checked in the same transaction.
    func putObject(_ record: ObjectRecord, condition: WriteCondition) async throws -> ReplacedObject?
    /// Removes the record at `key`, returning it; nil when there was none. Throws `NoSuchBucket`.
    func deleteObject(bucket: String, key: String) async throws -> ObjectRecord?
    /// Replaces the object's ACL without touching anything else. Throws `NoSuchKey`.
    func setObjectACL(bucket: String, key: String, acl: ObjectACL) async throws
    /// Replaces the object's tags without touching anything else. Throws `NoSuchKey`.
    func setObjectTags(bucket: String, key: String, tags: ObjectTags) async throws
    /// Records a restore of the object. Throws `NoSuchKey`.
    func setObjectRestore(bucket: String, key: String, restore: RestoreState) async throws
    /// One page of the bucket's listing (see ``ObjectListing``).
    func listObjects(bucket: String, query: ObjectListQuery) async throws -> ObjectListPage

    // MARK: Multipart uploads

    /// Records a new upload. Throws `NoSuchBucket`.
    func createUpload(_ upload: MultipartUpload) async throws
    /// The upload with this id in `bucket`, or nil.
    func upload(bucket: String, id: String) async throws -> MultipartUpload?
    /// Stores a part, replacing any part with the same number; returns the replaced part so
    /// the caller can release its blob. Throws `NoSuchUpload` (checked in the transaction).
    func putPart(_ part: UploadedPart) async throws -> UploadedPart?
    /// The upload's parts in ascending part-number order.
    func parts(uploadID: String) async throws -> [UploadedPart]
    /// The bucket's uploads whose key starts with `prefix`, ordered by key bytes, then
    /// initiation time, then id.
    func uploads(bucket: String, prefix: String) async throws -> [MultipartUpload]
    /// Completes an upload in one transaction: removes the upload and its parts and stores
    /// `object`. `usedParts` maps each part number the object uses to the blob it was read
    /// with; a part replaced since (a concurrent UploadPart) is `InvalidPart`. Returns the
    /// replaced object and the unused parts (the caller releases their blobs). Throws
    /// `NoSuchUpload`, `InvalidPart`, or the error of `condition`.
    func completeUpload(
        bucket: String, id: String, object: ObjectRecord, usedParts: [Int: String], condition: WriteCondition
    ) async throws -> (previous: ReplacedObject?, unusedParts: [UploadedPart])
    /// Removes an upload and returns its parts. Throws `NoSuchUpload`.
    func abortUpload(bucket: String, id: String) async throws -> [UploadedPart]

    // MARK: Housekeeping

    /// Every blob referred to by an object or a part (used by the start-up sweep).
    func referencedBlobIDs() async throws -> Set<String>
}
