/// Who is making a request, once its signature has been checked.
public enum Principal: Sendable, Equatable {
    /// No signature: only what ACLs and `*` bucket-policy statements allow.
    case anonymous
    /// The root account: every permission.
    case root(accessKeyId: String)
    /// A user of the account (or an STS session of one): what policies and ACLs allow.
    case user(UserPrincipal)

    /// The account id owning what this principal creates.
    public var accountID: String? {
        switch self {
        case .anonymous: return nil
        case .root, .user: return Principal.rootAccountID
        }
    }

    /// The id of the root account, shown as `Owner/ID` on buckets and objects.
    public static let rootAccountID = "1000000000000000"
}

/// A signed-in user with the policies in force for this request.
public struct UserPrincipal: Sendable, Equatable {
    public var userID: String
    public var accessKeyId: String
    public var policies: [PolicyDocument]
    /// For STS sessions: the session policy, which must also allow.
    public var sessionPolicy: PolicyDocument?

    public init(userID: String, accessKeyId: String, policies: [PolicyDocument], sessionPolicy: PolicyDocument?) {
        self.userID = userID
        self.accessKeyId = accessKeyId
        self.policies = policies
        self.sessionPolicy = sessionPolicy
    }
}
