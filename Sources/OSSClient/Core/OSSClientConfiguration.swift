import OSSWire

/// Everything an ``OSSClient`` needs to reach and sign for a service.
public struct OSSClientConfiguration: Sendable {
    /// Where requests go.
    public var endpoint: OSSEndpoint
    /// The region id without `oss-` (`cn-hangzhou`); required for V4.
    public var region: String?
    /// `nil` sends anonymous, unsigned requests.
    public var credentials: OSSCredentials?
    /// `.v4` (default) or `.v1`; V2 is not offered by ossutil.
    public var signatureVersion: SignatureVersion
    /// The requested addressing style (an IP endpoint always uses path style).
    public var addressingStyle: AddressingStyle
    /// Extra attempts after a 5xx answer or a connection failure.
    public var retryTimes: Int
    /// Seconds to wait for a connection.
    public var connectTimeout: Int
    /// Seconds to wait for response bytes.
    public var readTimeout: Int
    /// The `User-Agent` header.
    public var userAgent: String

    /// Creates a configuration; ``OSSClient/init(configuration:)`` validates it.
    public init(
        endpoint: OSSEndpoint, region: String?, credentials: OSSCredentials?,
        signatureVersion: SignatureVersion = .v4, addressingStyle: AddressingStyle = .virtual,
        retryTimes: Int = 10, connectTimeout: Int = 10, readTimeout: Int = 20,
        userAgent: String = "ossd-ossutil/2.0"
    ) {
        self.endpoint = endpoint
        self.region = region.map { $0.hasPrefix("oss-") ? String($0.dropFirst(4)) : $0 }
        self.credentials = credentials
        self.signatureVersion = signatureVersion
        self.addressingStyle = addressingStyle
        self.retryTimes = retryTimes
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.userAgent = userAgent
    }
}
