import Foundation

/// A user of the account (RAM user).
public struct UserRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var created: Date
    public init(id: String, name: String, created: Date) {
        self.id = id
        self.name = name
        self.created = created
    }
}

/// An access key pair's public part; the secret is held encrypted by the store.
public struct AccessKeyRecord: Sendable, Equatable {
    public var id: String
    public var userID: String
    public var isActive: Bool
    public var created: Date
    /// For STS credentials: when they stop working, their token, and their session policy.
    public var expires: Date?
    public var securityToken: String?
    public var sessionPolicy: String?

    public init(
        id: String, userID: String, isActive: Bool, created: Date, expires: Date? = nil, securityToken: String? = nil,
        sessionPolicy: String? = nil
    ) {
        self.id = id
        self.userID = userID
        self.isActive = isActive
        self.created = created
        self.expires = expires
        self.securityToken = securityToken
        self.sessionPolicy = sessionPolicy
    }
}

/// A named policy attached to a user.
public struct AttachedPolicy: Sendable, Equatable {
    public var name: String
    public var document: String
    public init(name: String, document: String) {
        self.name = name
        self.document = document
    }
}

/// The identity port: users, their access keys (long-lived and STS) and attached policies.
/// Secrets arrive and leave encrypted (``SecretBox`` seals them); the store never sees
/// them in clear. Methods throw `OSSError` for the failures named, any other error for a
/// storage failure.
public protocol IdentityStore: Sendable {
    /// Creates a user. Throws `409 UserAlreadyExists`.
    func createUser(_ user: UserRecord) async throws
    func user(named name: String) async throws -> UserRecord?
    func user(id: String) async throws -> UserRecord?
    func users() async throws -> [UserRecord]
    /// Deletes a user with its keys and policies. Throws `404 NoSuchUser`.
    func deleteUser(named name: String) async throws
    /// Stores a key with its sealed secret. Throws `404 NoSuchUser`.
    func createAccessKey(_ key: AccessKeyRecord, sealedSecret: [UInt8]) async throws
    /// The key and its sealed secret, or nil.
    func accessKey(id: String) async throws -> (record: AccessKeyRecord, sealedSecret: [UInt8])?
    func accessKeys(userID: String) async throws -> [AccessKeyRecord]
    /// Throws `404 NoSuchAccessKey`.
    func setAccessKeyActive(id: String, active: Bool) async throws
    /// Throws `404 NoSuchAccessKey`.
    func deleteAccessKey(id: String) async throws
    /// Attaches (or replaces) a named policy. Throws `404 NoSuchUser`.
    func attachPolicy(userID: String, policy: AttachedPolicy) async throws
    /// Throws `404 NoSuchPolicy`.
    func detachPolicy(userID: String, name: String) async throws
    func policies(userID: String) async throws -> [AttachedPolicy]
}
