import Crypto

/// MD5 of an upload computed on its own queue (a ``BufferPipeline``), so that hashing, the
/// slowest step of a large PUT (about 0.7 GB/s per core), runs beside the request's thread
/// instead of on it: the thread receives, copies and computes CRC-64 while another core
/// hashes the previous megabytes.
///
/// Costs one copy of each byte (memcpy is some twenty times faster than MD5) and at most
/// four 1 MiB buffers per upload. Dropping it mid-stream is safe: buffers still queued are
/// hashed and freed. Not thread-safe for callers: one upload appends at a time.
final class DigestBehind: Sendable {
    /// The running digest; touched on the pipeline's queue only.
    private final class State: @unchecked Sendable {
        var md5: Insecure.MD5
        init(_ md5: Insecure.MD5) { self.md5 = md5 }
    }

    private let state: State
    private let pipeline: BufferPipeline

    /// - Parameter md5: the digest of the bytes that came before, to continue from.
    init(continuing md5: Insecure.MD5) {
        let state = State(md5)
        self.state = state
        pipeline = BufferPipeline(label: "ossd.digest") { bytes in state.md5.update(bufferPointer: bytes) }
    }

    /// Returns once an ``append(_:)`` of up to 1 MiB does not block.
    func room() async {
        await pipeline.room()
    }

    /// Copies `bytes` to be hashed.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try pipeline.append(bytes)
    }

    /// The 16-byte MD5 of every byte appended (and of those `md5` had seen), once the queue
    /// has hashed them all.
    func finish() async throws -> [UInt8] {
        let state = self.state
        return try await pipeline.finish { Array(state.md5.finalize()) }
    }
}
