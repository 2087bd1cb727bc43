import Foundation
import GRDB
import OSSModel

extension SQLiteMetadataStore {
    public func createUpload(_ upload: MultipartUpload) async throws {
        try await committer.write(touching: .nothing) { db in
            try Self.requireBucket(db, upload.bucket)
            let m = upload.metadata
            var values: [(any DatabaseValueConvertible)?] = [
                upload.id, upload.bucket, Data(upload.key.utf8), SQLiteRows.millis(upload.initiated),
                upload.acl.rawValue, upload.storageClass.rawValue, upload.ownerID, upload.forbidOverwrite,
                m.contentType,
            ]
            values += [m.cacheControl, m.contentDisposition, m.contentEncoding, m.contentLanguage, m.expires]
            values += [
                SQLiteRows.encode(m.user.map { ($0.name, $0.value) }),
                SQLiteRows.encode(upload.tags.tags.map { ($0.key, $0.value) }),
            ]
            try db.execute(
                sql: """
                    INSERT INTO uploads (id, bucket, key, initiated_ms, acl, storage_class, owner, forbid_overwrite,
                        content_type, cache_control, content_disposition, content_encoding, content_language, expires,
                        user_meta, tags)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: StatementArguments(values))
        }
    }

    public func upload(bucket: String, id: String) async throws -> MultipartUpload? {
        try readSnapshot { db in
            try Row.fetchOne(db, sql: "SELECT * FROM uploads WHERE id = ? AND bucket = ?", arguments: [id, bucket])
                .map(Self.upload)
        }
    }

    public func putPart(_ part: UploadedPart) async throws -> UploadedPart? {
        try await committer.write(touching: .nothing) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM uploads WHERE id = ?", arguments: [part.uploadID]) != nil
            else { throw OSSError.noSuchUpload }
            let previous = try Row.fetchOne(
                db, sql: "SELECT * FROM parts WHERE upload_id = ? AND number = ?",
                arguments: [part.uploadID, part.number]
            ).map(Self.part)
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO parts (upload_id, number, blob_id, size, etag, crc64, modified_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    part.uploadID, part.number, part.blobID, part.size, part.etag, Int64(bitPattern: part.crc64),
                    SQLiteRows.millis(part.lastModified),
                ])
            return previous
        }
    }

    public func parts(uploadID: String) async throws -> [UploadedPart] {
        try readSnapshot { db in try Self.parts(db, uploadID: uploadID) }
    }

    static func parts(_ db: Database, uploadID: String) throws -> [UploadedPart] {
        try Row.fetchAll(db, sql: "SELECT * FROM parts WHERE upload_id = ? ORDER BY number", arguments: [uploadID])
            .map(Self.part)
    }

    static func removeUpload(_ db: Database, id: String) throws {
        try db.execute(sql: "DELETE FROM parts WHERE upload_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM uploads WHERE id = ?", arguments: [id])
    }

    public func uploads(bucket: String, prefix: String) async throws -> [MultipartUpload] {
        try readSnapshot { db in
            var sql = "SELECT * FROM uploads WHERE bucket = ?"
            var arguments: StatementArguments = [bucket]
            if !prefix.isEmpty {
                sql += " AND key >= ? AND key < ?"
                arguments += [Data(prefix.utf8), Data(Array(prefix.utf8) + [0xFF])]
            }
            sql += " ORDER BY key, initiated_ms, id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.upload)
        }
    }

    public func completeUpload(
        bucket: String, id: String, object: ObjectRecord, usedParts: [Int: String], condition: WriteCondition
    ) async throws -> (previous: ReplacedObject?, unusedParts: [UploadedPart]) {
        try await committer.write(touching: .object(bucket: bucket, key: object.key)) { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM uploads WHERE id = ? AND bucket = ?", arguments: [id, bucket])
                    != nil
            else { throw OSSError.noSuchUpload }
            let parts = try Self.parts(db, uploadID: id)
            let stored = Dictionary(parts.map { ($0.number, $0.blobID) }, uniquingKeysWith: { a, _ in a })
            for (number, blob) in usedParts where stored[number] != blob { throw OSSError.invalidPart }
            let previous = try Self.replace(db, with: object, condition: condition)
            try Self.removeUpload(db, id: id)
            return (previous, parts.filter { usedParts[$0.number] == nil })
        }
    }

    public func abortUpload(bucket: String, id: String) async throws -> [UploadedPart] {
        try await committer.write(touching: .nothing) { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM uploads WHERE id = ? AND bucket = ?", arguments: [id, bucket])
                    != nil
            else { throw OSSError.noSuchUpload }
            let parts = try Self.parts(db, uploadID: id)
            try Self.removeUpload(db, id: id)
            return parts
        }
    }

    static func upload(_ row: Row) throws -> MultipartUpload {
        let key: Data = row["key"]
        let metadata = try ObjectMetadata(
            contentType: row["content_type"], cacheControl: row["cache_control"],
            contentDisposition: row["content_disposition"], contentEncoding: row["content_encoding"],
            contentLanguage: row["content_language"], expires: row["expires"],
            user: SQLiteRows.pairs(row["user_meta"]).map { (name: $0.0, value: $0.1) })
        return MultipartUpload(
            id: row["id"], bucket: row["bucket"], key: String(decoding: key, as: UTF8.self),
            initiated: SQLiteRows.date(row["initiated_ms"]), metadata: metadata,
            acl: ObjectACL(rawValue: row["acl"]) ?? .default,
            storageClass: StorageClass(rawValue: row["storage_class"]) ?? .standard,
            tags: try ObjectTags(SQLiteRows.pairs(row["tags"]).map { ObjectTags.Tag(key: $0.0, value: $0.1) }),
            forbidOverwrite: row["forbid_overwrite"], ownerID: row["owner"])
    }

    static func part(_ row: Row) -> UploadedPart {
        let crc: Int64 = row["crc64"]
        return UploadedPart(
            uploadID: row["upload_id"], number: row["number"], blobID: row["blob_id"], size: row["size"],
            etag: row["etag"], crc64: UInt64(bitPattern: crc), lastModified: SQLiteRows.date(row["modified_ms"]))
    }
}
