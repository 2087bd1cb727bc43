import Foundation
import OSSModel

#if canImport(Glibc)
    import Glibc
#endif

/// A `BlobStore` on a local (or shared POSIX) file system:
/// `<root>/tmp/<id>.part` while writing, `<root>/blobs/<id[0..2]>/<id>` once committed.
/// Durability relies on fsync of the file, rename, and fsync of the directory.
public struct FileBlobStore: BlobStore {
    public let root: String
    var tmpDirectory: String { root + "/tmp" }
    var blobDirectory: String { root + "/blobs" }

    /// Creates the store's directories under `root`.
    public init(root: String) throws {
        self.root = root
        for dir in [root, root + "/tmp", root + "/blobs"] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }

    public func makeWriter() throws -> any BlobWriter {
        let id = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return try FileBlobWriter(store: self, id: id)
    }

    public func path(for id: String) -> String {
        blobDirectory + "/" + id.prefix(2) + "/" + id
    }

    public func delete(_ id: String) {
        guard FileBlobStore.isValidID(id) else { return }
        unlink(path(for: id))
    }

    public func sweep(olderThan grace: Double, isReferenced: @Sendable (String) async throws -> Bool) async throws
        -> Int
    {
        var removed = 0
        let fm = FileManager.default
        let cutoff = Date().timeIntervalSince1970 - grace
        func oldEnough(_ path: String) -> Bool {
            guard grace > 0 else { return true }
            var info = stat()
            guard stat(path, &info) == 0 else { return false }
            return Double(info.st_mtim.tv_sec) < cutoff
        }
        for name in (try? fm.contentsOfDirectory(atPath: tmpDirectory)) ?? [] {
            let path = tmpDirectory + "/" + name
            if oldEnough(path), unlink(path) == 0 { removed += 1 }
        }
        for shard in (try? fm.contentsOfDirectory(atPath: blobDirectory)) ?? [] {
            let dir = blobDirectory + "/" + shard
            for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] {
                let path = dir + "/" + name
                if oldEnough(path), try await !isReferenced(name) {
                    if unlink(path) == 0 { removed += 1 }
                }
            }
        }
        return removed
    }

    static func isValidID(_ id: String) -> Bool {
        id.count == 32 && id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
