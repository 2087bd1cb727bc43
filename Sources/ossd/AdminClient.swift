import AsyncHTTPClient
import Foundation
import NIOCore
import OSSServer
import OSSWire

/// Calls the admin API of a running ossd, signed (V4) with the root key.
struct AdminClient {
    let endpoint: String
    let key: AccessKey

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `method /-/admin/<path>` and returns the response body (JSON or empty).
    func send(_ method: String, _ path: String, query: String = "", body: [UInt8] = []) async throws -> String {
        guard let url = URL(string: endpoint), let host = url.host else { throw Failure(description: "bad --endpoint \(endpoint)") }
        let authority = url.port.map { "\(host):\($0)" } ?? host
        let objectKey = "admin/" + path
        var headers: [(name: String, value: String)] = [("Content-Length", String(body.count))]
        if !body.isEmpty { headers.append(("Content-Type", "application/json")) }
        let signing = SigningRequest(method: method, bucket: "-", key: objectKey, rawQuery: query, headers: headers)
        headers += RequestSigner.signV4(signing, accessKeyId: key.id, secret: key.secret, region: "cn-hangzhou", date: Date())
        var request = HTTPClientRequest(
            url: "\(url.scheme ?? "http")://\(authority)/-/\(PercentEncoding.encodePath(objectKey))"
                + (query.isEmpty ? "" : "?" + query))
        request.method = .init(rawValue: method)
        for header in headers where header.name.lowercased() != "content-length" {
            request.headers.add(name: header.name, value: header.value)
        }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 4 << 20)
        let text = String(buffer: data)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw Failure(description: "ossd answered \(response.status.code): \(text)")
        }
        return text
    }
}
