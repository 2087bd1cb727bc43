import OSSModel

/// What kind of access an operation needs, for ACL evaluation.
public enum AccessKind: Sendable, Equatable {
    /// Read an object's data or metadata (GetObject, HeadObject, GetObjectMeta, GetSymlink,
    /// the source of a copy).
    case objectRead
    /// Create, replace or delete an object (PutObject, PutSymlink, DeleteObject, the
    /// destination of a copy).
    case objectWrite
    /// List a bucket's objects.
    case bucketList
    /// Bucket management, ACL and tagging operations: the owner only.
    case ownerOnly
    /// Service-level operations (ListBuckets): signed requests only.
    case service
}

/// The one access decision used by every operation. Today: the root account may do
/// everything; anonymous callers get what the canned ACLs allow (an object ACL other than
/// `default` decides, else the bucket ACL), as OSS evaluates ACLs after policies.
public struct AccessService: Sendable {
    public init() {}

    /// Throws `403 AccessDenied` (with OSS's wording) when `principal` may not have `kind`
    /// access to `object` (nil: the bucket itself, or a key with no object yet) in `bucket`.
    public func authorize(
        _ principal: Principal, _ kind: AccessKind, bucket: BucketRecord?, objectACL: ObjectACL? = nil
    ) throws(OSSError) {
        if case .root = principal { return }
        let aclDenied = OSSError.accessDenied("You have no right to access this object because of bucket acl.")
        switch kind {
        case .service, .ownerOnly:
            throw OSSError.accessDenied("Anonymous access is forbidden for this operation.")
        case .bucketList:
            guard let bucket, bucket.acl.allowsPublicRead else { throw aclDenied }
        case .objectRead:
            guard let bucket, (objectACL ?? .default).effective(in: bucket.acl).allowsPublicRead else {
                throw aclDenied
            }
        case .objectWrite:
            guard let bucket, (objectACL ?? .default).effective(in: bucket.acl).allowsPublicWrite else {
                throw aclDenied
            }
        }
    }
}
