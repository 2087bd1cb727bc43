/// Who is making a request, once its signature has been checked.
public enum Principal: Sendable, Equatable {
    /// No signature: only what ACLs (and, later, bucket policies) allow.
    case anonymous
    /// The root account: every permission.
    case root(accessKeyId: String)

    /// The account id owning what this principal creates.
    public var accountID: String? {
        switch self {
        case .anonymous: return nil
        case .root: return Principal.rootAccountID
        }
    }

    /// The id of the root account, shown as `Owner/ID` on buckets and objects.
    public static let rootAccountID = "1000000000000000"
}
