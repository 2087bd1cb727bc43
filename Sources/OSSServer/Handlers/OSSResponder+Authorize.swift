import Foundation
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    /// Authorizes `call` for `kind` access to `key` (nil: the bucket itself) through the
    /// one access decision (``AccessService``), with the request's condition values.
    /// - Parameters:
    ///   - action: the RAM action; default the operation's own.
    ///   - existing: the object as stored, for `oss:ExistingObjectTag/<k>` conditions.
    func authorize(
        _ call: OSSCall, _ kind: AccessKind, bucket: BucketRecord?, key: String?, objectACL: ObjectACL? = nil,
        action: String? = nil, existing: ObjectRecord? = nil
    ) throws(OSSError) {
        if case .root = call.principal { return }
        var context: [String: [String]] = [
            "acs:CurrentTime": [ISO8601Millis.format(Date())],
            "acs:SecureTransport": ["false"],
        ]
        if let ip = call.sourceIP { context["acs:SourceIp"] = [ip] }
        if case .user(let user) = call.principal { context["acs:AccessId"] = [user.accessKeyId] }
        if let agent = call.header("user-agent") { context["acs:UserAgent"] = [agent] }
        if kind == .bucketList {
            context["oss:Prefix"] = [call.query["prefix"] ?? ""]
            if let delimiter = call.query["delimiter"] { context["oss:Delimiter"] = [delimiter] }
        }
        for tag in existing?.tags.tags ?? [] { context["oss:ExistingObjectTag/" + tag.key] = [tag.value] }
        if let requested = try? call.taggingHeader() {
            for tag in requested.tags { context["oss:RequestObjectTag/" + tag.key] = [tag.value] }
        }
        let request = AccessRequest(
            action: action ?? call.operation.action, bucket: bucket?.name ?? call.target.bucket, key: key,
            context: context)
        try access.authorize(call.principal, kind, request, bucket: bucket, objectACL: objectACL)
    }
}
