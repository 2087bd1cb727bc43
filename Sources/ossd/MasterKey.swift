import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The key that seals access-key secrets at rest: 32 random bytes in
/// `<data-dir>/master.key` (mode 0600), created on first start.
enum MasterKey {
    static func load(dataDirectory: String) throws -> [UInt8] {
        let path = dataDirectory + "/master.key"
        if let data = FileManager.default.contents(atPath: path), data.count == 32 { return [UInt8](data) }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        let temp = path + ".tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == 32, rename(temp, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return bytes
    }
}
