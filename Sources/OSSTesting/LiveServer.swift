import Foundation
import Hummingbird
import Logging
import OSSMetadataSQLite
import OSSModel
import OSSServer
import OSSStorage

/// A real ossd server for tests: an OS-chosen port on 127.0.0.1, a fresh temporary data
/// directory, the embedded SQLite store (or the in-memory one), stopped and cleaned up by
/// ``stop()``.
public final class LiveServer: Sendable {
    /// Which metadata driver backs the server.
    public enum Metadata: Sendable {
        case sqlite
        case memory
    }

    public let port: Int
    public let rootKey: AccessKey
    public let dataDirectory: String
    public let objects: ObjectService
    /// Users, keys and policies of this server.
    public let identity: IdentityService
    /// How many orphaned files the start-up sweep removed.
    public let swept: Int
    private let ownsDirectory: Bool
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>`.
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(
        port: Int, rootKey: AccessKey, dataDirectory: String, objects: ObjectService, identity: IdentityService,
        swept: Int, ownsDirectory: Bool, task: Task<Void, any Error>
    ) {
        self.identity = identity
        self.port = port
        self.rootKey = rootKey
        self.dataDirectory = dataDirectory
        self.objects = objects
        self.swept = swept
        self.ownsDirectory = ownsDirectory
        self.task = task
    }

    /// Starts a server and returns once it accepts connections. Like `ossd serve`, it first
    /// sweeps files orphaned by an earlier stop.
    ///
    /// - Parameter dataDirectory: reuse this directory (a restart); it is then left in place
    ///   by ``stop()``. Default: a fresh temporary directory, removed by ``stop()``.
    /// - Parameter limits: timeouts and the connection bound (the server's defaults unless given).
    public static func start(
        metadata: Metadata = .sqlite, inlineThreshold: Int = 64 * 1024, domain: String? = nil,
        dataDirectory: String? = nil, restoreDelay: Double = 0,
        rootKey: AccessKey = AccessKey(id: "test-ak", secret: "test-sk-0123456789"),
        limits: ConnectionLimits = ConnectionLimits()
    ) async throws -> LiveServer {
        let directory =
            dataDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("ossd-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store: any MetadataStore
        let identities: any IdentityStore
        switch metadata {
        case .sqlite:
            let sqlite = try SQLiteMetadataStore(path: directory + "/metadata.sqlite")
            store = sqlite
            identities = sqlite
        case .memory:
            store = InMemoryMetadataStore()
            identities = InMemoryIdentityStore()
        }
        let objects = ObjectService(
            metadata: store, blobs: try FileBlobStore(root: directory + "/objects"),
            configuration: StorageConfiguration(inlineThreshold: inlineThreshold, restoreDelay: restoreDelay))
        let identity = IdentityService(store: identities, box: SecretBox.random())
        let swept = try await objects.sweepOrphans()
        var logger = Logger(label: "ossd-test")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = OSSServer.application(
            objects: objects, rootKey: rootKey, identity: identity,
            configuration: OSSServerConfiguration(host: "127.0.0.1", port: 0, domain: domain, limits: limits),
            logger: logger
        ) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw CancellationError()
        }
        return LiveServer(
            port: port, rootKey: rootKey, dataDirectory: directory, objects: objects, identity: identity, swept: swept,
            ownsDirectory: dataDirectory == nil, task: task)
    }

    /// Stops the server (in-flight requests finish) and removes its data directory.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
        if ownsDirectory { try? FileManager.default.removeItem(atPath: dataDirectory) }
    }

    /// Runs `body` against a fresh server, stopping it afterwards whatever happens.
    public static func with<T: Sendable>(
        metadata: Metadata = .sqlite, inlineThreshold: Int = 64 * 1024, domain: String? = nil,
        limits: ConnectionLimits = ConnectionLimits(),
        _ body: (LiveServer) async throws -> T
    ) async throws -> T {
        let server = try await start(metadata: metadata, inlineThreshold: inlineThreshold, domain: domain, limits: limits)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}
