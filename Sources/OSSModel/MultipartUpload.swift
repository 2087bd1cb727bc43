import Foundation

/// A multipart upload in progress: the settings its object will get on completion.
public struct MultipartUpload: Sendable, Equatable {
    public var id: String
    public var bucket: String
    public var key: String
    public var initiated: Date
    public var metadata: ObjectMetadata
    public var acl: ObjectACL
    public var storageClass: StorageClass
    public var tags: ObjectTags
    /// `x-oss-forbid-overwrite` from the initiate request, checked at completion.
    public var forbidOverwrite: Bool
    public var ownerID: String

    public init(
        id: String, bucket: String, key: String, initiated: Date, metadata: ObjectMetadata, acl: ObjectACL,
        storageClass: StorageClass, tags: ObjectTags, forbidOverwrite: Bool, ownerID: String
    ) {
        self.id = id
        self.bucket = bucket
        self.key = key
        self.initiated = initiated
        self.metadata = metadata
        self.acl = acl
        self.storageClass = storageClass
        self.tags = tags
        self.forbidOverwrite = forbidOverwrite
        self.ownerID = ownerID
    }
}

/// One uploaded part: its bytes live in one blob.
public struct UploadedPart: Sendable, Equatable {
    public var uploadID: String
    public var number: Int
    public var blobID: String
    public var size: Int64
    /// Upper-case MD5 hex, without quotes.
    public var etag: String
    public var crc64: UInt64
    public var lastModified: Date

    public init(
        uploadID: String, number: Int, blobID: String, size: Int64, etag: String, crc64: UInt64, lastModified: Date
    ) {
        self.uploadID = uploadID
        self.number = number
        self.blobID = blobID
        self.size = size
        self.etag = etag
        self.crc64 = crc64
        self.lastModified = lastModified
    }
}

/// A request for one page of ListMultipartUploads.
public struct UploadListQuery: Sendable, Equatable {
    public var prefix: String
    public var delimiter: String?
    public var keyMarker: String?
    public var uploadIDMarker: String?
    public var maxUploads: Int

    public init(
        prefix: String = "", delimiter: String? = nil, keyMarker: String? = nil, uploadIDMarker: String? = nil,
        maxUploads: Int = 1000
    ) {
        self.prefix = prefix
        self.delimiter = (delimiter?.isEmpty ?? true) ? nil : delimiter
        self.keyMarker = (keyMarker?.isEmpty ?? true) ? nil : keyMarker
        self.uploadIDMarker = (uploadIDMarker?.isEmpty ?? true) ? nil : uploadIDMarker
        self.maxUploads = maxUploads
    }
}

/// One page of ListMultipartUploads.
public struct UploadListPage: Sendable, Equatable {
    public var uploads: [MultipartUpload]
    public var commonPrefixes: [String]
    public var isTruncated: Bool
    public var nextKeyMarker: String?
    public var nextUploadIDMarker: String?

    public init(
        uploads: [MultipartUpload], commonPrefixes: [String], isTruncated: Bool, nextKeyMarker: String?,
        nextUploadIDMarker: String?
    ) {
        self.uploads = uploads
        self.commonPrefixes = commonPrefixes
        self.isTruncated = isTruncated
        self.nextKeyMarker = nextKeyMarker
        self.nextUploadIDMarker = nextUploadIDMarker
    }
}
