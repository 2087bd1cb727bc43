import CFileShims
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Write-behind for one open file: a ``BufferPipeline`` whose queue writes the buffers, in
/// order, to the file, so the request's own thread goes on with the next bytes while the
/// kernel takes the previous ones. Every 8 MiB it asks the kernel to start write-back
/// (`sync_file_range`), so the final fsync has little left to do and the page cache does
/// not fill with one upload's dirty pages.
///
/// Backpressure and errors are the pipeline's: see ``BufferPipeline``. A write error is
/// kept and thrown by the next ``append(_:)`` or ``finish(_:)``.
/// Not thread-safe for callers: one upload appends at a time.
final class WriteBehind: Sendable {
    private static let writeBackEvery: Int64 = 8 << 20

    /// What the queue knows of the file: bytes handed to the kernel so far and where the
    /// last write-back request ended. Touched on the pipeline's queue only.
    private final class Progress: @unchecked Sendable {
        var written: Int64 = 0
        var writeBackFrom: Int64 = 0
    }

    private let pipeline: BufferPipeline

    init(fd: Int32) {
        let progress = Progress()
        pipeline = BufferPipeline(label: "ossd.write-behind") { bytes in
            try Self.writeAll(bytes, to: fd)
            progress.written += Int64(bytes.count)
            if progress.written - progress.writeBackFrom >= Self.writeBackEvery {
                _ = ossd_start_writeback(fd, progress.writeBackFrom, progress.written - progress.writeBackFrom)
                progress.writeBackFrom = progress.written
            }
        }
    }

    /// Returns once an ``append(_:)`` of up to 1 MiB does not block.
    func room() async {
        await pipeline.room()
    }

    /// Copies `bytes` for writing. Throws an earlier write's error.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try pipeline.append(bytes)
    }

    /// Writes what is buffered, waits for every write, then runs `work` on the writing
    /// queue (fsync, rename) without holding a cooperative thread.
    func finish(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await pipeline.finish(work)
    }

    /// Waits until no write is pending (before the file descriptor is closed).
    func drain() {
        pipeline.drain()
    }

    /// Runs on the queue.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws(StorageIOError) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let n = Glibc.write(fd, base, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                throw StorageIOError.posix("write", errno)
            }
            remaining -= n
            base += n
        }
    }
}
