/// The blob port: where the bytes of larger objects live, one immutable blob per object
/// version. A blob is never modified after ``BlobWriter/commit()``; overwriting an object
/// writes a new blob and releases the old one after the metadata commit.
public protocol BlobStore: Sendable {
    /// Starts a new blob in a temporary location.
    func makeWriter() throws -> any BlobWriter
    /// The file-system path of a committed blob, for streaming reads. The file may vanish
    /// (a concurrent overwrite released it); readers re-read the metadata then.
    func path(for id: String) -> String
    /// Makes a durable, independent copy of a committed blob (a hard link where the file
    /// system allows it: blobs are immutable, so sharing the inode is safe) and returns the
    /// copy's identifier.
    func clone(_ id: String) async throws -> String
    /// Releases a committed blob. Missing blobs are ignored.
    func delete(_ id: String)
    /// Removes temporary files and every committed blob for which `isReferenced` is false,
    /// if the file was last modified more than `olderThan` seconds ago. Returns how many
    /// files were removed. Call at start, before serving requests. A single node sweeps
    /// everything (grace 0); nodes sharing one volume need a grace longer than any upload,
    /// or one node's start would remove another's blob between its rename and its commit.
    func sweep(olderThan grace: Double, isReferenced: @Sendable (String) async throws -> Bool) async throws -> Int
}

/// A blob being written. Not thread-safe: one writer belongs to one upload.
public protocol BlobWriter: AnyObject {
    /// Appends bytes to the temporary file.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Returns once a ``write(_:)`` of up to 1 MiB will not wait for the disk: a writer
    /// that buffers ahead of the disk suspends here rather than block its thread in `write`.
    /// The default returns at once.
    func room() async
    /// Makes the blob durable and visible: fsync the file, rename it into place, fsync the
    /// directory. Returns the blob's identifier.
    func commit() async throws -> String
    /// Removes the temporary file. Safe to call after a failed commit; a no-op after success.
    func abort()
}

extension BlobWriter {
    public func room() async {}
}
