import OSSModel
import OSSStorage
import OSSTesting
import Testing

@Suite("SymlinkService")
struct SymlinkServiceTests {
    static func withLinks(_ body: (SymlinkService, BucketRecord) async throws -> Void) async throws {
        try await TemporaryDirectory.with { dir in
            let objects = ObjectService(
                metadata: InMemoryMetadataStore(), blobs: try FileBlobStore(root: dir),
                configuration: StorageConfiguration())
            try await objects.createBucket(
                try BucketName("bkt"), acl: .private, storageClass: .ia, redundancy: "LRS", ownerID: "o")
            try await body(SymlinkService(objects: objects), try await objects.bucket("bkt"))
        }
    }

    static func link(
        _ links: SymlinkService, _ bucket: BucketRecord, _ key: String, to target: String,
        condition: WriteCondition = .overwrite
    ) async throws -> ObjectRecord {
        try await links.putSymlink(
            bucket: bucket, key: try ObjectKey(key), target: try ObjectKey(target),
            options: WriteOptions(metadata: .plain("text/plain"), condition: condition), ownerID: "o")
    }

    @Test func creationDoesNotLookAtTheTarget() async throws {
        try await Self.withLinks { links, bucket in
            let record = try await Self.link(links, bucket, "l", to: "missing 文件")
            #expect(record.kind == .symlink)
            #expect(record.symlinkTarget == "missing 文件")
            #expect(record.size == Int64("missing 文件".utf8.count))
            #expect(record.storageClass == .ia)
            #expect(record.etag.count == 32)
        }
    }

    @Test func resolutionIsOneHopInTheSameBucket() async throws {
        try await Self.withLinks { links, bucket in
            let target = Fixtures.object("t", body: .inline([1, 2, 3]))
            _ = try await links.objects.metadata.putObject(target, condition: .overwrite)
            let link = try await Self.link(links, bucket, "l", to: "t")
            let resolved = try await links.resolve(link)
            #expect(resolved == target)
        }
    }

    @Test func danglingLinkIsSymlinkTargetNotExist() async throws {
        try await Self.withLinks { links, bucket in
            let link = try await Self.link(links, bucket, "l", to: "gone")
            await #expect(throws: OSSError.symlinkTargetNotExist) { try await links.resolve(link) }
        }
    }

    @Test func linkToLinkAndSelfLinkAreInvalidTargetType() async throws {
        try await Self.withLinks { links, bucket in
            _ = try await Self.link(links, bucket, "a", to: "b")
            let b = try await Self.link(links, bucket, "b", to: "a")
            let me = try await Self.link(links, bucket, "me", to: "me")
            await #expect(throws: OSSError.invalidTargetType) { try await links.resolve(b) }
            await #expect(throws: OSSError.invalidTargetType) { try await links.resolve(me) }
        }
    }

    @Test func getSymlinkOnNormalObjectIsNotSymlink() async throws {
        try await Self.withLinks { links, _ in
            _ = try await links.objects.metadata.putObject(Fixtures.object("plain"), condition: .overwrite)
            await #expect(throws: OSSError.notSymlink) { _ = try await links.symlink(bucket: "bkt", key: "plain") }
            await #expect(throws: OSSError.noSuchKey("none")) {
                _ = try await links.symlink(bucket: "bkt", key: "none")
            }
        }
    }

    @Test func forbidOverwriteRefusesAnExistingKey() async throws {
        try await Self.withLinks { links, bucket in
            _ = try await Self.link(links, bucket, "l", to: "t1")
            await #expect(throws: OSSError.fileAlreadyExists) {
                _ = try await Self.link(links, bucket, "l", to: "t2", condition: .mustNotExist)
            }
            let kept = try await links.symlink(bucket: "bkt", key: "l")
            #expect(kept.symlinkTarget == "t1")
        }
    }
}
