import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the client's address, which
/// `acs:SourceIp` policy conditions test, and the connection (see ``SendFileHandler``).
public struct OSSRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address, when the transport has one.
    public let sourceIP: String?
    /// The connection the request arrived on.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sourceIP = source.channel.remoteAddress?.ipAddress
        channel = source.channel
    }
}
