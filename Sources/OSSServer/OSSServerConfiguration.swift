import OSSModel

/// How an ossd server presents itself on the wire.
public struct OSSServerConfiguration: Sendable {
    /// Host and port to listen on (`127.0.0.1:9000`; port 0 picks a free one).
    public var host: String
    public var port: Int
    /// The domain for virtual-hosted addressing: `Host: <bucket>.<domain>` names a bucket.
    public var domain: String?
    /// What ListBuckets and GetBucketInfo report as the endpoint (`host:port`).
    public var publicEndpoint: String?
    /// The region, without the `oss-` prefix.
    public var region: String
    /// Allowed difference between a signed request's date and the server clock.
    public var maxClockSkew: Double
    /// Timeouts for slow clients and the bound on concurrent connections.
    public var limits: ConnectionLimits

    public init(
        host: String = "127.0.0.1", port: Int = 9000, domain: String? = nil, publicEndpoint: String? = nil,
        region: String = "cn-hangzhou", maxClockSkew: Double = 15 * 60, limits: ConnectionLimits = ConnectionLimits()
    ) {
        self.host = host
        self.port = port
        self.domain = domain
        self.publicEndpoint = publicEndpoint
        self.region = region
        self.maxClockSkew = maxClockSkew
        self.limits = limits
    }
}

/// An access key pair.
public struct AccessKey: Sendable, Equatable {
    public var id: String
    public var secret: String
    public init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }
}
