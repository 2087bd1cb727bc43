import Foundation
import OSSModel

/// What kind of access an operation needs, for the ACL step of evaluation.
public enum AccessKind: Sendable, Equatable {
    /// Read an object's data or metadata (GetObject, HeadObject, GetObjectMeta, GetSymlink,
    /// the source of a copy).
    case objectRead
    /// Create, replace or delete an object (PutObject, PutSymlink, DeleteObject, multipart,
    /// the destination of a copy).
    case objectWrite
    /// List a bucket's objects.
    case bucketList
    /// Bucket management, ACL and tagging operations: owner or policy only.
    case ownerOnly
    /// Service-level operations (ListBuckets): owner or policy only.
    case service
}

/// The one access decision every operation uses, in OSS's order: the root account may do
/// everything; an STS session policy must allow; an explicit Deny in a RAM or bucket policy
/// denies; an Allow in either allows; otherwise management operations are denied and data
/// operations fall through to the canned ACLs (an object ACL other than `default` decides,
/// else the bucket ACL).
public struct AccessService: Sendable {
    public init() {}

    /// Throws `403 AccessDenied` (with a message saying which rule denied) unless
    /// `principal` may make `request`.
    public func authorize(
        _ principal: Principal, _ kind: AccessKind, _ request: AccessRequest, bucket: BucketRecord?,
        objectACL: ObjectACL? = nil
    ) throws(OSSError) {
        var allowed = false
        var callerID: String?
        switch principal {
        case .root: return
        case .anonymous: break
        case .user(let user):
            callerID = user.userID
            if let session = user.sessionPolicy, PolicyEvaluator.evaluate(session, request) != .allow {
                throw OSSError.accessDenied("The session policy does not allow this request.")
            }
            for policy in user.policies {
                switch PolicyEvaluator.evaluate(policy, request) {
                case .deny: throw OSSError.accessDenied("Access denied by RAM policy.")
                case .allow: allowed = true
                case .none: break
                }
            }
        }
        if let text = bucket?.policy, let policy = PolicyCache.shared.document(text) {
            switch PolicyEvaluator.evaluate(policy, request, bucketPolicyPrincipal: .some(callerID)) {
            case .deny: throw OSSError.accessDenied("Access denied by bucket policy.")
            case .allow: allowed = true
            case .none: break
            }
        }
        if allowed { return }
        try authorizeByACL(principal, kind, bucket: bucket, objectACL: objectACL)
    }

    private func authorizeByACL(
        _ principal: Principal, _ kind: AccessKind, bucket: BucketRecord?, objectACL: ObjectACL?
    )
        throws(OSSError)
    {
        let aclDenied = OSSError.accessDenied("You have no right to access this object because of bucket acl.")
        switch kind {
        case .service, .ownerOnly:
            if principal == .anonymous {
                throw OSSError.accessDenied("Anonymous access is forbidden for this operation.")
            }
            throw OSSError.accessDenied("You are not allowed to perform this operation: no policy allows it.")
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
