import Dispatch
import Synchronization

/// Bytes copied into a few reusable 1 MiB buffers and handed, in order, to a consumer on a
/// serial queue, so the caller's thread goes on with the next bytes while the consumer
/// works on the previous ones. ``WriteBehind`` writes them to a file; ``DigestBehind``
/// hashes them (MD5 on its own core while the request's thread receives).
///
/// At most ``depth`` buffers are in flight; a caller that gets that far ahead of the
/// consumer waits: suspended in ``room()`` (the thread goes on serving other requests; it
/// may be a connection's event loop), or, if it appends without asking, blocked in
/// ``append(_:)``. An error the consumer throws is kept and thrown by the next
/// ``append(_:)`` or ``finish(_:)``; the buffers after it are not consumed.
/// Not thread-safe for callers: one caller appends at a time.
final class BufferPipeline: @unchecked Sendable {
    static let bufferSize = 1 << 20
    static let depth = 4

    typealias Consumer = @Sendable (UnsafeRawBufferPointer) throws -> Void

    private let queue: DispatchQueue
    private let consume: Consumer
    private let slots = DispatchSemaphore(value: depth)
    /// Buffers taken (being filled or waiting for the queue) and not yet recycled.
    private let inFlight = Atomic<Int>(0)
    /// A caller suspended in ``room()`` until a buffer is recycled.
    private let waiter = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let spare = Mutex<[Handed]>([])
    private let failure = Mutex<(any Error)?>(nil)
    /// The buffer being filled (caller's side only).
    private var current: UnsafeMutableRawBufferPointer?
    private var filled = 0

    /// - Parameters:
    ///   - label: the serial queue's name.
    ///   - consume: runs on the queue, once per filled buffer, in order.
    init(label: String, consume: @escaping Consumer) {
        self.queue = DispatchQueue(label: label)
        self.consume = consume
    }

    deinit {
        // Queued buffers hold the pipeline alive, so only the one being filled is still
        // taken; its slot goes back, or libdispatch traps on a semaphore below its start.
        if let current {
            current.deallocate()
            slots.signal()
        }
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

    /// Copies `bytes` for the consumer. Throws an earlier error of the consumer.
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

    /// Hands over what is buffered, waits until the consumer has taken every byte, then
    /// runs `work` on the queue (fsync, rename; reading a digest) without holding a
    /// cooperative thread.
    func finish<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        if filled > 0 { submit() }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            queue.async {
                if let error = self.failure.withLock({ $0 }) {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(with: Result { try work() })
                }
            }
        }
    }

    /// Drops what is buffered and waits until the consumer is idle (before its file is
    /// closed or the pipeline abandoned).
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
                try self.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            } catch {
                self.failure.withLock { $0 = error }
            }
        }
    }

    /// A buffer passed whole to the queue; the caller no longer touches it.
    private struct Handed: @unchecked Sendable {
        let buffer: UnsafeMutableRawBufferPointer
    }
}
