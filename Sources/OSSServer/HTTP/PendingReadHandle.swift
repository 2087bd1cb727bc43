import Glibc
import Synchronization
import _NIOFileSystem

/// A file opened before its response is written. The response body takes it with
/// ``take()``; if the body never runs (the client went away before the head was written),
/// the last reference closes the descriptor instead of leaking it, which
/// `_NIOFileSystem` treats as a fatal error.
final class PendingReadHandle: Sendable {
    private let handle: Mutex<ReadFileHandle?>

    init(_ handle: ReadFileHandle) { self.handle = Mutex(handle) }

    /// The handle, once; nil afterwards. The caller must close it.
    func take() -> ReadFileHandle? {
        handle.withLock { value in
            defer { value = nil }
            return value
        }
    }

    deinit {
        guard let unclaimed = take(), let descriptor = try? unclaimed.detachUnsafeFileDescriptor() else { return }
        _ = Glibc.close(descriptor.rawValue)
    }
}
