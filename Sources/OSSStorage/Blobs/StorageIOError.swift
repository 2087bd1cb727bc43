import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file-system failure in the blob store. The server reports it as `500 InternalError`
/// (or `InsufficientStorage`-style errors when the disk is full) and logs the detail.
public struct StorageIOError: Error, CustomStringConvertible {
    public let operation: String
    public let code: Int32

    public static func posix(_ operation: String, _ code: Int32) -> StorageIOError {
        StorageIOError(operation: operation, code: code)
    }

    /// Whether the failure means the disk (or quota) is full.
    public var isNoSpace: Bool { code == ENOSPC || code == EDQUOT }

    public var description: String { "\(operation): \(String(cString: strerror(code)))" }

    /// Runs blocking file-system work (fsync, rename) off the cooperative thread pool.
    static func offload(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
