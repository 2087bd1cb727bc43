import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock(2)` on `<data-dir>/ossd.lock`, held for the life of the process:
/// the embedded store has one writer, and its record cache and start-up blob sweep rely on
/// that. The kernel releases the lock when the process ends, however it ends.
enum DataDirectoryLock {
    /// Takes the lock, or throws when another process holds it.
    static func acquire(_ directory: String) throws {
        let path = directory + "/ossd.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(message: "cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Failure(message: "\(directory) is in use by another ossd process (\(path) is locked)")
        }
        // The descriptor stays open (and the lock held) until the process exits.
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
