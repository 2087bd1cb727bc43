import Foundation

/// A bucket, as the metadata store keeps it.
public struct BucketRecord: Sendable, Equatable {
    public var name: String
    public var creationDate: Date
    public var acl: BucketACL
    public var storageClass: StorageClass
    /// `LRS` or `ZRS`.
    public var dataRedundancyType: String
    /// The region id without the `oss-` prefix, e.g. `cn-hangzhou`.
    public var region: String
    public var ownerID: String
    /// The bucket policy document, verbatim, if one is set.
    public var policy: String?

    public init(
        name: String, creationDate: Date, acl: BucketACL, storageClass: StorageClass,
        dataRedundancyType: String, region: String, ownerID: String, policy: String? = nil
    ) {
        self.name = name
        self.creationDate = creationDate
        self.acl = acl
        self.storageClass = storageClass
        self.dataRedundancyType = dataRedundancyType
        self.region = region
        self.ownerID = ownerID
        self.policy = policy
    }
}
