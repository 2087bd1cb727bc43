import CFileShims
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Write-behind for one open file: bytes are copied into a few reusable 1 MiB buffers and
/// written, in order, by a serial queue, so the request's own thread goes on hashing the
/// next bytes while the kernel takes the previous ones. Every 8 MiB it asks the kernel to
/// start write-back (`sync_file_range`), so the final fsync has little left to do and the
/// page cache does not fill with one upload's dirty pages.
///
/// At most ``depth`` buffers are in flight; a writer that gets that far ahead of the disk
/// waits: suspended in ``room()`` (the thread goes on serving other requests; it may be a
/// connection's event loop), or, if it appends without asking, blocked in ``append(_:)``.
/// A write error is kept and thrown by the next ``append(_:)`` or ``finish(_:)``.
/// Not thread-safe for callers: one upload appends at a time.
final class WriteBehind: @unchecked Sendable {
    static let bufferSize = 1 << 20
    static let depth = 4
    private static let writeBackEvery: Int64 = 8 << 20

    private let fd: Int32
    private let queue = DispatchQueue(label: "ossd.write-behind")
    private let slots = DispatchSemaphore(value: depth)
    /// Buffers taken (being filled or waiting for the queue) and not yet recycled.
    private let inFlight = Atomic<Int>(0)
    /// A caller suspended in ``room()`` until a buffer is recycled.
    private let waiter = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let spare = Mutex<[Handed]>([])
    private let failure = Mutex<StorageIOError?>(nil)
    /// The buffer being filled (caller's side only).
    private var current: UnsafeMutableRawBufferPointer?
    private var filled = 0
    /// Bytes handed to the kernel so far (queue's side only).
    private var written: Int64 = 0
    private var writeBackFrom: Int64 = 0

    init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        current?.deallocate()
        for handed in spare.withLock({ $0 }) { handed.buffer.deallocate() }
    }

    /// Returns once a buffer is free, so that an ``append(_:)`` of up to ``bufferSize``
    /// bytes does not block. One caller at a time.
    func room() async {
        guard inFlight.load(ordering: .acquiring) >= Self.depth else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = waiter.withLock { waiting -> Bool in
                // Checked under the lock that recycle() takes after freeing a buffer.
                if inFlight.load(ordering: .acquiring) < Self.depth { return true }
                waiting = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Copies `bytes` for writing. Throws an earlier write's error.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try throwIfFailed()
        var rest = bytes
        while !rest.isEmpty {
            let buffer = current ?? take()
            current = buffer
            let n = min(rest.count, buffer.count - filled)
            UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<filled + n])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: rest[0..<n]))
            filled += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            if filled == buffer.count { submit() }
        }
    }

    /// Writes what is buffered, waits for every write, then runs `work` on the writing
    /// queue (fsync, rename) without holding a cooperative thread.
    func finish(_ work: @escaping @Sendable () throws -> Void) async throws {
        if filled > 0 { submit() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.async {
                if let error = self.failure.withLock({ $0 }) {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(with: Result { try work() })
                }
            }
        }
    }

    /// Waits until no write is pending (before the file descriptor is closed).
    func drain() {
        if let buffer = current {
            current = nil
            filled = 0
            recycle(buffer)
        }
        queue.sync {}
    }

    private func throwIfFailed() throws {
        if let error = failure.withLock({ $0 }) { throw error }
    }

    private func take() -> UnsafeMutableRawBufferPointer {
        slots.wait()
        inFlight.add(1, ordering: .acquiringAndReleasing)
        filled = 0
        if let handed = spare.withLock({ $0.popLast() }) { return handed.buffer }
        return .allocate(byteCount: Self.bufferSize, alignment: 4096)
    }

    private func recycle(_ buffer: UnsafeMutableRawBufferPointer) {
        let handed = Handed(buffer: buffer)
        spare.withLock { $0.append(handed) }
        inFlight.subtract(1, ordering: .acquiringAndReleasing)
        slots.signal()
        waiter.withLock { waiting in
            defer { waiting = nil }
            return waiting
        }?.resume()
    }

    private func submit() {
        guard let taken = current else { return }
        let count = filled
        current = nil
        filled = 0
        let handed = Handed(buffer: taken)
        queue.async {
            let buffer = handed.buffer
            defer { self.recycle(buffer) }
            guard self.failure.withLock({ $0 == nil }) else { return }
            do {
                try self.writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            } catch let error as StorageIOError {
                self.failure.withLock { $0 = error }
            } catch {
                self.failure.withLock { $0 = StorageIOError.posix("write", EIO) }
            }
        }
    }

    /// A buffer passed whole to the queue; the caller no longer touches it.
    private struct Handed: @unchecked Sendable {
        let buffer: UnsafeMutableRawBufferPointer
    }

    /// Runs on the queue.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
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
        written += Int64(bytes.count)
        if written - writeBackFrom >= Self.writeBackEvery {
            _ = ossd_start_writeback(fd, writeBackFrom, written - writeBackFrom)
            writeBackFrom = written
        }
    }
}
