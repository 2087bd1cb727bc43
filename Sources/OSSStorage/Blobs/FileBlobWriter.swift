import Foundation
import OSSModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Shard directories whose own entry in `blobs/` this process has made durable (fsync of
/// `blobs/` after the shard exists), so each costs one extra directory fsync per process.
private let durableShardDirectories = Mutex<Set<String>>([])

/// Writes one blob: a temp file (written behind the caller, see ``WriteBehind``), then
/// fsync → rename → fsync(dir) on commit, after every write has reached the kernel.
final class FileBlobWriter: BlobWriter {
    private let store: FileBlobStore
    private let id: String
    private let tempPath: String
    private var fd: Int32
    private var committed = false
    private var pending: WriteBehind

    init(store: FileBlobStore, id: String) throws {
        self.store = store
        self.id = id
        self.tempPath = store.tmpDirectory + "/" + id + ".part"
        fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 { throw StorageIOError.posix("open", errno) }
        pending = WriteBehind(fd: fd)
    }

    deinit {
        if !committed { abort() }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try pending.append(bytes)
    }

    func room() async {
        await pending.room()
    }

    func commit() async throws -> String {
        let fd = self.fd
        let tempPath = self.tempPath
        let finalPath = store.path(for: id)
        let shardDirectory = String(finalPath[..<finalPath.lastIndex(of: "/")!])
        let blobDirectory = store.blobDirectory
        try await pending.finish {
            if fsync(fd) != 0 { throw StorageIOError.posix("fsync", errno) }
            if mkdir(shardDirectory, 0o755) != 0 && errno != EEXIST { throw StorageIOError.posix("mkdir", errno) }
            if !durableShardDirectories.withLock({ $0.contains(shardDirectory) }) {
                // A blob in a shard is only durable once the shard's entry in blobs/ is.
                let parentFD = open(blobDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if parentFD < 0 { throw StorageIOError.posix("open dir", errno) }
                defer { close(parentFD) }
                if fsync(parentFD) != 0 { throw StorageIOError.posix("fsync dir", errno) }
                durableShardDirectories.withLock { _ = $0.insert(shardDirectory) }
            }
            if rename(tempPath, finalPath) != 0 { throw StorageIOError.posix("rename", errno) }
            let dirFD = open(shardDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dirFD < 0 { throw StorageIOError.posix("open dir", errno) }
            defer { close(dirFD) }
            if fsync(dirFD) != 0 { throw StorageIOError.posix("fsync dir", errno) }
        }
        close(fd)
        self.fd = -1
        committed = true
        return id
    }

    /// Swaps the (empty) temp file for a hard link made by `linker`, which returns false
    /// when linking is impossible; `copy` then fills the original temp file instead.
    func replaceTemp(
        _ linker: (String) throws -> Bool, copy: (Int32) throws -> Void
    ) async throws {
        pending.drain()
        unlink(tempPath)
        if try linker(tempPath) {
            close(fd)
            fd = open(tempPath, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw StorageIOError.posix("open", errno) }
            return
        }
        close(fd)
        fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 { throw StorageIOError.posix("open", errno) }
        pending = WriteBehind(fd: fd)
        try copy(fd)
    }

    func abort() {
        pending.drain()
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if !committed { unlink(tempPath) }
    }
}
