import Foundation
import OSSModel

/// The contract every `MetadataStore` driver must meet, as checks run against a fresh,
/// empty store. Each driver's test target runs every check in ``all``.
public enum MetadataStoreConformance {
    public typealias Check = @Sendable (any MetadataStore) async throws -> Void

    /// Every check, by name.
    public static let all: [(name: String, check: Check)] = [
        ("bucketLifecycle", bucketLifecycle),
        ("listBucketsPagesByName", listBucketsPagesByName),
        ("putGetRoundTripsEveryField", putGetRoundTripsEveryField),
        ("pathLookupFollowsOneLink", pathLookupFollowsOneLink),
        ("overwriteReturnsPrevious", overwriteReturnsPrevious),
        ("forbidOverwriteIsConditional", forbidOverwriteIsConditional),
        ("forbidOverwriteRaceHasOneWinner", forbidOverwriteRaceHasOneWinner),
        ("deleteReturnsRemovedRecord", deleteReturnsRemovedRecord),
        ("aclAndTagsChangeAlone", aclAndTagsChangeAlone),
        ("listingOrdersByUTF8Bytes", listingOrdersByUTF8Bytes),
        ("listingGroupsCommonPrefixes", listingGroupsCommonPrefixes),
        ("listingPagesWithMarkers", listingPagesWithMarkers),
        ("blobReferences", blobReferences),
        ("segmentsAndRestoreRoundTrip", segmentsAndRestoreRoundTrip),
        ("appendConditionIsChecked", appendConditionIsChecked),
        ("uploadLifecycle", uploadLifecycle),
        ("completeChecksPartsAndCondition", completeChecksPartsAndCondition),
        ("uploadsKeepBucketBusy", uploadsKeepBucketBusy),
    ]

    static func bucketLifecycle(_ store: any MetadataStore) async throws {
        try await require(store.createBucket(Fixtures.bucket()), equals: .created, "create")
        guard case .alreadyExists(let existing) = try await store.createBucket(Fixtures.bucket(acl: .publicRead)) else {
            throw ConformanceFailure("second create must report the existing bucket")
        }
        try require(existing.acl, equals: .private, "existing bucket unchanged")
        try await store.setBucketACL("bkt", acl: .publicRead)
        try await require(store.bucket(named: "bkt")?.acl, equals: .publicRead, "acl updated")
        try await requireOSSError("NoSuchBucket") { try await store.setBucketACL("nope", acl: .private) }
        _ = try await store.putObject(Fixtures.object("a"), condition: .overwrite)
        try await requireOSSError("BucketNotEmpty") { try await store.deleteBucket("bkt") }
        _ = try await store.deleteObject(bucket: "bkt", key: "a")
        try await store.deleteBucket("bkt")
        try await require(store.bucket(named: "bkt") == nil, "bucket gone")
        try await requireOSSError("NoSuchBucket") { try await store.deleteBucket("bkt") }
    }

    static func listBucketsPagesByName(_ store: any MetadataStore) async throws {
        for name in ["c-bucket", "a-bucket", "b-bucket", "a-other"] {
            _ = try await store.createBucket(Fixtures.bucket(name))
        }
        try await require(
            store.listBuckets(prefix: "", marker: nil, limit: 10).map(\.name),
            equals: ["a-bucket", "a-other", "b-bucket", "c-bucket"], "all")
        try await require(
            store.listBuckets(prefix: "a-", marker: nil, limit: 10).map(\.name),
            equals: ["a-bucket", "a-other"], "prefix")
        try await require(
            store.listBuckets(prefix: "", marker: "a-other", limit: 1).map(\.name),
            equals: ["b-bucket"], "marker and limit")
    }

    static func putGetRoundTripsEveryField(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        var record = Fixtures.object("dir/文件 +.txt")
        record.metadata = try ObjectMetadata(
            contentType: "text/x", cacheControl: "max-age=1", contentDisposition: "inline",
            contentEncoding: "gzip", contentLanguage: "zh", expires: "Wed, 21 Oct 2015 07:28:00 GMT",
            user: [("b", "2"), ("a", "x\u{1}y")])
        record.crc64 = UInt64.max
        try await require(store.putObject(record, condition: .overwrite) == nil, "fresh key")
        try await require(store.object(bucket: "bkt", key: record.key), equals: record, "round trip")
        let link = Fixtures.object("link", body: .empty, kind: .symlink, target: "dir/文件 +.txt")
        _ = try await store.putObject(link, condition: .overwrite)
        try await require(store.object(bucket: "bkt", key: "link"), equals: link, "link round trip")
        let blob = Fixtures.object("big", body: .blob("0123456789abcdef0123456789abcdef"))
        _ = try await store.putObject(blob, condition: .overwrite)
        try await require(store.object(bucket: "bkt", key: "big"), equals: blob, "blob round trip")
        try await requireOSSError("NoSuchBucket") {
            _ = try await store.putObject(Fixtures.object("x", bucket: "nope"), condition: .overwrite)
        }
    }

    static func pathLookupFollowsOneLink(_ store: any MetadataStore) async throws {
        let none = try await store.lookup(bucket: "bkt", key: "k", followLink: true)
        try require(none.bucket == nil && none.object == nil && none.target == nil, "no bucket: nothing")
        _ = try await store.createBucket(Fixtures.bucket())
        let target = Fixtures.object("t", body: .inline([7]))
        _ = try await store.putObject(target, condition: .overwrite)
        let link = Fixtures.object("l", body: .empty, kind: .symlink, target: "t")
        _ = try await store.putObject(link, condition: .overwrite)
        let chained = Fixtures.object("l2", body: .empty, kind: .symlink, target: "l")
        _ = try await store.putObject(chained, condition: .overwrite)
        let plain = try await store.lookup(bucket: "bkt", key: "t", followLink: true)
        try require(plain.bucket?.name, equals: "bkt", "bucket read")
        try require(plain.object, equals: target, "plain object")
        try require(plain.target == nil, "no target for a plain object")
        let followed = try await store.lookup(bucket: "bkt", key: "l", followLink: true)
        try require(followed.object, equals: link, "link record")
        try require(followed.target, equals: target, "target record")
        let oneHop = try await store.lookup(bucket: "bkt", key: "l2", followLink: true)
        try require(oneHop.target, equals: link, "one hop only: the target is the next link")
        let unfollowed = try await store.lookup(bucket: "bkt", key: "l", followLink: false)
        try require(unfollowed.object == link && unfollowed.target == nil, "link not followed")
        _ = try await store.deleteObject(bucket: "bkt", key: "t")
        let dangling = try await store.lookup(bucket: "bkt", key: "l", followLink: true)
        try require(dangling.object == link && dangling.target == nil, "dangling link")
        let missing = try await store.lookup(bucket: "bkt", key: "nope", followLink: true)
        try require(missing.bucket != nil && missing.object == nil, "missing key in a bucket")
    }

    static func overwriteReturnsPrevious(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        let first = Fixtures.object("k", body: .blob("0123456789abcdef0123456789abcdef"))
        _ = try await store.putObject(first, condition: .overwrite)
        let second = Fixtures.object("k", body: .inline([1, 2, 3]))
        try await require(store.putObject(second, condition: .overwrite), equals: first.replaced, "previous returned")
        try await require(store.object(bucket: "bkt", key: "k"), equals: second, "replaced")
        let segments = [BlobSegment(id: Fixtures.blob(1), size: 2), BlobSegment(id: Fixtures.blob(2), size: 1)]
        let segmented = Fixtures.object("k", body: .segments(segments))
        try await require(store.putObject(segmented, condition: .overwrite), equals: second.replaced, "inline replaced")
        try await require(
            store.putObject(first, condition: .overwrite),
            equals: ReplacedObject(kind: segmented.kind, size: segmented.size, blobIDs: segments.map(\.id)),
            "every segment's blob returned")
    }

    static func forbidOverwriteIsConditional(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        let original = Fixtures.object("k", body: .inline([1]))
        try await require(store.putObject(original, condition: .mustNotExist) == nil, "first create")
        try await requireOSSError("FileAlreadyExists") {
            _ = try await store.putObject(Fixtures.object("k", body: .inline([2])), condition: .mustNotExist)
        }
        try await require(store.object(bucket: "bkt", key: "k"), equals: original, "unchanged")
    }

    static func forbidOverwriteRaceHasOneWinner(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        for round in 0..<5 {
            let key = "race-\(round)"
            let winners = try await withThrowingTaskGroup(of: UInt8?.self) { group in
                for writer in 0..<16 {
                    group.addTask {
                        do {
                            _ = try await store.putObject(
                                Fixtures.object(key, body: .inline([UInt8(writer)])), condition: .mustNotExist)
                            return UInt8(writer)
                        } catch let error as OSSError where error.code == "FileAlreadyExists" {
                            return nil
                        }
                    }
                }
                var found: [UInt8] = []
                for try await winner in group { if let winner { found.append(winner) } }
                return found
            }
            try require(winners.count, equals: 1, "one winner in round \(round)")
            try await require(store.object(bucket: "bkt", key: key)?.body, equals: .inline(winners), "winner's bytes")
        }
    }

    static func deleteReturnsRemovedRecord(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        let record = Fixtures.object("k")
        _ = try await store.putObject(record, condition: .overwrite)
        try await require(store.deleteObject(bucket: "bkt", key: "k"), equals: record, "removed")
        try await require(store.deleteObject(bucket: "bkt", key: "k") == nil, "nothing left")
        try await requireOSSError("NoSuchBucket") { _ = try await store.deleteObject(bucket: "nope", key: "k") }
    }

    static func aclAndTagsChangeAlone(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        var record = Fixtures.object("k")
        _ = try await store.putObject(record, condition: .overwrite)
        try await store.setObjectACL(bucket: "bkt", key: "k", acl: .publicRead)
        let tags = try ObjectTags([ObjectTags.Tag(key: "x", value: "y z")])
        try await store.setObjectTags(bucket: "bkt", key: "k", tags: tags)
        record.acl = .publicRead
        record.tags = tags
        try await require(store.object(bucket: "bkt", key: "k"), equals: record, "only acl and tags changed")
        try await requireOSSError("NoSuchKey") { try await store.setObjectACL(bucket: "bkt", key: "x", acl: .private) }
        try await requireOSSError("NoSuchKey") { try await store.setObjectTags(bucket: "bkt", key: "x", tags: .empty) }
    }

    static func listingOrdersByUTF8Bytes(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        let keys = ["b", "a", "é", "Z", "a/b", "a-b", "文件", "~"]
        for key in keys { _ = try await store.putObject(Fixtures.object(key), condition: .overwrite) }
        let page = try await store.listObjects(bucket: "bkt", query: ObjectListQuery(maxKeys: 100))
        let expected = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        try require(page.objects.map(\.key), equals: expected, "byte order")
        try require(page.isTruncated, equals: false, "complete")
    }

    static func listingGroupsCommonPrefixes(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        for key in ["a.txt", "dir/1", "dir/2", "dir/sub/3", "dis", "e/x", "photos/2024/a.jpg"] {
            _ = try await store.putObject(Fixtures.object(key), condition: .overwrite)
        }
        let root = try await store.listObjects(bucket: "bkt", query: ObjectListQuery(delimiter: "/", maxKeys: 100))
        try require(root.objects.map(\.key), equals: ["a.txt", "dis"], "root objects")
        try require(root.commonPrefixes, equals: ["dir/", "e/", "photos/"], "root prefixes")
        let dir = try await store.listObjects(
            bucket: "bkt", query: ObjectListQuery(prefix: "dir/", delimiter: "/", maxKeys: 100))
        try require(dir.objects.map(\.key), equals: ["dir/1", "dir/2"], "dir objects")
        try require(dir.commonPrefixes, equals: ["dir/sub/"], "dir prefixes")
        let paged = try await store.listObjects(bucket: "bkt", query: ObjectListQuery(delimiter: "/", maxKeys: 2))
        try require(paged.objects.map(\.key), equals: ["a.txt"], "first page objects")
        try require(paged.commonPrefixes, equals: ["dir/"], "first page prefixes")
        try require(paged.isTruncated, equals: true, "truncated")
        try require(paged.nextMarker, equals: "dir/", "marker is the prefix")
        let next = try await store.listObjects(
            bucket: "bkt", query: ObjectListQuery(delimiter: "/", marker: "dir/", maxKeys: 2))
        try require(next.objects.map(\.key), equals: ["dis"], "second page skips dir/")
        try require(next.commonPrefixes, equals: ["e/"], "second page prefixes")
    }

    static func listingPagesWithMarkers(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        let keys = (0..<25).map { String(format: "key-%02d", $0) }
        for key in keys.shuffled() { _ = try await store.putObject(Fixtures.object(key), condition: .overwrite) }
        var seen: [String] = []
        var marker: String?
        var pages = 0
        repeat {
            let page = try await store.listObjects(bucket: "bkt", query: ObjectListQuery(marker: marker, maxKeys: 10))
            seen += page.objects.map(\.key)
            marker = page.isTruncated ? page.nextMarker : nil
            pages += 1
        } while marker != nil && pages < 10
        try require(seen, equals: keys, "every key once, in order")
        try require(pages, equals: 3, "three pages")
        let prefixed = try await store.listObjects(
            bucket: "bkt", query: ObjectListQuery(prefix: "key-1", marker: "key-12", maxKeys: 100))
        try require(prefixed.objects.map(\.key), equals: (13...19).map { "key-\($0)" }, "prefix and marker")
        try await requireOSSError("NoSuchBucket") {
            _ = try await store.listObjects(bucket: "nope", query: ObjectListQuery())
        }
    }

    static func blobReferences(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        try await require(store.referencedBlobIDs(), equals: [], "nothing referenced")
        _ = try await store.putObject(Fixtures.object("k", body: .blob(Fixtures.blob(1))), condition: .overwrite)
        let segments = [BlobSegment(id: Fixtures.blob(2), size: 5), BlobSegment(id: Fixtures.blob(3), size: 7)]
        _ = try await store.putObject(Fixtures.object("m", body: .segments(segments)), condition: .overwrite)
        try await store.createUpload(Fixtures.upload("u1"))
        _ = try await store.putPart(Fixtures.part("u1", 1, blob: Fixtures.blob(4)))
        try await require(
            store.referencedBlobIDs(), equals: Set((1...4).map(Fixtures.blob)), "objects, segments and parts")
        _ = try await store.deleteObject(bucket: "bkt", key: "k")
        _ = try await store.abortUpload(bucket: "bkt", id: "u1")
        try await require(store.referencedBlobIDs(), equals: [Fixtures.blob(2), Fixtures.blob(3)], "released")
    }

    static func segmentsAndRestoreRoundTrip(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        var record = Fixtures.object(
            "m",
            body: .segments([BlobSegment(id: Fixtures.blob(1), size: 3), BlobSegment(id: Fixtures.blob(2), size: 4)]))
        record.kind = .multipart
        _ = try await store.putObject(record, condition: .overwrite)
        try await require(store.object(bucket: "bkt", key: "m"), equals: record, "segments round trip")
        let restore = RestoreState(readyAt: Fixtures.epoch + 5, expiresAt: Fixtures.epoch + 86_405)
        try await store.setObjectRestore(bucket: "bkt", key: "m", restore: restore)
        record.restore = restore
        try await require(store.object(bucket: "bkt", key: "m"), equals: record, "restore recorded")
        try await requireOSSError("NoSuchKey") {
            try await store.setObjectRestore(bucket: "bkt", key: "none", restore: restore)
        }
    }

    static func appendConditionIsChecked(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        var first = Fixtures.object("a", body: .inline([1, 2, 3]), kind: .appendable)
        try await requireOSSError("PositionNotEqualToLength") {
            _ = try await store.putObject(first, condition: .appendAt(5))
        }
        _ = try await store.putObject(first, condition: .appendAt(0))
        first.body = .inline([1, 2, 3, 4])
        first.size = 4
        try await requireOSSError("PositionNotEqualToLength") {
            _ = try await store.putObject(first, condition: .appendAt(0))
        }
        _ = try await store.putObject(first, condition: .appendAt(3))
        try await require(store.object(bucket: "bkt", key: "a")?.size, equals: 4, "appended")
        let normal = Fixtures.object("n")
        _ = try await store.putObject(normal, condition: .overwrite)
        try await requireOSSError("ObjectNotAppendable") {
            _ = try await store.putObject(Fixtures.object("n", kind: .appendable), condition: .appendAt(5))
        }
        try await require(store.object(bucket: "bkt", key: "n"), equals: normal, "a refused append keeps the object")
    }

    static func uploadLifecycle(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        let upload = Fixtures.upload("u1", key: "dir/文件")
        try await store.createUpload(upload)
        try await require(store.upload(bucket: "bkt", id: "u1"), equals: upload, "upload round trip")
        try await require(store.upload(bucket: "other", id: "u1") == nil, "upload belongs to its bucket")
        try await require(store.putPart(Fixtures.part("u1", 2, blob: Fixtures.blob(2))) == nil, "first part 2")
        _ = try await store.putPart(Fixtures.part("u1", 1, blob: Fixtures.blob(1)))
        let replaced = try await store.putPart(Fixtures.part("u1", 2, blob: Fixtures.blob(3)))
        try require(replaced?.blobID, equals: Fixtures.blob(2), "replaced part returned")
        try await require(store.parts(uploadID: "u1").map(\.number), equals: [1, 2], "parts in order")
        try await requireOSSError("NoSuchUpload") { _ = try await store.putPart(Fixtures.part("nope", 1, blob: "x")) }
        try await store.createUpload(Fixtures.upload("u0", key: "dir/文件", initiated: Fixtures.epoch - 10))
        try await store.createUpload(Fixtures.upload("u2", key: "a"))
        try await require(store.uploads(bucket: "bkt", prefix: "").map(\.id), equals: ["u2", "u0", "u1"], "order")
        try await require(store.uploads(bucket: "bkt", prefix: "dir/").map(\.id), equals: ["u0", "u1"], "prefix")
        try await require(
            store.abortUpload(bucket: "bkt", id: "u1").map(\.blobID), equals: [Fixtures.blob(1), Fixtures.blob(3)],
            "abort returns parts")
        try await requireOSSError("NoSuchUpload") { _ = try await store.abortUpload(bucket: "bkt", id: "u1") }
    }

    static func completeChecksPartsAndCondition(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        try await store.createUpload(Fixtures.upload("u1", key: "big"))
        for n in 1...3 { _ = try await store.putPart(Fixtures.part("u1", n, blob: Fixtures.blob(n))) }
        let object = Fixtures.object(
            "big",
            body: .segments([BlobSegment(id: Fixtures.blob(1), size: 1), BlobSegment(id: Fixtures.blob(3), size: 1)]))
        try await requireOSSError("InvalidPart") {
            _ = try await store.completeUpload(
                bucket: "bkt", id: "u1", object: object, usedParts: [1: Fixtures.blob(1), 3: "stale"],
                condition: .overwrite)
        }
        let existing = Fixtures.object("big")
        _ = try await store.putObject(existing, condition: .overwrite)
        try await requireOSSError("FileAlreadyExists") {
            _ = try await store.completeUpload(
                bucket: "bkt", id: "u1", object: object, usedParts: [1: Fixtures.blob(1), 3: Fixtures.blob(3)],
                condition: .mustNotExist)
        }
        try await require(store.parts(uploadID: "u1").count, equals: 3, "a refused completion keeps the parts")
        try await require(
            store.object(bucket: "bkt", key: "big"), equals: existing, "a refused completion keeps the object")
        let (previous, unused) = try await store.completeUpload(
            bucket: "bkt", id: "u1", object: object, usedParts: [1: Fixtures.blob(1), 3: Fixtures.blob(3)],
            condition: .overwrite)
        try require(previous, equals: existing.replaced, "replaced object returned")
        try require(unused.map(\.number), equals: [2], "unused parts returned")
        try await require(store.object(bucket: "bkt", key: "big"), equals: object, "object stored")
        try await require(store.upload(bucket: "bkt", id: "u1") == nil, "upload gone")
        try await require(store.parts(uploadID: "u1").isEmpty, "parts gone")
    }

    static func uploadsKeepBucketBusy(_ store: any MetadataStore) async throws {
        _ = try await store.createBucket(Fixtures.bucket())
        try await store.createUpload(Fixtures.upload("u1"))
        try await requireOSSError("BucketNotEmpty") { try await store.deleteBucket("bkt") }
        _ = try await store.abortUpload(bucket: "bkt", id: "u1")
        try await store.deleteBucket("bkt")
        try await requireOSSError("NoSuchBucket") { try await store.createUpload(Fixtures.upload("u2")) }
    }
}
