import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the client's address, which
/// `acs:SourceIp` policy conditions test.
public struct OSSRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address, when the transport has one.
    public let sourceIP: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sourceIP = source.channel.remoteAddress?.ipAddress
    }
}
