import Foundation
import OSSModel

#if canImport(Glibc)
    import Glibc
#endif

extension FileBlobStore {
    public func clone(_ id: String) async throws -> String {
        let source = path(for: id)
        let writer = try makeWriter()
        guard let fileWriter = writer as? FileBlobWriter else { throw StorageIOError.posix("clone", EINVAL) }
        do {
            try await fileWriter.adopt(linkingTo: source)
            return try await fileWriter.commit()
        } catch {
            fileWriter.abort()
            throw error
        }
    }
}

extension FileBlobWriter {
    /// Fills this writer's temp file with the bytes of the committed blob at `source`:
    /// a hard link when possible, else a byte copy.
    func adopt(linkingTo source: String) async throws {
        try await replaceTemp { tempPath in
            if link(source, tempPath) == 0 { return true }
            if errno == ENOENT { throw StorageIOError.posix("link", ENOENT) }
            return false
        } copy: { fd in
            let input = open(source, O_RDONLY | O_CLOEXEC)
            if input < 0 { throw StorageIOError.posix("open", errno) }
            defer { close(input) }
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StorageIOError.posix("read", errno)
                }
                if n == 0 { return }
                try chunk.withUnsafeBytes { try self.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            }
        }
    }
}
