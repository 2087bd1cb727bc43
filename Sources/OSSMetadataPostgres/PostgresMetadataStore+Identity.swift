import Foundation
import OSSModel
import PostgresNIO

extension PostgresMetadataStore: IdentityStore {
    public func createUser(_ user: UserRecord) async throws {
        try await write { db in
            let inserted = try await db.query(
                """
                INSERT INTO users (id, name, created_ms) VALUES (\(user.id), \(user.name),
                    \(PostgresRows.millis(user.created)))
                ON CONFLICT DO NOTHING RETURNING 1
                """, logger: self.logger
            ).collect()
            if inserted.isEmpty { throw OSSError.userAlreadyExists }
        }
    }

    public func user(named name: String) async throws -> UserRecord? {
        try await read { db in
            try await db.query("SELECT * FROM users WHERE name = \(name)", logger: self.logger).collect()
                .first.map(Self.user)
        }
    }

    public func user(id: String) async throws -> UserRecord? {
        try await read { db in
            try await db.query("SELECT * FROM users WHERE id = \(id)", logger: self.logger).collect()
                .first.map(Self.user)
        }
    }

    public func users() async throws -> [UserRecord] {
        try await read { db in
            try await db.query("SELECT * FROM users ORDER BY name", logger: self.logger).collect().map(Self.user)
        }
    }

    public func deleteUser(named name: String) async throws {
        try await write { db in
            // The row lock makes a concurrent key creation or policy attachment (FOR SHARE) wait.
            guard
                let id = try await db.query(
                    "SELECT id FROM users WHERE name = \(name) FOR UPDATE", logger: self.logger
                ).collect().first.map({ try $0.makeRandomAccess().string("id") })
            else { throw OSSError.noSuchUser(name) }
            try await db.query("DELETE FROM access_keys WHERE user_id = \(id)", logger: self.logger)
            try await db.query("DELETE FROM user_policies WHERE user_id = \(id)", logger: self.logger)
            try await db.query("DELETE FROM users WHERE id = \(id)", logger: self.logger)
        }
    }

    public func createAccessKey(_ key: AccessKeyRecord, sealedSecret: [UInt8]) async throws {
        try await write { db in
            try await self.lockUser(db, key.userID)
            let created = PostgresRows.millis(key.created)
            let expires = key.expires.map(PostgresRows.millis)
            try await db.query(
                """
                INSERT INTO access_keys (id, user_id, active, created_ms, expires_ms, security_token, session_policy,
                    sealed_secret)
                VALUES (\(key.id), \(key.userID), \(key.isActive), \(created), \(expires), \(key.securityToken),
                    \(key.sessionPolicy), \(PostgresRows.bytes(sealedSecret)))
                """, logger: self.logger)
        }
    }

    public func accessKey(id: String) async throws -> (record: AccessKeyRecord, sealedSecret: [UInt8])? {
        let found = try await read { db -> SealedKey? in
            guard
                let row = try await db.query("SELECT * FROM access_keys WHERE id = \(id)", logger: self.logger)
                    .collect().first
            else { return nil }
            return SealedKey(
                record: try Self.key(row), sealed: try row.makeRandomAccess().bytes("sealed_secret") ?? [])
        }
        return found.map { ($0.record, $0.sealed) }
    }

    public func accessKeys(userID: String) async throws -> [AccessKeyRecord] {
        try await read { db in
            try await db.query(
                "SELECT * FROM access_keys WHERE user_id = \(userID) ORDER BY created_ms, id", logger: self.logger
            ).collect().map(Self.key)
        }
    }

    public func setAccessKeyActive(id: String, active: Bool) async throws {
        try await write { db in
            let rows = try await db.query(
                "UPDATE access_keys SET active = \(active) WHERE id = \(id) RETURNING 1", logger: self.logger
            ).collect()
            if rows.isEmpty { throw OSSError.noSuchAccessKey }
        }
    }

    public func deleteAccessKey(id: String) async throws {
        try await write { db in
            let rows = try await db.query("DELETE FROM access_keys WHERE id = \(id) RETURNING 1", logger: self.logger)
                .collect()
            if rows.isEmpty { throw OSSError.noSuchAccessKey }
        }
    }

    public func attachPolicy(userID: String, policy: AttachedPolicy) async throws {
        try await write { db in
            try await self.lockUser(db, userID)
            try await db.query(
                """
                INSERT INTO user_policies (user_id, name, document) VALUES (\(userID), \(policy.name), \(policy.document))
                ON CONFLICT (user_id, name) DO UPDATE SET document = EXCLUDED.document
                """, logger: self.logger)
        }
    }

    public func detachPolicy(userID: String, name: String) async throws {
        try await write { db in
            let rows = try await db.query(
                "DELETE FROM user_policies WHERE user_id = \(userID) AND name = \(name) RETURNING 1",
                logger: self.logger
            ).collect()
            if rows.isEmpty { throw OSSError.noSuchPolicy }
        }
    }

    public func policies(userID: String) async throws -> [AttachedPolicy] {
        try await read { db in
            try await db.query(
                "SELECT name, document FROM user_policies WHERE user_id = \(userID) ORDER BY name",
                logger: self.logger
            ).collect().map {
                let r = $0.makeRandomAccess()
                return AttachedPolicy(name: try r.string("name"), document: try r.string("document"))
            }
        }
    }

    /// Share-locks the user row (a concurrent delete waits), or throws `NoSuchUser`.
    private func lockUser(_ db: PostgresConnection, _ id: String) async throws {
        let rows = try await db.query("SELECT 1 FROM users WHERE id = \(id) FOR SHARE", logger: logger).collect()
        if rows.isEmpty { throw OSSError.noSuchUser(id) }
    }

    static func user(_ row: PostgresRow) throws -> UserRecord {
        let r = row.makeRandomAccess()
        return UserRecord(
            id: try r.string("id"), name: try r.string("name"), created: PostgresRows.date(try r.int64("created_ms")))
    }

    static func key(_ row: PostgresRow) throws -> AccessKeyRecord {
        let r = row.makeRandomAccess()
        return AccessKeyRecord(
            id: try r.string("id"), userID: try r.string("user_id"), isActive: try r.bool("active"),
            created: PostgresRows.date(try r.int64("created_ms")),
            expires: try r.optionalInt64("expires_ms").map(PostgresRows.date),
            securityToken: try r.optionalString("security_token"), sessionPolicy: try r.optionalString("session_policy"))
    }
}

/// An access key with its sealed secret, as one Sendable value.
private struct SealedKey: Sendable {
    var record: AccessKeyRecord
    var sealed: [UInt8]
}
