import Crypto
import Foundation
import OSSModel

/// Symbolic links: creation (no check of the target) and one-hop resolution within the
/// bucket. Authorization of the link and of the target is the caller's: it authorizes the
/// link before calling ``resolve(_:)`` and the returned target after.
public struct SymlinkService: Sendable {
    public let objects: ObjectService

    public init(objects: ObjectService) {
        self.objects = objects
    }

    /// Creates (or replaces) the link at `key` pointing at `target` in the same bucket.
    /// The target is not looked up: dangling links, links to links and self-links are all
    /// created. The link's ETag is the MD5 of the target key; its size is the target's
    /// byte length. Throws `NoSuchBucket`, `FileAlreadyExists` (with `.mustNotExist`).
    public func putSymlink(
        bucket: BucketRecord, key: ObjectKey, target: ObjectKey, options: WriteOptions, ownerID: String
    ) async throws -> ObjectRecord {
        let digest = Array(Insecure.MD5.hash(data: Array(target.value.utf8)))
        let record = ObjectRecord(
            bucket: bucket.name, key: key.value, kind: .symlink, size: Int64(target.value.utf8.count),
            etag: ObjectService.hexETag(digest), contentMD5: nil, crc64: nil,
            lastModified: objects.configuration.now(), storageClass: options.storageClass ?? bucket.storageClass,
            acl: options.acl, metadata: options.metadata, tags: options.tags, symlinkTarget: target.value,
            body: .empty, ownerID: ownerID)
        return try await objects.commit(record, condition: options.condition)
    }

    /// The link at `key`. Throws `NoSuchKey`, or `NotSymlink` for any other object.
    public func symlink(bucket: String, key: String) async throws -> ObjectRecord {
        let record = try await objects.object(bucket: bucket, key: key)
        guard record.kind == .symlink else { throw OSSError.notSymlink }
        return record
    }

    /// Follows `link` one hop to the target's current record.
    /// Throws `404 SymlinkTargetNotExist` when the target is missing, `400
    /// InvalidTargetType` when it is itself a link (including the link itself).
    public func resolve(_ link: ObjectRecord) async throws -> ObjectRecord {
        guard let targetKey = link.symlinkTarget else { throw OSSError.internalError }
        return try Self.readableTarget(try await objects.metadata.object(bucket: link.bucket, key: targetKey))
    }

    /// The record found at a link's target, if reading through the link may return it.
    /// Throws `404 SymlinkTargetNotExist` for nil, `400 InvalidTargetType` for a link.
    public static func readableTarget(_ target: ObjectRecord?) throws(OSSError) -> ObjectRecord {
        guard let target else { throw OSSError.symlinkTargetNotExist }
        guard target.kind != .symlink else { throw OSSError.invalidTargetType }
        return target
    }
}
