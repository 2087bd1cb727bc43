import Foundation
import OSSModel

/// Builders for records used by the storage and metadata tests.
public enum Fixtures {
    public static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    public static func bucket(_ name: String = "bkt", acl: BucketACL = .private) -> BucketRecord {
        BucketRecord(
            name: name, creationDate: epoch, acl: acl, storageClass: .standard, dataRedundancyType: "LRS",
            region: "cn-hangzhou", ownerID: Principal.rootAccountID)
    }

    public static func object(
        _ key: String, bucket: String = "bkt", body: ObjectBody = .inline(Array("hello".utf8)),
        kind: ObjectKind = .normal, target: String? = nil, acl: ObjectACL = .default,
        modified: Date = epoch
    ) -> ObjectRecord {
        let size: Int64 =
            switch body {
            case .inline(let bytes): Int64(bytes.count)
            case .empty: Int64(target?.utf8.count ?? 0)
            case .blob: 1024 * 1024
            case .segments(let list): list.reduce(0) { $0 + $1.size }
            }
        return ObjectRecord(
            bucket: bucket, key: key, kind: kind, size: size, etag: "5D41402ABC4B2A76B9719D911017C592",
            contentMD5: "XUFAKrxLKna5cZ2REBfFkg==", crc64: 11_177_612_005_948_864_433, lastModified: modified,
            storageClass: .standard, acl: acl,
            metadata: try! ObjectMetadata(contentType: "text/plain", cacheControl: "no-cache", user: [("k", "v")]),
            tags: try! ObjectTags([ObjectTags.Tag(key: "a", value: "1")]), symlinkTarget: target, body: body,
            ownerID: Principal.rootAccountID)
    }

    public static func upload(_ id: String, key: String = "big", bucket: String = "bkt", initiated: Date = epoch)
        -> MultipartUpload
    {
        MultipartUpload(
            id: id, bucket: bucket, key: key, initiated: initiated,
            metadata: try! ObjectMetadata(contentType: "video/mp4", user: [("m", "1")]), acl: .private,
            storageClass: .ia, tags: try! ObjectTags([ObjectTags.Tag(key: "t", value: "v")]), forbidOverwrite: true,
            ownerID: Principal.rootAccountID)
    }

    public static func part(_ upload: String, _ number: Int, blob: String) -> UploadedPart {
        UploadedPart(
            uploadID: upload, number: number, blobID: blob, size: 100 * 1024, etag: "ABC\(number)",
            crc64: UInt64(number),
            lastModified: epoch)
    }

    /// A valid-looking blob id made from `n`.
    public static func blob(_ n: Int) -> String { String(format: "%032x", n) }
}
