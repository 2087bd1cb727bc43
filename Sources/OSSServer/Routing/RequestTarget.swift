import OSSModel
import OSSWire

/// Where a request points: the bucket and key, taken from the Host (virtual-hosted style)
/// or the first path segment (path style), and the raw query.
struct RequestTarget: Sendable, Equatable {
    var bucket: String?
    /// The percent-decoded key (`+` in a path is a literal plus).
    var key: String?
    /// The query exactly as received, without the `?`.
    var rawQuery: String

    /// Parses the request target.
    ///
    /// - Parameters:
    ///   - host: the Host header (port included or not).
    ///   - path: the raw request target (`/bucket/key?query`).
    ///   - domain: the configured virtual-hosting domain: a Host `<bucket>.<domain>` names
    ///     the bucket; any other Host means path style.
    /// - Throws: `400 InvalidURI` when the path does not decode to UTF-8.
    static func parse(host: String?, path rawTarget: String, domain: String?) throws(OSSError) -> RequestTarget {
        var pathPart = Substring(rawTarget)
        var rawQuery = ""
        if let q = rawTarget.firstIndex(of: "?") {
            pathPart = rawTarget[..<q]
            rawQuery = String(rawTarget[rawTarget.index(after: q)...])
        }
        if pathPart.hasPrefix("/") { pathPart = pathPart.dropFirst() }

        if let bucket = virtualHostBucket(host: host, domain: domain) {
            let key = try decodeKey(pathPart)
            return RequestTarget(bucket: bucket, key: key.isEmpty ? nil : key, rawQuery: rawQuery)
        }
        guard !pathPart.isEmpty else { return RequestTarget(bucket: nil, key: nil, rawQuery: rawQuery) }
        let bucketPart: Substring
        var keyPart: Substring = ""
        if let slash = pathPart.firstIndex(of: "/") {
            bucketPart = pathPart[..<slash]
            keyPart = pathPart[pathPart.index(after: slash)...]
        } else {
            bucketPart = pathPart
        }
        let bucket = try decodePath(bucketPart)
        let key = try decodeKey(keyPart)
        return RequestTarget(bucket: bucket, key: key.isEmpty ? nil : key, rawQuery: rawQuery)
    }

    static func virtualHostBucket(host: String?, domain: String?) -> String? {
        guard let host, let domain, !domain.isEmpty else { return nil }
        var name = Substring(host.lowercased())
        if let colon = name.lastIndex(of: ":"), !name.hasSuffix("]") { name = name[..<colon] }
        let suffix = "." + domain.lowercased()
        guard name.hasSuffix(suffix), name.count > suffix.count else { return nil }
        return String(name.dropLast(suffix.count))
    }

    /// A key that does not decode to UTF-8 is an invalid object name.
    private static func decodeKey(_ raw: Substring) throws(OSSError) -> String {
        do {
            return try decodePath(raw)
        } catch {
            throw OSSError.invalidObjectName("The specified object is not valid.")
        }
    }

    private static func decodePath(_ raw: Substring) throws(OSSError) -> String {
        // A byte scan: `Substring.contains(_: String)` resolves to Foundation's NSString search.
        if !raw.utf8.contains(UInt8(ascii: "%")) { return String(raw) }
        guard let decoded = PercentEncoding.decode(raw, plusAsSpace: false) else {
            throw OSSError(code: "InvalidURI", status: 400, message: "Couldn't parse the specified URI.")
        }
        return decoded
    }
}
