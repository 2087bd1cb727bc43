import Foundation
import OSSModel

/// The object store's use cases over the two ports: buckets, objects and their bytes.
///
/// Write path for data: bytes stream into an ``ObjectUpload`` (inline or temp file, hashed
/// in one pass); the blob, if any, is made durable (fsync, rename, fsync dir) before the
/// metadata commit; the replaced object's blob is released only after that commit.
public struct ObjectService: Sendable {
    public let metadata: any MetadataStore
    public let blobs: any BlobStore
    public let configuration: StorageConfiguration

    public init(metadata: any MetadataStore, blobs: any BlobStore, configuration: StorageConfiguration) {
        self.metadata = metadata
        self.blobs = blobs
        self.configuration = configuration
    }

    // MARK: Buckets

    /// Creates a bucket owned by `ownerID`. Re-creating one's own bucket succeeds and
    /// changes nothing; another owner's bucket of that name is `409 BucketAlreadyExists`.
    public func createBucket(
        _ name: BucketName, acl: BucketACL, storageClass: StorageClass, redundancy: String, ownerID: String
    ) async throws {
        let record = BucketRecord(
            name: name.value, creationDate: configuration.now(), acl: acl, storageClass: storageClass,
            dataRedundancyType: redundancy, region: configuration.region, ownerID: ownerID)
        if case .alreadyExists(let existing) = try await metadata.createBucket(record), existing.ownerID != ownerID {
            throw OSSError.bucketAlreadyExists
        }
    }

    /// The bucket named `name`; throws `404 NoSuchBucket`.
    public func bucket(_ name: String) async throws -> BucketRecord {
        guard let bucket = try await metadata.bucket(named: name) else { throw OSSError.noSuchBucket(name) }
        return bucket
    }

    /// Starts receiving an object's bytes.
    public func beginUpload(expectedLength: Int64?) throws -> ObjectUpload {
        try ObjectUpload(
            blobs: blobs, inlineThreshold: configuration.inlineThreshold,
            maxSize: configuration.maxObjectSize, expectedLength: expectedLength)
    }

    /// Removes temporary files and unreferenced blobs left by a crash. Run before serving.
    /// - Parameter grace: only files older than this many seconds (see ``BlobStore/sweep``);
    ///   0 for a single node.
    public func sweepOrphans(olderThan grace: Double = 0) async throws -> Int {
        let referenced = try await metadata.referencedBlobIDs()
        return try await blobs.sweep(olderThan: grace) { referenced.contains($0) }
    }

    /// Formats a 16-byte digest as OSS's upper-case hex ETag (without quotes).
    public static func hexETag(_ digest: [UInt8]) -> String {
        Hex.encode(digest, uppercase: true)
    }
}
