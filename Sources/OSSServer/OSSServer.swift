import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OSSModel
import OSSStorage

/// Builds the ossd HTTP server: one catch-all responder behind Hummingbird's HTTP/1.1
/// server, `Server: AliyunOSS`, `Date` on every response, graceful shutdown on
/// SIGINT/SIGTERM (in-flight requests finish), slow clients bounded by
/// ``OSSServerConfiguration/limits`` (see ``ConnectionLimits``).
public enum OSSServer {
    /// Creates the application.
    ///
    /// - Parameter onRunning: called once the socket is bound, with the port.
    public static func application(
        objects: ObjectService, rootKey: AccessKey, identity: IdentityService? = nil,
        configuration: OSSServerConfiguration, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = OSSResponder(
            objects: objects, rootKey: rootKey, identity: identity, configuration: configuration, logger: logger)
        let limits = configuration.limits
        let connections = ConnectionCounter(limit: limits.maxConnections)
        var http = HTTP1Channel.Configuration()
        http.additionalChannelHandlers = {
            [
                RequestFramingHandler(), ConnectionGuardHandler(limits: limits, counter: connections),
                SendFileHandler.Installer(),
            ]
        }
        http.idleTimeout = limits.idleTimeout > 0 ? .nanoseconds(Int64(limits.idleTimeout * 1_000_000_000)) : nil
        return Application(
            responder: responder,
            server: .http1(configuration: http),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "AliyunOSS",
                backlog: 1024),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                responder.boundPort.set(port)
                await onRunning(port)
            },
            logger: logger)
    }
}
