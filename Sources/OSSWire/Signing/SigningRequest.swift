/// A request as the signature checker sees it: the parts of an HTTP request that take part
/// in OSS signatures, before any decoding of the query string.
public struct SigningRequest: Sendable {
    /// The HTTP method, upper case (`GET`, `PUT`, ...).
    public var method: String
    /// The decoded bucket name, or `nil` for service-level requests (ListBuckets).
    public var bucket: String?
    /// The decoded object key (raw UTF-8), or `nil` for bucket and service operations.
    public var key: String?
    /// The query exactly as received after `?` (not decoded); `""` when there is none.
    public var rawQuery: String
    /// The request headers as received: any case, repeats allowed, in arrival order.
    public var headers: [(name: String, value: String)]

    /// Creates a request description; nothing is validated or normalised.
    public init(
        method: String, bucket: String?, key: String?, rawQuery: String,
        headers: [(name: String, value: String)]
    ) {
        self.method = method
        self.bucket = bucket
        self.key = key
        self.rawQuery = rawQuery
        self.headers = headers
    }
}

extension SigningRequest {
    /// The trimmed values of every header called `name` (case-insensitive), joined by `,`;
    /// `nil` when the header is absent.
    func signingHeader(_ name: String) -> String? {
        let wanted = name.lowercased()
        let values = headers.filter { $0.name.lowercased() == wanted }.map { SignatureText.trim($0.value) }
        return values.isEmpty ? nil : values.joined(separator: ",")
    }

    /// Headers grouped by lower-cased name (values trimmed and joined by `,`), keeping only
    /// the names accepted by `include`, sorted by name as byte strings.
    func canonicalHeaders(where include: (String) -> Bool) -> [(name: String, value: String)] {
        var grouped: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard include(name) else { continue }
            grouped[name, default: []].append(SignatureText.trim(header.value))
        }
        return grouped.map { (name: $0.key, value: $0.value.joined(separator: ",")) }
            .sorted { SignatureText.bytesLess($0.name, $1.name) }
    }
}
