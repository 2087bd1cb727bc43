import Foundation
import OSSModel

/// Credentials issued by ``IdentityService``: the secret is shown once, here.
public struct IssuedCredentials: Sendable, Equatable {
    public var accessKeyId: String
    public var accessKeySecret: String
    public var securityToken: String?
    public var expiration: Date?
}

/// Users, access keys, attached policies and STS credentials, and the lookup that turns
/// a signed request's access key into a principal.
public struct IdentityService: Sendable {
    public let store: any IdentityStore
    let box: SecretBox
    let now: @Sendable () -> Date

    public init(store: any IdentityStore, box: SecretBox, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.box = box
        self.now = now
    }

    public func createUser(name: String) async throws -> UserRecord {
        guard !name.isEmpty, name.utf8.count <= 64,
            name.unicodeScalars.allSatisfy({
                CharacterSet.alphanumerics.contains($0) || "-_.@".unicodeScalars.contains($0)
            })
        else {
            throw OSSError.invalidArgument(
                "A user name is 1-64 letters, digits, '-', '_', '.' or '@'.", name: "UserName", value: name)
        }
        let user = UserRecord(id: Self.digits(16, first: "2"), name: name, created: now())
        try await store.createUser(user)
        return user
    }

    public func user(named name: String) async throws -> UserRecord {
        guard let user = try await store.user(named: name) else { throw OSSError.noSuchUser(name) }
        return user
    }

    /// Issues a long-lived key pair for `userName`.
    public func createKey(userName: String) async throws -> IssuedCredentials {
        let user = try await user(named: userName)
        let id = "LTAI" + Self.token(20, alphabet: Self.upper)
        let secret = Self.token(30, alphabet: Self.mixed)
        try await store.createAccessKey(
            AccessKeyRecord(id: id, userID: user.id, isActive: true, created: now()), sealedSecret: try box.seal(secret)
        )
        return IssuedCredentials(accessKeyId: id, accessKeySecret: secret)
    }

    /// Validates and attaches a policy document to `userName` under `policyName`.
    public func attachPolicy(userName: String, policyName: String, document: String) async throws {
        _ = try PolicyDocument(document)
        let user = try await user(named: userName)
        try await store.attachPolicy(userID: user.id, policy: AttachedPolicy(name: policyName, document: document))
    }

    /// Issues STS credentials acting as `userName` for `seconds` (or until `expiresAt`),
    /// narrowed by `sessionPolicy` when given.
    public func assume(userName: String, seconds: Int, sessionPolicy: String?, expiresAt: Date? = nil) async throws
        -> IssuedCredentials
    {
        if let sessionPolicy { _ = try PolicyDocument(sessionPolicy) }
        guard (1...43_200).contains(seconds) else {
            throw OSSError.invalidArgument("DurationSeconds must be between 1 and 43200.", name: "DurationSeconds")
        }
        let user = try await user(named: userName)
        let id = "STS." + Self.token(24, alphabet: Self.mixed)
        let secret = Self.token(40, alphabet: Self.mixed)
        let token = "CAIS" + Self.token(96, alphabet: Self.mixed)
        let expiry = expiresAt ?? now().addingTimeInterval(TimeInterval(seconds))
        try await store.createAccessKey(
            AccessKeyRecord(
                id: id, userID: user.id, isActive: true, created: now(), expires: expiry, securityToken: token,
                sessionPolicy: sessionPolicy),
            sealedSecret: try box.seal(secret))
        return IssuedCredentials(accessKeyId: id, accessKeySecret: secret, securityToken: token, expiration: expiry)
    }

    /// The secret and principal for `accessKeyId`, or nil when no such key exists.
    /// Throws `InvalidAccessKeyId` for a disabled key, `InvalidSecurityToken` when an STS
    /// key comes without its token (or a long-lived key with one), `SecurityTokenExpired`.
    public func resolve(accessKeyId: String, securityToken: String?) async throws -> (
        secret: String, principal: Principal
    )? {
        guard let (record, sealed) = try await store.accessKey(id: accessKeyId) else { return nil }
        guard record.isActive else {
            throw OSSError(
                code: "InvalidAccessKeyId", status: 403, message: "The OSS Access Key Id you provided is disabled.")
        }
        if let expected = record.securityToken {
            guard let securityToken, securityToken == expected else { throw OSSError.invalidSecurityToken }
            if let expires = record.expires, now() >= expires { throw OSSError.securityTokenExpired }
        } else if securityToken != nil {
            throw OSSError.invalidSecurityToken
        }
        var policies: [PolicyDocument] = []
        for attached in try await store.policies(userID: record.userID) {
            if let parsed = PolicyCache.shared.document(attached.document) { policies.append(parsed) }
        }
        let session = try record.sessionPolicy.map { try PolicyDocument($0) }
        let principal = Principal.user(
            UserPrincipal(userID: record.userID, accessKeyId: record.id, policies: policies, sessionPolicy: session))
        return (try box.open(sealed), principal)
    }

    static let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    static let mixed = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    static func token(_ count: Int, alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func digits(_ count: Int, first: Character) -> String {
        String(first) + token(count - 1, alphabet: Array("0123456789"))
    }
}
