import Foundation
import GRDB
import OSSModel

/// Conversions between rows and records. User metadata and tags are stored as JSON arrays
/// of `[name, value]` pairs, in order.
enum SQLiteRows {
    static let summaryColumns = "key, kind, size, etag, modified_ms, storage_class, owner"

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

    static func bucket(_ row: Row) throws -> BucketRecord {
        BucketRecord(
            name: row["name"], creationDate: date(row["created_ms"]),
            acl: BucketACL(rawValue: row["acl"]) ?? .private,
            storageClass: StorageClass(rawValue: row["storage_class"]) ?? .standard,
            dataRedundancyType: row["redundancy"], region: row["region"], ownerID: row["owner"], policy: row["policy"])
    }

    static func summary(_ row: Row) -> ObjectSummary {
        let key: Data = row["key"]
        return ObjectSummary(
            key: String(decoding: key, as: UTF8.self), kind: ObjectKind(rawValue: row["kind"]) ?? .normal,
            size: row["size"], etag: row["etag"], lastModified: date(row["modified_ms"]),
            storageClass: StorageClass(rawValue: row["storage_class"]) ?? .standard, ownerID: row["owner"])
    }

    static func record(_ row: Row, bucket: String) throws -> ObjectRecord {
        let key: Data = row["key"]
        let userMeta = pairs(row["user_meta"])
        let metadata = try ObjectMetadata(
            contentType: row["content_type"], cacheControl: row["cache_control"],
            contentDisposition: row["content_disposition"], contentEncoding: row["content_encoding"],
            contentLanguage: row["content_language"], expires: row["expires"],
            user: userMeta.map { (name: $0.0, value: $0.1) })
        let tags = try ObjectTags(pairs(row["tags"]).map { ObjectTags.Tag(key: $0.0, value: $0.1) })
        let body: ObjectBody
        if let segments: String = row["segments"] {
            body = .segments(decodeSegments(segments))
        } else if let blob: String = row["blob_id"] {
            body = .blob(blob)
        } else if let data: Data = row["inline_data"], !data.isEmpty {
            body = .inline([UInt8](data))
        } else {
            body = .empty
        }
        let crc: Int64? = row["crc64"]
        return ObjectRecord(
            bucket: bucket, key: String(decoding: key, as: UTF8.self),
            kind: ObjectKind(rawValue: row["kind"]) ?? .normal, size: row["size"], etag: row["etag"],
            contentMD5: row["content_md5"], crc64: crc.map { UInt64(bitPattern: $0) },
            lastModified: date(row["modified_ms"]),
            storageClass: StorageClass(rawValue: row["storage_class"]) ?? .standard,
            acl: ObjectACL(rawValue: row["acl"]) ?? .default, metadata: metadata, tags: tags,
            symlinkTarget: row["symlink_target"], body: body, ownerID: row["owner"], restore: restore(row))
    }

    static func restore(_ row: Row) -> RestoreState? {
        guard let ready: Int64 = row["restore_ready_ms"], let expiry: Int64 = row["restore_expiry_ms"] else {
            return nil
        }
        return RestoreState(readyAt: date(ready), expiresAt: date(expiry))
    }

    static func encodeSegments(_ segments: [BlobSegment]) -> String { StoredEncoding.encodeSegments(segments) }

    static func decodeSegments(_ text: String) -> [BlobSegment] { StoredEncoding.decodeSegments(text) }

    /// The statement arguments for inserting `record`, in ``insertSQL`` column order.
    static func arguments(_ record: ObjectRecord) -> StatementArguments {
        var inline: Data?
        var blob: String?
        var segments: String?
        switch record.body {
        case .empty: break
        case .inline(let bytes): inline = Data(bytes)
        case .blob(let id): blob = id
        case .segments(let list): segments = encodeSegments(list)
        }
        let m = record.metadata
        var values: [(any DatabaseValueConvertible)?] = [
            record.bucket, Data(record.key.utf8), record.kind.rawValue, record.size, record.etag,
            record.contentMD5, record.crc64.map { Int64(bitPattern: $0) }, millis(record.lastModified),
            record.storageClass.rawValue, record.acl.rawValue, record.ownerID, m.contentType,
        ]
        values += [m.cacheControl, m.contentDisposition, m.contentEncoding, m.contentLanguage, m.expires]
        values += [
            encode(m.user.map { ($0.name, $0.value) }), encode(record.tags.tags.map { ($0.key, $0.value) }),
            record.symlinkTarget, blob, inline, segments, record.restore.map { millis($0.readyAt) },
            record.restore.map { millis($0.expiresAt) },
        ]
        return StatementArguments(values)
    }

    static let insertSQL = """
        INSERT INTO objects (bucket, key, kind, size, etag, content_md5, crc64, modified_ms, storage_class, acl,
            owner, content_type, cache_control, content_disposition, content_encoding, content_language, expires,
            user_meta, tags, symlink_target, blob_id, inline_data, segments, restore_ready_ms, restore_expiry_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func encode(_ pairs: [(String, String)]) -> String? { StoredEncoding.encodePairs(pairs) }

    static func pairs(_ text: String?) -> [(String, String)] { StoredEncoding.decodePairs(text) }
}
