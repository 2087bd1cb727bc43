import Foundation
import OSSModel

/// Settings shared by the storage services.
public struct StorageConfiguration: Sendable {
    /// Objects up to this size live inline in their metadata row.
    public var inlineThreshold: Int
    /// The largest object a single PUT may create (OSS: 5 GB).
    public var maxObjectSize: Int64
    /// The region buckets are created in, without the `oss-` prefix.
    public var region: String
    /// How long a RestoreObject takes before the copy is readable (real OSS: about a minute
    /// for Archive; 0 in tests).
    public var restoreDelay: TimeInterval
    /// The clock; injectable for tests. OSS reports times with whole seconds (`.000Z`, and
    /// oss2 rejects anything else), so the default clock truncates to the second.
    public var now: @Sendable () -> Date

    public init(
        inlineThreshold: Int = 64 * 1024, maxObjectSize: Int64 = 5 * 1024 * 1024 * 1024,
        region: String = "cn-hangzhou", restoreDelay: TimeInterval = 3,
        now: @escaping @Sendable () -> Date = {
            Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        }
    ) {
        self.inlineThreshold = inlineThreshold
        self.maxObjectSize = maxObjectSize
        self.region = region
        self.restoreDelay = restoreDelay
        self.now = now
    }
}

/// The settings a write applies to the object it creates.
public struct WriteOptions: Sendable {
    public var metadata: ObjectMetadata
    public var acl: ObjectACL
    /// nil: the bucket's storage class.
    public var storageClass: StorageClass?
    public var tags: ObjectTags
    public var condition: WriteCondition

    public init(
        metadata: ObjectMetadata, acl: ObjectACL = .default, storageClass: StorageClass? = nil,
        tags: ObjectTags = .empty, condition: WriteCondition = .overwrite
    ) {
        self.metadata = metadata
        self.acl = acl
        self.storageClass = storageClass
        self.tags = tags
        self.condition = condition
    }
}
