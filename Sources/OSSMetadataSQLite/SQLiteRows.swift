import Foundation
import GRDB
import OSSModel

/// Conversions between rows and records. User metadata and tags are stored as JSON arrays
/// of `[name, value]` pairs, in order.
enum SQLiteRows {
    static let summaryColumns = "key, kind, size, etag, modified_ms, storage_class, owner"
    static let bucketColumns = "name, created_ms, acl, storage_class, redundancy, region, owner, policy"
    /// Every column of an object record, in the order ``record(_:bucket:)`` and
    /// ``arguments(_:)`` use.
    static let objectColumns = """
        bucket, key, kind, size, etag, content_md5, crc64, modified_ms, storage_class, acl, owner, content_type,
        cache_control, content_disposition, content_encoding, content_language, expires, user_meta, tags,
        symlink_target, blob_id, inline_data, segments, restore_ready_ms, restore_expiry_ms
        """
    static let selectObjectSQL = "SELECT \(objectColumns) FROM objects WHERE bucket = ? AND key = ?"
    static let selectBucketSQL = "SELECT \(bucketColumns) FROM buckets WHERE name = ?"
    /// The bucket (columns 0..<8) and the record at a key (from ``pathObjectOffset``; all
    /// NULL when absent) in one statement. Arguments: key, bucket.
    static let selectPathSQL = """
        SELECT \(prefixed(bucketColumns, "b")), \(prefixed(objectColumns, "o"))
        FROM buckets b LEFT JOIN objects o ON o.bucket = b.name AND o.key = ? WHERE b.name = ?
        """
    static let pathObjectOffset = 8

    private static func prefixed(_ columns: String, _ table: String) -> String {
        columns.split(separator: ",").map { table + "." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

    /// Decodes a row selected with ``bucketColumns``, by position.
    static func bucket(_ row: Row) throws -> BucketRecord {
        BucketRecord(
            name: row[0], creationDate: date(row[1]), acl: BucketACL(rawValue: row[2]) ?? .private,
            storageClass: StorageClass(rawValue: row[3]) ?? .standard, dataRedundancyType: row[4], region: row[5],
            ownerID: row[6], policy: row[7])
    }

    static func summary(_ row: Row) -> ObjectSummary {
        let key: Data = row["key"]
        return ObjectSummary(
            key: String(decoding: key, as: UTF8.self), kind: ObjectKind(rawValue: row["kind"]) ?? .normal,
            size: row["size"], etag: row["etag"], lastModified: date(row["modified_ms"]),
            storageClass: StorageClass(rawValue: row["storage_class"]) ?? .standard, ownerID: row["owner"])
    }

    /// Decodes a row selected with ``objectColumns`` (see ``selectObjectSQL``), by position,
    /// starting at column `offset`.
    static func record(_ row: Row, bucket: String, from offset: Int = 0) throws -> ObjectRecord {
        let row = RowSlice(row: row, offset: offset)
        let key: Data = row[1]
        let userMeta = pairs(row[17])
        let metadata = try ObjectMetadata(
            contentType: row[11], cacheControl: row[12], contentDisposition: row[13], contentEncoding: row[14],
            contentLanguage: row[15], expires: row[16], user: userMeta.map { (name: $0.0, value: $0.1) })
        let tags = try ObjectTags(pairs(row[18]).map { ObjectTags.Tag(key: $0.0, value: $0.1) })
        let body: ObjectBody
        if let segments: String = row[22] {
            body = .segments(decodeSegments(segments))
        } else if let blob: String = row[20] {
            body = .blob(blob)
        } else if let data: Data = row[21], !data.isEmpty {
            body = .inline([UInt8](data))
        } else {
            body = .empty
        }
        let crc: Int64? = row[6]
        var restore: RestoreState?
        if let ready: Int64 = row[23], let expiry: Int64 = row[24] {
            restore = RestoreState(readyAt: date(ready), expiresAt: date(expiry))
        }
        return ObjectRecord(
            bucket: bucket, key: String(decoding: key, as: UTF8.self),
            kind: ObjectKind(rawValue: row[2]) ?? .normal, size: row[3], etag: row[4],
            contentMD5: row[5], crc64: crc.map { UInt64(bitPattern: $0) }, lastModified: date(row[7]),
            storageClass: StorageClass(rawValue: row[8]) ?? .standard,
            acl: ObjectACL(rawValue: row[9]) ?? .default, metadata: metadata, tags: tags,
            symlinkTarget: row[19], body: body, ownerID: row[10], restore: restore)
    }

    /// Deletes the row at a key and returns what ``replaced(_:)`` decodes. Arguments: bucket,
    /// key.
    static let deleteReturningSQL = """
        DELETE FROM objects WHERE bucket = ? AND key = ? RETURNING kind, size, blob_id, segments
        """

    /// Decodes a row of ``deleteReturningSQL``.
    static func replaced(_ row: Row) -> ReplacedObject {
        ReplacedObject(
            kind: ObjectKind(rawValue: row[0]) ?? .normal, size: row[1],
            blobIDs: StoredEncoding.blobIDs(segments: row[3], blob: row[2]))
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
        INSERT INTO objects (\(objectColumns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func encode(_ pairs: [(String, String)]) -> String? { StoredEncoding.encodePairs(pairs) }

    static func pairs(_ text: String?) -> [(String, String)] { StoredEncoding.decodePairs(text) }

    /// Positional access to the columns of a row from an offset on.
    private struct RowSlice {
        let row: Row
        let offset: Int

        subscript<Value: DatabaseValueConvertible>(_ index: Int) -> Value { row[offset + index] }
    }
}
