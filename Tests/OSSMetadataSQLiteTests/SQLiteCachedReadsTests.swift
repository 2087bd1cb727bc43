import Foundation
import OSSMetadataSQLite
import Synchronization
import OSSModel
import OSSTesting
import Testing

/// The store's point reads come from its record cache after the first read: every write
/// must show through it at once.
@Suite("SQLiteMetadataStore cached reads")
struct SQLiteCachedReadsTests {
    private func record(_ key: String, _ text: String, target: String? = nil) -> ObjectRecord {
        var record = Fixtures.object(key, body: target == nil ? .inline(Array(text.utf8)) : .empty,
            kind: target == nil ? .normal : .symlink, target: target)
        record.etag = text
        return record
    }

    @Test func writesShowThroughReadsThatWereCached() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try SQLiteMetadataStore(path: dir + "/metadata.sqlite")
            #expect(try await store.lookup(bucket: "bkt", key: "t", followLink: true).bucket == nil)
            _ = try await store.createBucket(Fixtures.bucket())
            #expect(try await store.lookup(bucket: "bkt", key: "t", followLink: true).object == nil)
            _ = try await store.putObject(record("t", "v1"), condition: .overwrite)
            _ = try await store.putObject(record("link", "", target: "t"), condition: .overwrite)
            #expect(try await store.lookup(bucket: "bkt", key: "link", followLink: true).target?.etag == "v1")

            _ = try await store.putObject(record("t", "v2"), condition: .overwrite)
            let relinked = try await store.lookup(bucket: "bkt", key: "link", followLink: true)
            #expect(relinked.target?.etag == "v2")
            #expect(try await store.object(bucket: "bkt", key: "t")?.body == .inline(Array("v2".utf8)))

            try await store.setObjectACL(bucket: "bkt", key: "t", acl: .publicRead)
            #expect(try await store.lookup(bucket: "bkt", key: "t", followLink: false).object?.acl == .publicRead)
            try await store.setObjectTags(bucket: "bkt", key: "t", tags: try ObjectTags([]))
            #expect(try await store.object(bucket: "bkt", key: "t")?.tags.isEmpty == true)
            try await store.setBucketACL("bkt", acl: .publicReadWrite)
            #expect(try await store.lookup(bucket: "bkt", key: "t", followLink: false).bucket?.acl == .publicReadWrite)
            try await store.setBucketPolicy("bkt", policy: "{}")
            #expect(try await store.bucket(named: "bkt")?.policy == "{}")

            _ = try await store.deleteObject(bucket: "bkt", key: "t")
            let dangling = try await store.lookup(bucket: "bkt", key: "link", followLink: true)
            #expect(dangling.object?.kind == .symlink)
            #expect(dangling.target == nil)
            _ = try await store.deleteObject(bucket: "bkt", key: "link")
            try await store.deleteBucket("bkt")
            #expect(try await store.lookup(bucket: "bkt", key: "t", followLink: true).bucket == nil)
            #expect(try await store.bucket(named: "bkt") == nil)
        }
    }

    @Test func aCompletedUploadReplacesTheCachedRecord() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try SQLiteMetadataStore(path: dir + "/metadata.sqlite")
            _ = try await store.createBucket(Fixtures.bucket())
            _ = try await store.putObject(record("big", "old"), condition: .overwrite)
            #expect(try await store.object(bucket: "bkt", key: "big")?.etag == "old")
            try await store.createUpload(Fixtures.upload("u1"))
            _ = try await store.putPart(Fixtures.part("u1", 1, blob: Fixtures.blob(1)))
            var completed = Fixtures.object("big", body: .segments([BlobSegment(id: Fixtures.blob(1), size: 1024)]))
            completed.etag = "new-1"
            _ = try await store.completeUpload(
                bucket: "bkt", id: "u1", object: completed, usedParts: [1: Fixtures.blob(1)], condition: .overwrite)
            #expect(try await store.lookup(bucket: "bkt", key: "big", followLink: true).object?.etag == "new-1")
        }
    }

    /// Canonically equivalent spellings are one Swift `String` but two OSS keys: the cache
    /// must not answer one with the other (found by R10, a link to `café` read `café`).
    @Test func keysThatAreEqualStringsButDifferentBytesStayApart() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try SQLiteMetadataStore(path: dir + "/metadata.sqlite")
            _ = try await store.createBucket(Fixtures.bucket())
            let composed = "caf\u{E9}"
            let decomposed = "cafe\u{301}"
            _ = try await store.putObject(record(composed, "composed"), condition: .overwrite)
            _ = try await store.putObject(record(decomposed, "decomposed"), condition: .overwrite)
            _ = try await store.putObject(record("link", "", target: composed), condition: .overwrite)
            for _ in 0..<2 {
                #expect(try await store.object(bucket: "bkt", key: composed)?.etag == "composed")
                #expect(try await store.object(bucket: "bkt", key: decomposed)?.etag == "decomposed")
                #expect(try await store.lookup(bucket: "bkt", key: "link", followLink: true).target?.etag == "composed")
            }
        }
    }

    /// One writer overwrites a key while many tasks read it (and so refill the cache with
    /// whatever they read, possibly just before a commit): after each acknowledged write,
    /// the writer's own read returns that write, never an earlier one.
    @Test(.timeLimit(.minutes(1))) func readsAfterEachAcknowledgedWriteSeeIt() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try SQLiteMetadataStore(path: dir + "/metadata.sqlite")
            _ = try await store.createBucket(Fixtures.bucket())
            _ = try await store.putObject(record("k", "0"), condition: .overwrite)
            let stale = try await withThrowingTaskGroup(of: Int.self) { group in
                let done = StopFlag()
                for _ in 0..<8 {
                    group.addTask {
                        while !done.isSet {
                            _ = try await store.lookup(bucket: "bkt", key: "k", followLink: true)
                            await Task.yield()
                        }
                        return 0
                    }
                }
                group.addTask {
                    var stale = 0
                    for version in 1...300 {
                        _ = try await store.putObject(record("k", String(version)), condition: .overwrite)
                        let seen = try await store.lookup(bucket: "bkt", key: "k", followLink: true).object?.etag
                        if seen != String(version) { stale += 1 }
                    }
                    done.set()
                    return stale
                }
                return try await group.reduce(0, +)
            }
            #expect(stale == 0)
        }
    }
}

/// A flag set once, read from many tasks.
private final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
