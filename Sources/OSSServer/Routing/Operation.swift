import OSSModel
import OSSWire

/// One OSS API, picked from the method, whether a bucket and key are named, and the
/// sub-resources in the query. Each case names the RAM action it needs.
enum Operation: String, Sendable, CaseIterable {
    case listBuckets = "ListBuckets"
    case putBucket = "PutBucket"
    case deleteBucket = "DeleteBucket"
    case getBucketInfo = "GetBucketInfo"
    case getBucketLocation = "GetBucketLocation"
    case putBucketAcl = "PutBucketAcl"
    case getBucketAcl = "GetBucketAcl"
    case listObjects = "ListObjects"
    case listObjectsV2 = "ListObjectsV2"
    case deleteMultipleObjects = "DeleteMultipleObjects"
    case putObject = "PutObject"
    case copyObject = "CopyObject"
    case getObject = "GetObject"
    case headObject = "HeadObject"
    case getObjectMeta = "GetObjectMeta"
    case deleteObject = "DeleteObject"
    case putObjectAcl = "PutObjectACL"
    case getObjectAcl = "GetObjectACL"
    case putObjectTagging = "PutObjectTagging"
    case getObjectTagging = "GetObjectTagging"
    case deleteObjectTagging = "DeleteObjectTagging"
    case putSymlink = "PutSymlink"
    case getSymlink = "GetSymlink"
    case appendObject = "AppendObject"
    case initiateMultipartUpload = "InitiateMultipartUpload"
    case uploadPart = "UploadPart"
    case uploadPartCopy = "UploadPartCopy"
    case completeMultipartUpload = "CompleteMultipartUpload"
    case abortMultipartUpload = "AbortMultipartUpload"
    case listParts = "ListParts"
    case listMultipartUploads = "ListMultipartUploads"
    case restoreObject = "RestoreObject"
    case putBucketPolicy = "PutBucketPolicy"
    case getBucketPolicy = "GetBucketPolicy"
    case deleteBucketPolicy = "DeleteBucketPolicy"
    /// The ossd admin API (`/-/admin/...`): users, keys, policies, STS. Root only.
    case admin = "Admin"
    /// A recognised OSS API this server does not implement yet.
    case unsupported = "Unsupported"

    /// The RAM action (`oss:...`) the operation is authorized against.
    var action: String {
        switch self {
        case .listBuckets: return "oss:ListBuckets"
        case .putBucket: return "oss:PutBucket"
        case .deleteBucket: return "oss:DeleteBucket"
        case .getBucketInfo: return "oss:GetBucketInfo"
        case .getBucketLocation: return "oss:GetBucketLocation"
        case .putBucketAcl: return "oss:PutBucketAcl"
        case .getBucketAcl: return "oss:GetBucketAcl"
        case .listObjects, .listObjectsV2: return "oss:ListObjects"
        case .deleteMultipleObjects, .deleteObject: return "oss:DeleteObject"
        case .putObject, .copyObject, .putSymlink, .appendObject, .initiateMultipartUpload, .uploadPart,
            .uploadPartCopy, .completeMultipartUpload:
            return "oss:PutObject"
        case .abortMultipartUpload: return "oss:AbortMultipartUpload"
        case .listParts: return "oss:ListParts"
        case .listMultipartUploads: return "oss:ListMultipartUploads"
        case .restoreObject: return "oss:RestoreObject"
        case .putBucketPolicy: return "oss:PutBucketPolicy"
        case .getBucketPolicy: return "oss:GetBucketPolicy"
        case .deleteBucketPolicy: return "oss:DeleteBucketPolicy"
        case .admin: return "ossd:Admin"
        case .getObject, .headObject, .getObjectMeta, .getSymlink: return "oss:GetObject"
        case .putObjectAcl: return "oss:PutObjectAcl"
        case .getObjectAcl: return "oss:GetObjectAcl"
        case .putObjectTagging: return "oss:PutObjectTagging"
        case .getObjectTagging: return "oss:GetObjectTagging"
        case .deleteObjectTagging: return "oss:DeleteObjectTagging"
        case .unsupported: return "oss:*"
        }
    }

    /// Picks the operation. Throws `405 MethodNotAllowed` for a method the resource has no API for.
    static func route(method: String, target: RequestTarget, query: RawQuery, hasCopySource: Bool)
        throws(OSSError) -> Operation
    {
        guard let bucket = target.bucket else {
            if method == "GET" { return .listBuckets }
            throw OSSError.methodNotAllowed
        }
        if bucket == AdminAPI.bucketMarker { return .admin }
        if target.key == nil { return try bucketOperation(method: method, query: query) }
        return try objectOperation(method: method, query: query, hasCopySource: hasCopySource)
    }

    private static let unsupportedBucketResources = [
        "versioning", "versions", "lifecycle", "cors", "logging", "website", "referer",
        "encryption", "tagging", "worm", "replication", "inventory", "requestPayment", "stat",
    ]

    private static func bucketOperation(method: String, query: RawQuery) throws(OSSError) -> Operation {
        switch method {
        case "PUT":
            if query.has("acl") { return .putBucketAcl }
            if query.has("policy") { return .putBucketPolicy }
            if unsupportedBucketResources.contains(where: query.has) { return .unsupported }
            return .putBucket
        case "GET":
            if query.has("acl") { return .getBucketAcl }
            if query.has("policy") { return .getBucketPolicy }
            if query.has("location") { return .getBucketLocation }
            if query.has("uploads") { return .listMultipartUploads }
            if query.has("bucketInfo") { return .getBucketInfo }
            if unsupportedBucketResources.contains(where: query.has) { return .unsupported }
            if query["list-type"] == "2" { return .listObjectsV2 }
            return .listObjects
        case "DELETE":
            if query.has("policy") { return .deleteBucketPolicy }
            if unsupportedBucketResources.contains(where: query.has) { return .unsupported }
            return .deleteBucket
        case "POST":
            if query.has("delete") { return .deleteMultipleObjects }
            return .unsupported
        default:
            throw OSSError.methodNotAllowed
        }
    }

    private static func objectOperation(method: String, query: RawQuery, hasCopySource: Bool) throws(OSSError)
        -> Operation
    {
        switch method {
        case "PUT":
            if query.has("symlink") { return .putSymlink }
            if query.has("acl") { return .putObjectAcl }
            if query.has("tagging") { return .putObjectTagging }
            if query.has("uploadId") || query.has("partNumber") {
                return hasCopySource ? .uploadPartCopy : .uploadPart
            }
            return hasCopySource ? .copyObject : .putObject
        case "GET":
            if query.has("symlink") { return .getSymlink }
            if query.has("acl") { return .getObjectAcl }
            if query.has("tagging") { return .getObjectTagging }
            if query.has("objectMeta") { return .getObjectMeta }
            if query.has("uploadId") { return .listParts }
            return .getObject
        case "HEAD":
            return query.has("objectMeta") ? .getObjectMeta : .headObject
        case "DELETE":
            if query.has("tagging") { return .deleteObjectTagging }
            if query.has("uploadId") { return .abortMultipartUpload }
            return .deleteObject
        case "POST":
            if query.has("append") { return .appendObject }
            if query.has("uploads") { return .initiateMultipartUpload }
            if query.has("uploadId") { return .completeMultipartUpload }
            if query.has("restore") { return .restoreObject }
            return .unsupported
        default:
            throw OSSError.methodNotAllowed
        }
    }
}
