import Foundation

/// A completed 2xx answer: status, headers in arrival order and (for buffered calls) the body.
public struct OSSResponse: Sendable {
    public var statusCode: Int
    /// Headers as received, names in their wire case.
    public var headers: [(name: String, value: String)]
    /// The body; empty when it was streamed to a consumer instead.
    public var body: [UInt8]

    public init(statusCode: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive), or `nil`.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
