import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import OSSMetadataPostgres
import OSSMetadataSQLite
import OSSModel
import OSSServer
import OSSStorage

/// `ossd serve`: run the server on an embedded store in `--data-dir`, or as one of several
/// nodes sharing a PostgreSQL database (`--metadata postgres://...`) and a blob volume.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the OSS-compatible server.",
        discussion: """
            Root credentials come from OSSD_ROOT_ACCESS_KEY_ID and OSSD_ROOT_ACCESS_KEY_SECRET; when \
            unset, a pair is generated on first start, kept in <data-dir>/root-credentials (mode 0600) \
            and printed once. The key sealing access-key secrets comes from OSSD_MASTER_KEY (base64 of \
            32 bytes) or <data-dir>/master.key (created on first start).
            With --metadata postgres://... (or OSSD_METADATA_URL) the metadata lives in PostgreSQL and \
            <data-dir> holds only the blobs: every node must mount the same volume there and use the \
            same root credentials and master key.
            """)

    @Option(help: "Address to listen on (HOST:PORT; port 0 picks a free port).")
    var address = "127.0.0.1:9000"

    @Option(help: "Directory holding the metadata database and object data.")
    var dataDir = "./ossd-data"

    @Option(
        help: """
            Metadata store: omit for the embedded SQLite database in --data-dir, or \
            postgres://user[:password]@host[:port]/database to share one namespace between nodes \
            (default: $OSSD_METADATA_URL).
            """)
    var metadata: String?

    @Option(help: "Region reported to clients (without the oss- prefix).")
    var region = "cn-hangzhou"

    @Option(help: "Domain for virtual-hosted addressing: <bucket>.<domain>:<port>.")
    var domain: String?

    @Option(help: "HOST:PORT reported as the bucket endpoint (default: the listen address).")
    var publicEndpoint: String?

    @Option(help: "Objects up to this many bytes are stored inline in the metadata database.")
    var inlineThreshold = 64 * 1024

    @Option(
        help: """
            MiB of memory for the embedded store's cache of bucket and object records (inline \
            bodies included) between writes; 0 turns it off.
            """)
    var recordCacheMib = 32

    @Option(help: "Seconds a RestoreObject takes before the restored copy is readable.")
    var restoreDelay: Double = 3

    @Option(help: "Seconds a request line and headers may take to arrive in full (0: no limit).")
    var headTimeout: Double = 10

    @Option(help: "Seconds without a body byte before a request fails with RequestTimeout (0: no limit).")
    var bodyTimeout: Double = 30

    @Option(help: "Seconds a kept-alive connection may stay silent between requests (0: no limit).")
    var idleTimeout: Double = 120

    @Option(help: "Connections open at once; further ones are closed as soon as they are accepted.")
    var maxConnections = 4096

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    func run() async throws {
        // Tasks run on the event loops that own the sockets (Hummingbird serves on NIO's
        // singleton group): a request no longer hops from its event loop to the cooperative
        // pool and back, which was the largest single cost of a small GET. Installed before
        // any task is created; blocking work (fsync, file writes) runs on its own threads.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be at least 1") }
        let level = Logger.Level(rawValue: logLevel.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = DeferredLogHandler(output: StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "ossd")
        let (host, port) = try Self.split(address)
        let dataURL = URL(fileURLWithPath: dataDir).standardizedFileURL
        try FileManager.default.createDirectory(at: dataURL, withIntermediateDirectories: true)
        let rootKey = try RootCredentials.load(dataDirectory: dataURL.path)

        let metadataURL = self.metadata ?? ProcessInfo.processInfo.environment["OSSD_METADATA_URL"].flatMap {
            $0.isEmpty ? nil : $0
        }
        let metadata: any MetadataStore & IdentityStore
        if let metadataURL {
            metadata = try await PostgresMetadataStore(url: metadataURL, logger: logger)
        } else {
            try DataDirectoryLock.acquire(dataURL.path)
            metadata = try SQLiteMetadataStore(
                path: dataURL.appendingPathComponent("metadata.sqlite").path, cacheBytes: max(0, recordCacheMib) << 20)
        }
        let blobs = try FileBlobStore(root: dataURL.appendingPathComponent("objects").path)
        let objects = ObjectService(
            metadata: metadata, blobs: blobs,
            configuration: StorageConfiguration(
                inlineThreshold: inlineThreshold, region: region, restoreDelay: max(0, restoreDelay)))
        let identity = IdentityService(
            store: metadata, box: SecretBox(keyBytes: try Self.masterKey(dataDirectory: dataURL.path)))
        // Other nodes sharing the blob volume may be mid-upload: spare files younger than an hour.
        let swept = try await objects.sweepOrphans(olderThan: metadataURL == nil ? 0 : 3600)
        if swept > 0 { logger.notice("removed \(swept) orphaned files left by an earlier stop") }

        let configuration = OSSServerConfiguration(
            host: host, port: port, domain: domain, publicEndpoint: publicEndpoint, region: region,
            limits: ConnectionLimits(
                headTimeout: headTimeout, bodyTimeout: bodyTimeout, idleTimeout: idleTimeout,
                maxConnections: maxConnections))
        let app = OSSServer.application(
            objects: objects, rootKey: rootKey, identity: identity, configuration: configuration, logger: logger
        ) { boundPort in
            Self.announce("ossd listening on http://\(host):\(boundPort)\n")
        }
        try await app.runService()
    }

    /// The master key from OSSD_MASTER_KEY (base64 of 32 bytes), else `<data-dir>/master.key`.
    static func masterKey(dataDirectory: String) throws -> [UInt8] {
        guard let text = ProcessInfo.processInfo.environment["OSSD_MASTER_KEY"], !text.isEmpty else {
            return try MasterKey.load(dataDirectory: dataDirectory)
        }
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32
        else {
            throw ValidationError("OSSD_MASTER_KEY must be the base64 encoding of 32 bytes (openssl rand -base64 32)")
        }
        return [UInt8](bytes)
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
