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
    public var rawQuery: String {
        didSet { query = SigningQuery(rawQuery) }
    }
    /// ``rawQuery`` split and decoded once.
    private(set) var query: SigningQuery
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
        self.query = SigningQuery(rawQuery)
        self.headers = headers
    }
}

extension SigningRequest {
    /// The trimmed values of every header called `name` (case-insensitive), joined by `,`;
    /// `nil` when the header is absent.
    func signingHeader(_ name: String) -> String? {
        var values: [String] = []
        for header in headers where Self.sameFieldName(header.name, name) {
            values.append(SignatureText.trim(header.value))
        }
        return values.isEmpty ? nil : values.count == 1 ? values[0] : values.joined(separator: ",")
    }

    /// ASCII case-insensitive equality of two header names, without allocating.
    static func sameFieldName(_ lhs: String, _ rhs: String) -> Bool {
        let a = lhs.utf8
        let b = rhs.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= UInt8(ascii: "a") && (x | 0x20) <= UInt8(ascii: "z"))
        }
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
