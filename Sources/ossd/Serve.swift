import ArgumentParser
import Foundation
import Hummingbird
import Logging
import OSSMetadataSQLite
import OSSModel
import OSSServer
import OSSStorage

/// `ossd serve`: run the server on an embedded store in `--data-dir`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the OSS-compatible server.",
        discussion: """
            Root credentials come from OSSD_ROOT_ACCESS_KEY_ID and OSSD_ROOT_ACCESS_KEY_SECRET; when \
            unset, a pair is generated on first start, kept in <data-dir>/root-credentials (mode 0600) \
            and printed once.
            """)

    @Option(help: "Address to listen on (HOST:PORT; port 0 picks a free port).")
    var address = "127.0.0.1:9000"

    @Option(help: "Directory holding the metadata database and object data.")
    var dataDir = "./ossd-data"

    @Option(help: "Region reported to clients (without the oss- prefix).")
    var region = "cn-hangzhou"

    @Option(help: "Domain for virtual-hosted addressing: <bucket>.<domain>:<port>.")
    var domain: String?

    @Option(help: "HOST:PORT reported as the bucket endpoint (default: the listen address).")
    var publicEndpoint: String?

    @Option(help: "Objects up to this many bytes are stored inline in the metadata database.")
    var inlineThreshold = 64 * 1024

    @Option(help: "Seconds a RestoreObject takes before the restored copy is readable.")
    var restoreDelay: Double = 3

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "ossd")
        let (host, port) = try Self.split(address)
        let dataURL = URL(fileURLWithPath: dataDir).standardizedFileURL
        try FileManager.default.createDirectory(at: dataURL, withIntermediateDirectories: true)
        let rootKey = try RootCredentials.load(dataDirectory: dataURL.path)

        let metadata = try SQLiteMetadataStore(path: dataURL.appendingPathComponent("metadata.sqlite").path)
        let blobs = try FileBlobStore(root: dataURL.appendingPathComponent("objects").path)
        let objects = ObjectService(
            metadata: metadata, blobs: blobs,
            configuration: StorageConfiguration(
                inlineThreshold: inlineThreshold, region: region, restoreDelay: max(0, restoreDelay)))
        let identity = IdentityService(
            store: metadata, box: SecretBox(keyBytes: try MasterKey.load(dataDirectory: dataURL.path)))
        let swept = try await objects.sweepOrphans()
        if swept > 0 { logger.notice("removed \(swept) orphaned files left by an earlier stop") }

        let configuration = OSSServerConfiguration(
            host: host, port: port, domain: domain, publicEndpoint: publicEndpoint, region: region)
        let app = OSSServer.application(
            objects: objects, rootKey: rootKey, identity: identity, configuration: configuration, logger: logger
        ) { boundPort in
            Self.announce("ossd listening on http://\(host):\(boundPort)\n")
        }
        try await app.runService()
    }

    /// Writes `line` to standard output unbuffered: test harnesses wait for it.
    static func announce(_ line: String) {
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    static func split(_ address: String) throws -> (String, Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (0...65535).contains(port)
        else {
            throw ValidationError("--address must be HOST:PORT, e.g. 127.0.0.1:9000")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}
