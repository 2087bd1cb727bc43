/// A bucket's canned ACL (`x-oss-acl`).
public enum BucketACL: String, Sendable, CaseIterable {
    case `private` = "private"
    case publicRead = "public-read"
    case publicReadWrite = "public-read-write"

    /// Parses a wire value; throws `400 InvalidArgument` naming `x-oss-acl` otherwise.
    public static func parse(_ value: String) throws(OSSError) -> BucketACL {
        guard let acl = BucketACL(rawValue: value) else {
            throw OSSError.invalidArgument("no such bucket access control exists", name: "x-oss-acl", value: value)
        }
        return acl
    }

    /// Whether anyone may read objects that inherit this ACL.
    public var allowsPublicRead: Bool { self != .private }
    /// Whether anyone may write objects under this ACL.
    public var allowsPublicWrite: Bool { self == .publicReadWrite }
}

/// An object's canned ACL (`x-oss-object-acl`); `default` inherits the bucket's.
public enum ObjectACL: String, Sendable, CaseIterable {
    case `default` = "default"
    case `private` = "private"
    case publicRead = "public-read"
    case publicReadWrite = "public-read-write"

    /// Parses a wire value; throws `400 InvalidArgument` naming `x-oss-object-acl` otherwise.
    public static func parse(_ value: String) throws(OSSError) -> ObjectACL {
        guard let acl = ObjectACL(rawValue: value) else {
            throw OSSError.invalidArgument(
                "no such object access control exists", name: "x-oss-object-acl", value: value)
        }
        return acl
    }

    /// The ACL in force for an object with this ACL in a bucket with `bucket`.
    public func effective(in bucket: BucketACL) -> BucketACL {
        switch self {
        case .default: return bucket
        case .private: return .private
        case .publicRead: return .publicRead
        case .publicReadWrite: return .publicReadWrite
        }
    }
}
