import AsyncHTTPClient
import Foundation
import NIOCore
import OSSWire

/// An async OSS client on AsyncHTTPClient: it builds URLs for the configured addressing
/// style, signs with V4 or V1, retries 5xx answers and connection failures, and streams
/// file and standard-input bodies both ways.
///
/// Each instance owns one `HTTPClient`; call ``shutdown()`` when done.
public final class OSSClient: Sendable {
    /// The settings this client was built with.
    public let configuration: OSSClientConfiguration
    let http: HTTPClient

    /// The largest body a buffered call (``send(_:)``) will hold; listings and XML
    /// documents are far smaller. Object data goes through ``send(_:consumer:)``.
    static let maxBufferedBody = 64 << 20

    /// Creates a client.
    ///
    /// - Throws: ``OSSClientError`` `region must be set in sign version 4` when V4 signing is
    ///   asked for without a region.
    public init(configuration: OSSClientConfiguration) throws(OSSClientError) {
        if configuration.signatureVersion == .v4, configuration.credentials != nil,
            configuration.region?.isEmpty ?? true
        {
            throw OSSClientError.invalidArgument("region must be set in sign version 4")
        }
        self.configuration = configuration
        var http = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(
                connect: .seconds(Int64(max(configuration.connectTimeout, 1))),
                read: .seconds(Int64(max(configuration.readTimeout, 1)))))
        http.decompression = .disabled
        // Our own retry loop (with --retry-times) handles failed connects; the pool's
        // silent retries would stretch a refused connection to the whole connect timeout.
        http.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
    }

    /// Closes the connection pool.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// Sends `request` and returns the whole answer.
    ///
    /// - Throws: ``OSSServiceError`` for a non-2xx answer, ``OSSClientError`` when the
    ///   request could not be sent after the configured retries.
    public func send(_ request: OSSRequest) async throws -> OSSResponse {
        try await perform(request) { response in
            var body: [UInt8] = []
            for try await chunk in response.body {
                body += chunk.readableBytesView
                if body.count > Self.maxBufferedBody {
                    throw OSSClientError(kind: .invalidResponse, message: "response body too large to buffer")
                }
            }
            return body
        }
    }

    /// Sends `request` and hands a 2xx body to `consumer` chunk by chunk as it arrives,
    /// so big objects never sit in memory. The returned response has an empty ``OSSResponse/body``.
    ///
    /// A failure inside `consumer` is rethrown as is; the request is not retried once
    /// body bytes have been delivered.
    public func send(
        _ request: OSSRequest, consumer: @Sendable ([UInt8]) async throws -> Void
    ) async throws -> OSSResponse {
        let progress = request.progress
        return try await perform(request) { response in
            var total: Int64 = 0
            for try await chunk in response.body {
                try await consumer(Array(chunk.readableBytesView))
                total += Int64(chunk.readableBytes)
                progress?(total)
            }
            return []
        }
    }

    /// The URL of `request`, query included, as it is sent (no signature).
    public func url(for request: OSSRequest) -> String {
        let base = configuration.endpoint.url(
            bucket: request.bucket, key: request.key, style: configuration.addressingStyle)
        let query = request.rawQuery
        return query.isEmpty ? base : base + "?" + query
    }
}
