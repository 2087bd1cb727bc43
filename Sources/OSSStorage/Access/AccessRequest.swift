import Foundation
import OSSModel

/// What is being asked, in the terms policies speak: an action on a resource, with the
/// values condition keys test.
public struct AccessRequest: Sendable {
    /// The RAM action, e.g. `oss:GetObject`.
    public var action: String
    /// nil for service-level requests (ListBuckets).
    public var bucket: String?
    /// nil for bucket-level requests.
    public var key: String?
    /// Condition keys (`acs:SourceIp`, `oss:Prefix`, `oss:ExistingObjectTag/<k>`...) and
    /// their values for this request.
    public var context: [String: [String]]

    public init(action: String, bucket: String?, key: String?, context: [String: [String]] = [:]) {
        self.action = action
        self.bucket = bucket
        self.key = key
        self.context = context
    }

    /// The resource name policies match: `acs:oss:*:<account>:<bucket>[/<key>]`.
    public var resource: String {
        guard let bucket else { return "acs:oss:*:\(Principal.rootAccountID):*" }
        guard let key else { return "acs:oss:*:\(Principal.rootAccountID):\(bucket)" }
        return "acs:oss:*:\(Principal.rootAccountID):\(bucket)/\(key)"
    }
}
