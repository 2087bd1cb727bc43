/// An access key pair with an optional STS security token.
public struct OSSCredentials: Sendable, Equatable {
    public var accessKeyId: String
    public var accessKeySecret: String
    /// Sent as `x-oss-security-token` (or `security-token` in V1 URLs) when present.
    public var securityToken: String?

    public init(accessKeyId: String, accessKeySecret: String, securityToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken
    }
}
