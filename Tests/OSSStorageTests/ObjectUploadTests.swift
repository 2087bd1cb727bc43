import Crypto
import Foundation
import OSSModel
import OSSStorage
import OSSTesting
import Testing

/// ``ObjectUpload`` hashes inline bytes on the caller's thread and blob-bound bytes behind
/// it (MD5 on its own queue): whichever path the bytes take, the digests are those of every
/// byte, in order, and the blob holds exactly those bytes.
@Suite("ObjectUpload")
struct ObjectUploadTests {
    /// Bytes that differ at every offset (a digest over reordered or lost chunks differs).
    static func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 29) }
    }

    static func upload(
        _ bytes: [UInt8], store: FileBlobStore, declared: Bool, chunk: Int, asBlob: Bool = false
    ) async throws -> UploadedData {
        let upload = try ObjectUpload(
            blobs: store, inlineThreshold: 64 * 1024, maxSize: 1 << 30,
            expectedLength: declared ? Int64(bytes.count) : nil)
        var start = 0
        while start < bytes.count {
            await upload.room()
            let end = min(start + chunk, bytes.count)
            try bytes[start..<end].withUnsafeBytes { try upload.write($0) }
            start = end
        }
        return try await upload.finish(asBlob: asBlob)
    }

    static func expect(_ data: UploadedData, holds bytes: [UInt8], store: FileBlobStore) async throws {
        #expect(data.size == Int64(bytes.count))
        #expect(data.md5 == Array(Insecure.MD5.hash(data: bytes)))
        var crc = CRC64()
        crc.update(bytes)
        #expect(data.crc64 == crc.value)
        switch data.storage {
        case .inline(let stored):
            #expect(stored == bytes)
        case .blob(let writer):
            let id = try await writer.commit()
            let stored = try #require(FileManager.default.contents(atPath: store.path(for: id)))
            #expect(Array(stored) == bytes)
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: [true, false])
    func largeUploadsHashEveryByteInOrder(declared: Bool) async throws {
        try await TemporaryDirectory.with { dir in
            let store = try FileBlobStore(root: dir)
            // Past four 1 MiB buffers, in chunks that straddle buffer edges.
            let bytes = Self.bytes(9 * (1 << 20) + 12_345)
            let data = try await Self.upload(bytes, store: store, declared: declared, chunk: 65_521)
            guard case .blob = data.storage else {
                Issue.record("expected a blob")
                return
            }
            try await Self.expect(data, holds: bytes, store: store)
        }
    }

    /// Bytes that start inline and spill to a blob mid-stream continue the inline digest.
    @Test func spillingMidStreamContinuesTheInlineDigest() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try FileBlobStore(root: dir)
            let bytes = Self.bytes(64 * 1024 + 777)
            let data = try await Self.upload(bytes, store: store, declared: false, chunk: 1_000)
            try await Self.expect(data, holds: bytes, store: store)
            let small = Self.bytes(3_000)
            let inline = try await Self.upload(small, store: store, declared: false, chunk: 7)
            try await Self.expect(inline, holds: small, store: store)
            let part = try await Self.upload(small, store: store, declared: true, chunk: 7, asBlob: true)
            try await Self.expect(part, holds: small, store: store)
        }
    }

    /// An abort mid-buffer: the partly filled buffer is dropped with the upload (and its
    /// slot returned, or libdispatch traps on the semaphore), and no temp file stays.
    @Test func abortedUploadLeavesNoTempFile() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try FileBlobStore(root: dir)
            let upload = try ObjectUpload(
                blobs: store, inlineThreshold: 1_024, maxSize: 1 << 30, expectedLength: 3 << 20)
            let bytes = Self.bytes((3 << 20) + 100)
            await upload.room()
            try bytes.withUnsafeBytes { try upload.write($0) }
            upload.abort()
            let temps = try FileManager.default.contentsOfDirectory(atPath: dir + "/tmp")
            #expect(temps.isEmpty)
        }
    }
}
