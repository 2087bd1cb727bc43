import Foundation
import GRDB
import OSSModel

extension SQLiteMetadataStore: IdentityStore {
    public func createUser(_ user: UserRecord) async throws {
        try await committer.write(touching: .nothing) { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [user.name]) != nil {
                throw OSSError.userAlreadyExists
            }
            try db.execute(
                sql: "INSERT INTO users (id, name, created_ms) VALUES (?, ?, ?)",
                arguments: [user.id, user.name, SQLiteRows.millis(user.created)])
        }
    }

    public func user(named name: String) async throws -> UserRecord? {
        try readSnapshot { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ?", arguments: [name]).map(Self.user)
        }
    }

    public func user(id: String) async throws -> UserRecord? {
        try readSnapshot { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user)
        }
    }

    public func users() async throws -> [UserRecord] {
        try readSnapshot { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY name").map(Self.user) }
    }

    public func deleteUser(named name: String) async throws {
        try await committer.write(touching: .nothing) { db in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM users WHERE name = ?", arguments: [name]) else {
                throw OSSError.noSuchUser(name)
            }
            try db.execute(sql: "DELETE FROM access_keys WHERE user_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM user_policies WHERE user_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id])
        }
    }

    public func createAccessKey(_ key: AccessKeyRecord, sealedSecret: [UInt8]) async throws {
        try await committer.write(touching: .nothing) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [key.userID]) != nil else {
                throw OSSError.noSuchUser(key.userID)
            }
            try db.execute(
                sql: """
                    INSERT INTO access_keys (id, user_id, active, created_ms, expires_ms, security_token, session_policy,
                        sealed_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key.id, key.userID, key.isActive, SQLiteRows.millis(key.created),
                    key.expires.map(SQLiteRows.millis),
                    key.securityToken, key.sessionPolicy, Data(sealedSecret),
                ])
        }
    }

    public func accessKey(id: String) async throws -> (record: AccessKeyRecord, sealedSecret: [UInt8])? {
        try readNow { db in
            let statement = try db.cachedStatement(sql: "SELECT * FROM access_keys WHERE id = ?")
            guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
            let sealed: Data = row["sealed_secret"]
            return (Self.key(row), [UInt8](sealed))
        }
    }

    public func accessKeys(userID: String) async throws -> [AccessKeyRecord] {
        try readSnapshot { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM access_keys WHERE user_id = ? ORDER BY created_ms, id", arguments: [userID]
            )
            .map(Self.key)
        }
    }

    public func setAccessKeyActive(id: String, active: Bool) async throws {
        try await committer.write(touching: .nothing) { db in
            try db.execute(sql: "UPDATE access_keys SET active = ? WHERE id = ?", arguments: [active, id])
            if db.changesCount == 0 { throw OSSError.noSuchAccessKey }
        }
    }

    public func deleteAccessKey(id: String) async throws {
        try await committer.write(touching: .nothing) { db in
            try db.execute(sql: "DELETE FROM access_keys WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw OSSError.noSuchAccessKey }
        }
    }

    public func attachPolicy(userID: String, policy: AttachedPolicy) async throws {
        try await committer.write(touching: .nothing) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [userID]) != nil else {
                throw OSSError.noSuchUser(userID)
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO user_policies (user_id, name, document) VALUES (?, ?, ?)",
                arguments: [userID, policy.name, policy.document])
        }
    }

    public func detachPolicy(userID: String, name: String) async throws {
        try await committer.write(touching: .nothing) { db in
            try db.execute(sql: "DELETE FROM user_policies WHERE user_id = ? AND name = ?", arguments: [userID, name])
            if db.changesCount == 0 { throw OSSError.noSuchPolicy }
        }
    }

    public func policies(userID: String) async throws -> [AttachedPolicy] {
        try readNow { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM user_policies WHERE user_id = ? ORDER BY name"),
                arguments: [userID]
            )
            .map { AttachedPolicy(name: $0["name"], document: $0["document"]) }
        }
    }

    static func user(_ row: Row) -> UserRecord {
        UserRecord(id: row["id"], name: row["name"], created: SQLiteRows.date(row["created_ms"]))
    }

    static func key(_ row: Row) -> AccessKeyRecord {
        let expires: Int64? = row["expires_ms"]
        return AccessKeyRecord(
            id: row["id"], userID: row["user_id"], isActive: row["active"], created: SQLiteRows.date(row["created_ms"]),
            expires: expires.map(SQLiteRows.date), securityToken: row["security_token"],
            sessionPolicy: row["session_policy"])
    }
}
