import Foundation
import OSSModel
import OSSServer
import OSSWire

/// Builds raw, correctly signed (or deliberately unsigned) requests for ``RawHTTP``.
public struct SignedRequest: Sendable {
    public enum Signing: Sendable {
        case anonymous
        case v1
        case v4
    }

    public var method: String
    /// Decoded bucket and key; the path is built from them, path style.
    public var bucket: String?
    public var key: String?
    /// The raw query (without `?`), sent and signed exactly as given.
    public var rawQuery: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(
        _ method: String, bucket: String? = nil, key: String? = nil, query: String = "",
        headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.bucket = bucket
        self.key = key
        self.rawQuery = query
        self.headers = headers
        self.body = body
    }

    /// The request head (no trailing blank line), signed with `key` as `signing` says.
    /// - Parameter host: a Host header; a host other than the default means virtual-hosted
    ///   style, so the bucket is left out of the path.
    public func head(
        port: Int, signing: Signing, key credentials: AccessKey, date: Date = Date(), host: String? = nil
    ) -> String {
        var path = "/"
        if let bucket, host == nil { path += bucket + "/" }
        if let key { path += PercentEncoding.encodePath(key) }
        if let bucket, key == nil, host == nil { path = "/" + bucket }
        var all = headers
        let hostValue = host ?? "127.0.0.1:\(port)"
        if !body.isEmpty || method == "PUT" || method == "POST",
            !all.contains(where: {
                $0.name.lowercased() == "content-length" || $0.name.lowercased() == "transfer-encoding"
            })
        {
            all.append(("Content-Length", String(body.count)))
        }
        let signable = SigningRequest(method: method, bucket: bucket, key: key, rawQuery: rawQuery, headers: all)
        switch signing {
        case .anonymous: break
        case .v1:
            all += RequestSigner.signV1(signable, accessKeyId: credentials.id, secret: credentials.secret, date: date)
        case .v4:
            all += RequestSigner.signV4(
                signable, accessKeyId: credentials.id, secret: credentials.secret, region: "cn-hangzhou", date: date)
        }
        var lines = ["\(method) \(path)\(rawQuery.isEmpty ? "" : "?" + rawQuery) HTTP/1.1", "Host: \(hostValue)"]
        lines += all.map { "\($0.name): \($0.value)" }
        lines.append("Connection: close")
        return lines.joined(separator: "\r\n")
    }

    /// Sends the request to `server` and returns its response.
    public func send(
        to server: LiveServer, signing: Signing = .v4, date: Date = Date(), host: String? = nil,
        credentials: AccessKey? = nil, waitForContinue: Bool = false
    ) async throws -> RawHTTP.Response {
        let text = head(
            port: server.port, signing: signing, key: credentials ?? server.rootKey, date: date, host: host)
        return try await RawHTTP.exchange(
            port: server.port, head: text, body: body, waitForContinue: waitForContinue, isHead: method == "HEAD"
        ).response
    }
}
