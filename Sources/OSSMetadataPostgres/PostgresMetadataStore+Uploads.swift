import Foundation
import OSSModel
import PostgresNIO

extension PostgresMetadataStore {
    public func createUpload(_ upload: MultipartUpload) async throws {
        try await write { db in
            try await self.lockBucket(db, upload.bucket)
            let m = upload.metadata
            var b = PostgresBindings(capacity: 16)
            b.append(upload.id)
            b.append(upload.bucket)
            b.append(PostgresRows.key(upload.key))
            b.append(PostgresRows.millis(upload.initiated))
            b.append(upload.acl.rawValue)
            b.append(upload.storageClass.rawValue)
            b.append(upload.ownerID)
            b.append(upload.forbidOverwrite)
            b.append(m.contentType)
            b.append(m.cacheControl)
            b.append(m.contentDisposition)
            b.append(m.contentEncoding)
            b.append(m.contentLanguage)
            b.append(m.expires)
            b.append(PostgresRows.encode(m.user.map { ($0.name, $0.value) }))
            b.append(PostgresRows.encode(upload.tags.tags.map { ($0.key, $0.value) }))
            let sql = """
                INSERT INTO uploads (id, bucket, key, initiated_ms, acl, storage_class, owner, forbid_overwrite,
                    content_type, cache_control, content_disposition, content_encoding, content_language, expires,
                    user_meta, tags)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                """
            try await db.query(PostgresQuery(unsafeSQL: sql, binds: b), logger: self.logger)
        }
    }

    public func upload(bucket: String, id: String) async throws -> MultipartUpload? {
        try await read { db in
            try await db.query("SELECT * FROM uploads WHERE id = \(id) AND bucket = \(bucket)", logger: self.logger)
                .collect().first.map(Self.upload)
        }
    }

    public func putPart(_ part: UploadedPart) async throws -> UploadedPart? {
        try await write { db in
            // Shares the upload row: a concurrent Complete or Abort (FOR UPDATE) waits.
            let upload = try await db.query(
                "SELECT 1 FROM uploads WHERE id = \(part.uploadID) FOR SHARE", logger: self.logger
            ).collect()
            if upload.isEmpty { throw OSSError.noSuchUpload }
            for _ in 0..<8 {
                let previous = try await db.query(
                    "SELECT * FROM parts WHERE upload_id = \(part.uploadID) AND number = \(part.number) FOR UPDATE",
                    logger: self.logger
                ).collect().first.map(Self.part)
                let crc = Int64(bitPattern: part.crc64)
                let modified = PostgresRows.millis(part.lastModified)
                if previous != nil {
                    try await db.query(
                        """
                        UPDATE parts SET blob_id = \(part.blobID), size = \(part.size), etag = \(part.etag),
                            crc64 = \(crc), modified_ms = \(modified)
                        WHERE upload_id = \(part.uploadID) AND number = \(part.number)
                        """, logger: self.logger)
                    return previous
                }
                let inserted = try await db.query(
                    """
                    INSERT INTO parts (upload_id, number, blob_id, size, etag, crc64, modified_ms)
                    VALUES (\(part.uploadID), \(part.number), \(part.blobID), \(part.size), \(part.etag), \(crc),
                        \(modified))
                    ON CONFLICT (upload_id, number) DO NOTHING RETURNING 1
                    """, logger: self.logger
                ).collect()
                if !inserted.isEmpty { return nil }
            }
            throw PostgresStoreError.raceLost
        }
    }

    public func parts(uploadID: String) async throws -> [UploadedPart] {
        try await read { db in try await self.parts(db, uploadID: uploadID) }
    }

    func parts(_ db: PostgresConnection, uploadID: String) async throws -> [UploadedPart] {
        try await db.query("SELECT * FROM parts WHERE upload_id = \(uploadID) ORDER BY number", logger: logger)
            .collect().map(Self.part)
    }

    public func uploads(bucket: String, prefix: String) async throws -> [MultipartUpload] {
        try await read { db in
            let rows: [PostgresRow]
            if prefix.isEmpty {
                rows = try await db.query(
                    "SELECT * FROM uploads WHERE bucket = \(bucket) ORDER BY key, initiated_ms, id",
                    logger: self.logger
                ).collect()
            } else {
                let low = PostgresRows.bytes(Array(prefix.utf8))
                let high = PostgresRows.bytes(Array(prefix.utf8) + [0xFF])
                rows = try await db.query(
                    """
                    SELECT * FROM uploads WHERE bucket = \(bucket) AND key >= \(low) AND key < \(high)
                    ORDER BY key, initiated_ms, id
                    """, logger: self.logger
                ).collect()
            }
            return try rows.map(Self.upload)
        }
    }

    public func completeUpload(
        bucket: String, id: String, object: ObjectRecord, usedParts: [Int: String], condition: WriteCondition
    ) async throws -> (previous: ReplacedObject?, unusedParts: [UploadedPart]) {
        let (previous, unused) = try await write { db in
            try await self.lockUpload(db, bucket: bucket, id: id)
            let parts = try await self.parts(db, uploadID: id)
            let stored = Dictionary(parts.map { ($0.number, $0.blobID) }, uniquingKeysWith: { a, _ in a })
            for (number, blob) in usedParts where stored[number] != blob { throw OSSError.invalidPart }
            try await self.lockBucket(db, bucket)
            let previous = try await self.store(db, object, condition: condition)
            try await db.query("DELETE FROM uploads WHERE id = \(id)", logger: self.logger)
            return CompletedUpload(previous: previous, unused: parts.filter { usedParts[$0.number] == nil })
        }.pair
        return (previous, unused)
    }

    public func abortUpload(bucket: String, id: String) async throws -> [UploadedPart] {
        try await write { db in
            try await self.lockUpload(db, bucket: bucket, id: id)
            let parts = try await self.parts(db, uploadID: id)
            try await db.query("DELETE FROM uploads WHERE id = \(id)", logger: self.logger)
            return parts
        }
    }

    /// Locks the upload row against concurrent parts, completion and abort, or throws
    /// `NoSuchUpload`.
    private func lockUpload(_ db: PostgresConnection, bucket: String, id: String) async throws {
        let rows = try await db.query(
            "SELECT 1 FROM uploads WHERE id = \(id) AND bucket = \(bucket) FOR UPDATE", logger: logger
        ).collect()
        if rows.isEmpty { throw OSSError.noSuchUpload }
    }

    static func upload(_ row: PostgresRow) throws -> MultipartUpload {
        let r = row.makeRandomAccess()
        return MultipartUpload(
            id: try r.string("id"), bucket: try r.string("bucket"),
            key: String(decoding: try r.bytes("key") ?? [], as: UTF8.self),
            initiated: PostgresRows.date(try r.int64("initiated_ms")), metadata: try PostgresRows.metadata(r),
            acl: ObjectACL(rawValue: try r.string("acl")) ?? .default,
            storageClass: StorageClass(rawValue: try r.string("storage_class")) ?? .standard,
            tags: try PostgresRows.tags(r), forbidOverwrite: try r.bool("forbid_overwrite"),
            ownerID: try r.string("owner"))
    }

    static func part(_ row: PostgresRow) throws -> UploadedPart {
        let r = row.makeRandomAccess()
        return UploadedPart(
            uploadID: try r.string("upload_id"), number: try r[ "number"].decode(Int.self),
            blobID: try r.string("blob_id"), size: try r.int64("size"), etag: try r.string("etag"),
            crc64: UInt64(bitPattern: try r.int64("crc64")), lastModified: PostgresRows.date(try r.int64("modified_ms")))
    }
}

/// The result of a completion, as one Sendable value.
private struct CompletedUpload: Sendable {
    var previous: ReplacedObject?
    var unused: [UploadedPart]
    var pair: (ReplacedObject?, [UploadedPart]) { (previous, unused) }
}
