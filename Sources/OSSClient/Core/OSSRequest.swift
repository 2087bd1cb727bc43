/// One OSS API call before signing: what the operation methods build and ``OSSClient``
/// signs, sends and retries.
public struct OSSRequest: Sendable {
    /// The API name for error texts (`PutSymlink`).
    public var operation: String
    /// `GET`, `PUT`, `POST`, `DELETE` or `HEAD`.
    public var method: String
    /// The bucket, or `nil` for ListBuckets.
    public var bucket: String?
    /// The decoded object key, or `nil` for bucket and service operations.
    public var key: String?
    /// Decoded query items in order; a `nil` value is a bare sub-resource (`?symlink`).
    public var query: [(name: String, value: String?)]
    /// Headers to send and sign (`x-oss-*`, `Content-Type`, ...).
    public var headers: [(name: String, value: String)]
    /// The payload.
    public var body: OSSRequestBody
    /// Called with the running byte count while a body is sent or received; used for
    /// progress bars.
    public var progress: (@Sendable (Int64) -> Void)?

    /// Creates a request.
    public init(
        operation: String, method: String, bucket: String? = nil, key: String? = nil,
        query: [(name: String, value: String?)] = [], headers: [(name: String, value: String)] = [],
        body: OSSRequestBody = .empty
    ) {
        self.operation = operation
        self.method = method
        self.bucket = bucket
        self.key = key
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The query as sent: every name and value percent-encoded (unreserved bytes kept),
    /// bare names for `nil` values, joined by `&`.
    public var rawQuery: String {
        query.map { item in
            let name = Self.encodeQuery(item.name)
            return item.value.map { name + "=" + Self.encodeQuery($0) } ?? name
        }.joined(separator: "&")
    }

    /// Adds a header when `value` is not `nil`.
    public mutating func setHeader(_ name: String, _ value: String?) {
        guard let value else { return }
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    /// Adds a query item when `value` is not `nil`.
    public mutating func setQuery(_ name: String, _ value: String?) {
        guard let value else { return }
        query.append((name, value))
    }

    static func encodeQuery(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
