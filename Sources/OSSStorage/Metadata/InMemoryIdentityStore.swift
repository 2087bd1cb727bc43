import OSSModel

/// The reference `IdentityStore`: everything in memory.
public actor InMemoryIdentityStore: IdentityStore {
    private var usersByID: [String: UserRecord] = [:]
    private var keys: [String: (record: AccessKeyRecord, sealedSecret: [UInt8])] = [:]
    private var attached: [String: [String: String]] = [:]

    public init() {}

    public func createUser(_ user: UserRecord) async throws {
        guard !usersByID.values.contains(where: { $0.name == user.name }) else { throw OSSError.userAlreadyExists }
        usersByID[user.id] = user
    }

    public func user(named name: String) async throws -> UserRecord? { usersByID.values.first { $0.name == name } }
    public func user(id: String) async throws -> UserRecord? { usersByID[id] }
    public func users() async throws -> [UserRecord] { usersByID.values.sorted { $0.name < $1.name } }

    public func deleteUser(named name: String) async throws {
        guard let user = usersByID.values.first(where: { $0.name == name }) else { throw OSSError.noSuchUser(name) }
        usersByID[user.id] = nil
        keys = keys.filter { $0.value.record.userID != user.id }
        attached[user.id] = nil
    }

    public func createAccessKey(_ key: AccessKeyRecord, sealedSecret: [UInt8]) async throws {
        guard usersByID[key.userID] != nil else { throw OSSError.noSuchUser(key.userID) }
        keys[key.id] = (key, sealedSecret)
    }

    public func accessKey(id: String) async throws -> (record: AccessKeyRecord, sealedSecret: [UInt8])? { keys[id] }

    public func accessKeys(userID: String) async throws -> [AccessKeyRecord] {
        keys.values.map(\.record).filter { $0.userID == userID }.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
    }

    public func setAccessKeyActive(id: String, active: Bool) async throws {
        guard keys[id] != nil else { throw OSSError.noSuchAccessKey }
        keys[id]?.record.isActive = active
    }

    public func deleteAccessKey(id: String) async throws {
        guard keys.removeValue(forKey: id) != nil else { throw OSSError.noSuchAccessKey }
    }

    public func attachPolicy(userID: String, policy: AttachedPolicy) async throws {
        guard usersByID[userID] != nil else { throw OSSError.noSuchUser(userID) }
        attached[userID, default: [:]][policy.name] = policy.document
    }

    public func detachPolicy(userID: String, name: String) async throws {
        guard attached[userID]?.removeValue(forKey: name) != nil else { throw OSSError.noSuchPolicy }
    }

    public func policies(userID: String) async throws -> [AttachedPolicy] {
        (attached[userID] ?? [:]).map { AttachedPolicy(name: $0.key, document: $0.value) }.sorted { $0.name < $1.name }
    }
}
