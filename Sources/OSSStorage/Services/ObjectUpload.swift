import Crypto
import OSSModel

/// The bytes of an upload after ``ObjectUpload/finish()``: where they are and their digests.
public struct UploadedData {
    /// Where the bytes wait to be committed.
    public enum Storage {
        case inline([UInt8])
        case blob(any BlobWriter)
    }

    public let storage: Storage
    public let size: Int64
    /// The 16-byte MD5 digest.
    public let md5: [UInt8]
    public let crc64: UInt64
}

/// Receives an object's bytes as they stream in, computing MD5 and CRC-64 in the same pass.
///
/// Bytes stay in memory while the object is no larger than the inline threshold; past it
/// they spill to a blob writer (a temp file), so memory stays bounded whatever the size.
/// Not thread-safe: an upload belongs to one request.
public final class ObjectUpload {
    private let blobs: any BlobStore
    private let inlineThreshold: Int
    private let maxSize: Int64
    private var buffer: [UInt8] = []
    private var writer: (any BlobWriter)?
    /// MD5 of the bytes kept inline; once bytes go to a blob, ``digester`` continues it.
    private var md5 = Insecure.MD5()
    private var digester: DigestBehind?
    private var crc = CRC64()
    private var size: Int64 = 0
    private var finished = false

    /// - Parameters:
    ///   - expectedLength: the Content-Length when known; a body known to be larger than the
    ///     threshold goes straight to a blob.
    public init(blobs: any BlobStore, inlineThreshold: Int, maxSize: Int64, expectedLength: Int64?) throws {
        self.blobs = blobs
        self.inlineThreshold = inlineThreshold
        self.maxSize = maxSize
        if let expectedLength {
            if expectedLength > maxSize { throw OSSError.entityTooLarge }
            if expectedLength > Int64(inlineThreshold) {
                writer = try blobs.makeWriter()
            } else {
                buffer.reserveCapacity(Int(expectedLength))
            }
        }
    }

    deinit {
        if !finished { writer?.abort() }
    }

    /// Appends bytes. Throws `EntityTooLarge` past the size limit, or an I/O error.
    ///
    /// Bytes kept inline are hashed here; once they go to a blob, MD5 moves to a
    /// ``DigestBehind`` (its own core) and only CRC-64 and a copy stay on this thread.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.isEmpty { return }
        size += Int64(bytes.count)
        if size > maxSize { throw OSSError.entityTooLarge }
        crc.update(bytes)
        if let writer {
            try digest(bytes)
            try writer.write(bytes)
        } else if buffer.count + bytes.count <= inlineThreshold {
            md5.update(bufferPointer: bytes)
            buffer.append(contentsOf: bytes)
        } else {
            let spill = try blobs.makeWriter()
            try buffer.withUnsafeBytes { try spill.write($0) }
            try digest(bytes)
            try spill.write(bytes)
            buffer = []
            writer = spill
        }
    }

    /// Hashes bytes bound for the blob, behind the caller.
    private func digest(_ bytes: UnsafeRawBufferPointer) throws {
        if digester == nil { digester = DigestBehind(continuing: md5) }
        try digester?.append(bytes)
    }

    /// Returns once the next ``write(_:)`` of up to 1 MiB will not wait for the disk
    /// (``BlobWriter/room()``) or for the hashing. Streaming callers await it before each
    /// chunk.
    public func room() async {
        await digester?.room()
        await writer?.room()
    }

    /// Appends bytes from any contiguous collection.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Ends the upload and hands over the bytes and digests.
    /// - Parameter asBlob: put the bytes in a blob even when they would fit inline (parts).
    public func finish(asBlob: Bool = false) async throws -> UploadedData {
        if asBlob, writer == nil {
            let spill = try blobs.makeWriter()
            try buffer.withUnsafeBytes { try spill.write($0) }
            buffer = []
            writer = spill
        }
        let digest: [UInt8]
        if let digester {
            digest = try await digester.finish()
        } else {
            digest = Array(md5.finalize())
        }
        finished = true
        let storage: UploadedData.Storage = writer.map { .blob($0) } ?? .inline(buffer)
        return UploadedData(storage: storage, size: size, md5: digest, crc64: crc.value)
    }

    /// Discards the bytes received so far.
    public func abort() {
        finished = true
        digester = nil
        writer?.abort()
    }
}
