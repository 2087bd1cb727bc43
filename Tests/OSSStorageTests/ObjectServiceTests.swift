import Crypto
import Foundation
import OSSModel
import OSSStorage
import OSSTesting
import Testing

@Suite("ObjectService")
struct ObjectServiceTests {
    static func withService(_ body: (ObjectService, String) async throws -> Void) async throws {
        try await TemporaryDirectory.with { dir in
            let service = ObjectService(
                metadata: InMemoryMetadataStore(), blobs: try FileBlobStore(root: dir),
                configuration: StorageConfiguration(inlineThreshold: 16))
            try await service.createBucket(
                try BucketName("bkt"), acl: .private, storageClass: .standard, redundancy: "LRS",
                ownerID: Principal.rootAccountID)
            try await body(service, dir)
        }
    }

    static func put(
        _ service: ObjectService, _ key: String, _ bytes: [UInt8], md5: [UInt8]? = nil,
        condition: WriteCondition = .overwrite
    ) async throws -> ObjectRecord {
        let upload = try service.beginUpload(expectedLength: nil)
        // Feed the bytes in small pieces to cross the inline threshold mid-stream.
        for start in stride(from: 0, to: bytes.count, by: 5) {
            try upload.write(Array(bytes[start..<min(start + 5, bytes.count)]))
        }
        return try await service.putObject(
            bucket: try await service.bucket("bkt"), key: try ObjectKey(key), data: try await upload.finish(),
            expectedMD5: md5,
            options: WriteOptions(metadata: .plain("text/plain"), condition: condition), ownerID: "owner")
    }

    static func blobCount(_ dir: String) -> Int {
        (FileManager.default.enumerator(atPath: dir + "/blobs")?.allObjects as? [String] ?? []).filter { $0.count > 3 }
            .count
    }

    @Test func smallObjectsStayInlineLargeOnesBecomeBlobs() async throws {
        try await Self.withService { service, dir in
            let small = try await Self.put(service, "small", Array("0123456789".utf8))
            #expect(small.body == .inline(Array("0123456789".utf8)))
            let bytes = Array(repeating: UInt8(7), count: 100)
            let large = try await Self.put(service, "large", bytes)
            #expect(large.body.blobID != nil)
            #expect(large.etag == Insecure.MD5.hash(data: bytes).map { String(format: "%02X", $0) }.joined())
            #expect(large.crc64 == CRC64.checksum(bytes))
            #expect(Self.blobCount(dir) == 1)
        }
    }

    @Test func wrongContentMD5StoresNothing() async throws {
        try await Self.withService { service, dir in
            await #expect(throws: OSSError.invalidDigest) {
                _ = try await Self.put(
                    service, "k", Array(repeating: 1, count: 100), md5: Array(repeating: 0, count: 16))
            }
            let stored = try await service.metadata.object(bucket: "bkt", key: "k")
            #expect(stored == nil)
            #expect(Self.blobCount(dir) == 0)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: dir + "/tmp"))?.isEmpty == true)
        }
    }

    @Test func overwriteAndDeleteReleaseBlobs() async throws {
        try await Self.withService { service, dir in
            _ = try await Self.put(service, "k", Array(repeating: 1, count: 100))
            _ = try await Self.put(service, "k", Array(repeating: 2, count: 100))
            #expect(Self.blobCount(dir) == 1)
            try await service.deleteObject(bucket: "bkt", key: "k")
            #expect(Self.blobCount(dir) == 0)
        }
    }

    @Test func refusedForbidOverwriteKeepsTheOriginalAndNoBlob() async throws {
        try await Self.withService { service, dir in
            let original = try await Self.put(service, "k", Array(repeating: 1, count: 100))
            await #expect(throws: OSSError.fileAlreadyExists) {
                _ = try await Self.put(service, "k", Array(repeating: 2, count: 100), condition: .mustNotExist)
            }
            let stored = try await service.object(bucket: "bkt", key: "k")
            #expect(stored == original)
            #expect(Self.blobCount(dir) == 1)
        }
    }

    @Test func reCreatingOwnBucketSucceedsAnotherOwnersIsRefused() async throws {
        try await Self.withService { service, _ in
            try await service.createBucket(
                try BucketName("bkt"), acl: .publicRead, storageClass: .ia, redundancy: "LRS",
                ownerID: Principal.rootAccountID)
            let bucket = try await service.bucket("bkt")
            #expect(bucket.acl == .private)
            await #expect(throws: OSSError.bucketAlreadyExists) {
                try await service.createBucket(
                    try BucketName("bkt"), acl: .private, storageClass: .standard, redundancy: "LRS", ownerID: "other")
            }
        }
    }
}
