import Foundation

/// Where an object's bytes live.
public enum ObjectBody: Sendable, Equatable {
    /// No bytes (an empty object or a symlink).
    case empty
    /// Small objects: the bytes live in the metadata row itself.
    case inline([UInt8])
    /// Larger objects: the bytes live in the blob store under this identifier.
    case blob(String)
    /// Multipart and grown appendable objects: the bytes are these blobs, in order. Parts
    /// become segments without their bytes being copied.
    case segments([BlobSegment])

    /// The blob identifier, when the bytes live in one blob.
    public var blobID: String? {
        if case .blob(let id) = self { return id }
        return nil
    }

    /// Every blob the body refers to.
    public var blobIDs: [String] {
        switch self {
        case .empty, .inline: return []
        case .blob(let id): return [id]
        case .segments(let segments): return segments.map(\.id)
        }
    }
}

/// One blob of a segmented body.
public struct BlobSegment: Sendable, Equatable {
    public var id: String
    public var size: Int64
    public init(id: String, size: Int64) {
        self.id = id
        self.size = size
    }
}

/// The restore state of an Archive-class object. The state follows from the clock: the
/// restored copy is readable from `readyAt` until `expiresAt`.
public struct RestoreState: Sendable, Equatable {
    public var readyAt: Date
    public var expiresAt: Date
    public init(readyAt: Date, expiresAt: Date) {
        self.readyAt = readyAt
        self.expiresAt = expiresAt
    }

    public func isOngoing(at now: Date) -> Bool { now < readyAt }
    public func isRestored(at now: Date) -> Bool { now >= readyAt && now < expiresAt }
}

/// One object entry, as the metadata store keeps it: a normal object, an appendable or
/// multipart object, or a symbolic link.
public struct ObjectRecord: Sendable, Equatable {
    public var bucket: String
    public var key: String
    public var kind: ObjectKind
    /// Length of the object's data in bytes (for a symlink: the byte length of its target).
    public var size: Int64
    /// The ETag without quotes: upper-case MD5 hex, or `<hex>-<parts>` for multipart objects.
    public var etag: String
    /// Base64 MD5 of the data, for objects whose ETag is their MD5.
    public var contentMD5: String?
    /// CRC-64/XZ of the data.
    public var crc64: UInt64?
    public var lastModified: Date
    public var storageClass: StorageClass
    public var acl: ObjectACL
    public var metadata: ObjectMetadata
    public var tags: ObjectTags
    /// For symlinks: the decoded target key in the same bucket.
    public var symlinkTarget: String?
    public var body: ObjectBody
    /// Identifier of the account that owns the object.
    public var ownerID: String
    /// For Archive-class objects: the latest restore, if any.
    public var restore: RestoreState?

    public init(
        bucket: String, key: String, kind: ObjectKind, size: Int64, etag: String, contentMD5: String?,
        crc64: UInt64?, lastModified: Date, storageClass: StorageClass, acl: ObjectACL,
        metadata: ObjectMetadata, tags: ObjectTags, symlinkTarget: String?, body: ObjectBody, ownerID: String,
        restore: RestoreState? = nil
    ) {
        self.bucket = bucket
        self.key = key
        self.kind = kind
        self.size = size
        self.etag = etag
        self.contentMD5 = contentMD5
        self.crc64 = crc64
        self.lastModified = lastModified
        self.storageClass = storageClass
        self.acl = acl
        self.metadata = metadata
        self.tags = tags
        self.symlinkTarget = symlinkTarget
        self.body = body
        self.ownerID = ownerID
        self.restore = restore
    }

    /// Whether the data may be read at `now`: always, unless the class needs a restore
    /// and no restored copy is available.
    public func isReadable(at now: Date) -> Bool {
        guard storageClass.needsRestore else { return true }
        return restore?.isRestored(at: now) ?? false
    }

    /// The listing view of this record.
    public var summary: ObjectSummary {
        ObjectSummary(
            key: key, kind: kind, size: size, etag: etag, lastModified: lastModified,
            storageClass: storageClass, ownerID: ownerID)
    }
}

/// What a listing shows of an object (never its metadata or bytes).
public struct ObjectSummary: Sendable, Equatable {
    public var key: String
    public var kind: ObjectKind
    public var size: Int64
    public var etag: String
    public var lastModified: Date
    public var storageClass: StorageClass
    public var ownerID: String

    public init(
        key: String, kind: ObjectKind, size: Int64, etag: String, lastModified: Date,
        storageClass: StorageClass, ownerID: String
    ) {
        self.key = key
        self.kind = kind
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
        self.storageClass = storageClass
        self.ownerID = ownerID
    }
}
