import Foundation
import OSSServer

#if canImport(Glibc)
    import Glibc
#endif

/// The root account's access key: from the environment, else from
/// `<data-dir>/root-credentials`, else generated once and stored there (mode 0600).
enum RootCredentials {
    static let fileName = "root-credentials"

    /// The root key from the environment or the data directory, without generating one.
    static func existing(dataDirectory: String) throws -> AccessKey {
        let env = ProcessInfo.processInfo.environment
        if let id = env["OSSD_ROOT_ACCESS_KEY_ID"], let secret = env["OSSD_ROOT_ACCESS_KEY_SECRET"], !id.isEmpty, !secret.isEmpty {
            return AccessKey(id: id, secret: secret)
        }
        if let key = stored(dataDirectory: dataDirectory) { return key }
        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: dataDirectory + "/" + fileName])
    }

    static func stored(dataDirectory: String) -> AccessKey? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/" + fileName, encoding: .utf8) else { return nil }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard let id = values["OSSD_ROOT_ACCESS_KEY_ID"], let secret = values["OSSD_ROOT_ACCESS_KEY_SECRET"] else { return nil }
        return AccessKey(id: id, secret: secret)
    }

    static func load(dataDirectory: String) throws -> AccessKey {
        let env = ProcessInfo.processInfo.environment
        if let id = env["OSSD_ROOT_ACCESS_KEY_ID"], let secret = env["OSSD_ROOT_ACCESS_KEY_SECRET"],
            !id.isEmpty, !secret.isEmpty
        {
            return AccessKey(id: id, secret: secret)
        }
        let path = dataDirectory + "/" + fileName
        if let key = stored(dataDirectory: dataDirectory) { return key }
        let key = AccessKey(id: "LTAI" + random(20, alphabet: upperDigits), secret: random(30, alphabet: mixed))
        let text = "OSSD_ROOT_ACCESS_KEY_ID=\(key.id)\nOSSD_ROOT_ACCESS_KEY_SECRET=\(key.secret)\n"
        let temp = path + ".tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        fsync(fd)
        close(fd)
        rename(temp, path)
        let notice = """
            ossd: generated root credentials (stored in \(path), mode 0600):
              AccessKeyId:     \(key.id)
              AccessKeySecret: \(key.secret)

            """
        FileHandle.standardOutput.write(Data(notice.utf8))
        return key
    }

    private static let upperDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    private static let mixed = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    private static func random(_ count: Int, alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
