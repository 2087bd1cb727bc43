import Foundation
import OSSModel
import PostgresNIO

/// Conversions between rows and records, with the embedded driver's column meanings: keys
/// as bytes (`bytea` compares bytewise), times in milliseconds, user metadata and tags as
/// JSON arrays of `[name, value]` pairs, segments as `id:size,id:size`.
enum PostgresRows {
    static let summaryColumns = "key, kind, size, etag, modified_ms, storage_class, owner"

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
    static func bytes(_ array: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: array) }
    static func key(_ key: String) -> ByteBuffer { ByteBuffer(bytes: Array(key.utf8)) }

    static func bucket(_ row: PostgresRow) throws -> BucketRecord {
        let r = row.makeRandomAccess()
        return BucketRecord(
            name: try r.string("name"), creationDate: date(try r.int64("created_ms")),
            acl: BucketACL(rawValue: try r.string("acl")) ?? .private,
            storageClass: StorageClass(rawValue: try r.string("storage_class")) ?? .standard,
            dataRedundancyType: try r.string("redundancy"), region: try r.string("region"),
            ownerID: try r.string("owner"), policy: try r.optionalString("policy"))
    }

    static func summary(_ row: PostgresRow) throws -> ObjectSummary {
        let r = row.makeRandomAccess()
        return ObjectSummary(
            key: String(decoding: try r.bytes("key") ?? [], as: UTF8.self),
            kind: ObjectKind(rawValue: try r.string("kind")) ?? .normal,
            size: try r.int64("size"), etag: try r.string("etag"), lastModified: date(try r.int64("modified_ms")),
            storageClass: StorageClass(rawValue: try r.string("storage_class")) ?? .standard,
            ownerID: try r.string("owner"))
    }

    static func metadata(_ r: PostgresRandomAccessRow) throws -> ObjectMetadata {
        try ObjectMetadata(
            contentType: try r.string("content_type"), cacheControl: try r.optionalString("cache_control"),
            contentDisposition: try r.optionalString("content_disposition"),
            contentEncoding: try r.optionalString("content_encoding"),
            contentLanguage: try r.optionalString("content_language"), expires: try r.optionalString("expires"),
            user: pairs(try r.optionalString("user_meta")).map { (name: $0.0, value: $0.1) })
    }

    static func tags(_ r: PostgresRandomAccessRow) throws -> ObjectTags {
        try ObjectTags(pairs(try r.optionalString("tags")).map { ObjectTags.Tag(key: $0.0, value: $0.1) })
    }

    /// The columns ``replaced(_:)`` reads.
    static let replacedColumns = "kind, size, blob_id, segments"

    /// Decodes what a write replaces from a row holding ``replacedColumns``.
    static func replaced(_ row: PostgresRow) throws -> ReplacedObject {
        let r = row.makeRandomAccess()
        let blobIDs = StoredEncoding.blobIDs(
            segments: try r.optionalString("segments"), blob: try r.optionalString("blob_id"))
        return ReplacedObject(
            kind: ObjectKind(rawValue: try r.string("kind")) ?? .normal, size: try r.int64("size"), blobIDs: blobIDs)
    }

    static func record(_ row: PostgresRow) throws -> ObjectRecord {
        let r = row.makeRandomAccess()
        let body: ObjectBody
        if let segments = try r.optionalString("segments") {
            body = .segments(decodeSegments(segments))
        } else if let blob = try r.optionalString("blob_id") {
            body = .blob(blob)
        } else if let data = try r.bytes("inline_data"), !data.isEmpty {
            body = .inline(data)
        } else {
            body = .empty
        }
        var restore: RestoreState?
        if let ready = try r.optionalInt64("restore_ready_ms"), let expiry = try r.optionalInt64("restore_expiry_ms") {
            restore = RestoreState(readyAt: date(ready), expiresAt: date(expiry))
        }
        return ObjectRecord(
            bucket: try r.string("bucket"), key: String(decoding: try r.bytes("key") ?? [], as: UTF8.self),
            kind: ObjectKind(rawValue: try r.string("kind")) ?? .normal, size: try r.int64("size"),
            etag: try r.string("etag"), contentMD5: try r.optionalString("content_md5"),
            crc64: try r.optionalInt64("crc64").map { UInt64(bitPattern: $0) },
            lastModified: date(try r.int64("modified_ms")),
            storageClass: StorageClass(rawValue: try r.string("storage_class")) ?? .standard,
            acl: ObjectACL(rawValue: try r.string("acl")) ?? .default, metadata: try metadata(r), tags: try tags(r),
            symlinkTarget: try r.optionalString("symlink_target"), body: body, ownerID: try r.string("owner"),
            restore: restore)
    }

    static let insertSQL = """
        INSERT INTO objects (bucket, key, kind, size, etag, content_md5, crc64, modified_ms, storage_class, acl,
            owner, content_type, cache_control, content_disposition, content_encoding, content_language, expires,
            user_meta, tags, symlink_target, blob_id, inline_data, segments, restore_ready_ms, restore_expiry_ms)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
            $22, $23, $24, $25)
        ON CONFLICT (bucket, key) DO NOTHING RETURNING 1
        """

    /// The insert of `record`; it returns one row, or none when the key is already taken.
    static func insert(_ record: ObjectRecord) -> PostgresQuery {
        var inline: ByteBuffer?
        var blob: String?
        var segments: String?
        switch record.body {
        case .empty: break
        case .inline(let data): inline = bytes(data)
        case .blob(let id): blob = id
        case .segments(let list): segments = encodeSegments(list)
        }
        let m = record.metadata
        var b = PostgresBindings(capacity: 25)
        b.append(record.bucket)
        b.append(key(record.key))
        b.append(record.kind.rawValue)
        b.append(record.size)
        b.append(record.etag)
        b.append(record.contentMD5)
        b.append(record.crc64.map { Int64(bitPattern: $0) })
        b.append(millis(record.lastModified))
        b.append(record.storageClass.rawValue)
        b.append(record.acl.rawValue)
        b.append(record.ownerID)
        b.append(m.contentType)
        b.append(m.cacheControl)
        b.append(m.contentDisposition)
        b.append(m.contentEncoding)
        b.append(m.contentLanguage)
        b.append(m.expires)
        b.append(encode(m.user.map { ($0.name, $0.value) }))
        b.append(encode(record.tags.tags.map { ($0.key, $0.value) }))
        b.append(record.symlinkTarget)
        b.append(blob)
        b.append(inline)
        b.append(segments)
        b.append(record.restore.map { millis($0.readyAt) })
        b.append(record.restore.map { millis($0.expiresAt) })
        return PostgresQuery(unsafeSQL: insertSQL, binds: b)
    }

    static func encodeSegments(_ segments: [BlobSegment]) -> String { StoredEncoding.encodeSegments(segments) }

    static func decodeSegments(_ text: String) -> [BlobSegment] { StoredEncoding.decodeSegments(text) }

    static func encode(_ pairs: [(String, String)]) -> String? { StoredEncoding.encodePairs(pairs) }

    static func pairs(_ text: String?) -> [(String, String)] { StoredEncoding.decodePairs(text) }
}

extension PostgresRandomAccessRow {
    func string(_ column: String) throws -> String { try self[column].decode(String.self) }
    func optionalString(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func int64(_ column: String) throws -> Int64 { try self[column].decode(Int64.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try self[column].decode(Int64?.self) }
    func bool(_ column: String) throws -> Bool { try self[column].decode(Bool.self) }
    func bytes(_ column: String) throws -> [UInt8]? {
        try self[column].decode(ByteBuffer?.self).map { Array($0.readableBytesView) }
    }
}
