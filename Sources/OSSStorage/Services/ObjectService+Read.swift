import Foundation
import OSSModel

#if canImport(Glibc)
    import Glibc
#endif

extension ObjectService {
    /// Copies bytes `range` of `record`'s data into `upload` (UploadPartCopy), 1 MiB at a
    /// time, awaiting the upload's write-behind room before each chunk so that a long copy
    /// suspends instead of blocking its thread on the disk. Throws `NoSuchKey` when a blob
    /// vanished under a concurrent overwrite.
    public func copyBytes(of record: ObjectRecord, range: Range<Int64>, into upload: ObjectUpload) async throws {
        switch record.body {
        case .empty: return
        case .inline(let bytes):
            try upload.write(Array(bytes[Int(range.lowerBound)..<Int(range.upperBound)]))
        case .blob(let id):
            try await copyFile(blobs.path(for: id), range: range, into: upload, key: record.key)
        case .segments(let segments):
            var offset: Int64 = 0
            for segment in segments {
                let segmentRange = offset..<(offset + segment.size)
                offset += segment.size
                let lower = max(range.lowerBound, segmentRange.lowerBound)
                let upper = min(range.upperBound, segmentRange.upperBound)
                guard lower < upper else { continue }
                let local = (lower - segmentRange.lowerBound)..<(upper - segmentRange.lowerBound)
                try await copyFile(blobs.path(for: segment.id), range: local, into: upload, key: record.key)
            }
        }
    }

    private func copyFile(
        _ path: String, range: Range<Int64>, into upload: ObjectUpload, key: String
    ) async throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { throw OSSError.noSuchKey(key) }
            throw StorageIOError.posix("open", errno)
        }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var position = range.lowerBound
        while position < range.upperBound {
            await upload.room()
            let want = Int(min(Int64(chunk.count), range.upperBound - position))
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(position)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StorageIOError.posix("pread", errno)
            }
            if n == 0 { throw StorageIOError.posix("pread: short file", EIO) }
            try chunk.withUnsafeBytes { try upload.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            position += Int64(n)
        }
    }
}
