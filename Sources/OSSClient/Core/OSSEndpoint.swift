import Foundation

/// How a request URL names its bucket.
public enum AddressingStyle: String, Sendable, Equatable, CaseIterable {
    /// `https://bucket.host/key` (the default).
    case virtual
    /// `https://host/bucket/key`; forced when the endpoint host is an IP address.
    case path
    /// `https://host/key`: the endpoint host is a custom domain bound to the bucket.
    case cname
}

/// A parsed service endpoint: scheme, host and optional port.
///
/// Parsing follows the Go SDK v2 that ossutil 2.x is built on: an endpoint without a scheme
/// gets `https://`, a path or query on the endpoint is ignored, and an IP host means path
/// style whatever style was asked for.
public struct OSSEndpoint: Sendable, Equatable {
    /// `http` or `https`, lower case.
    public var scheme: String
    /// The host name or IP address, without brackets for IPv6.
    public var host: String
    /// The explicit port, or `nil` for the scheme default.
    public var port: Int?

    /// Creates an endpoint from its parts.
    public init(scheme: String, host: String, port: Int?) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Parses `text` (`127.0.0.1:9000`, `http://localhost:9000`, `oss-cn-hangzhou.aliyuncs.com`).
    ///
    /// - Throws: ``OSSClientError`` (`invalid endpoint`) when the scheme is not http(s), the
    ///   host is empty or the port is not a number in 1...65535.
    public init(parsing text: String) throws(OSSClientError) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var scheme = "https"
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        guard scheme == "http" || scheme == "https" else {
            throw OSSClientError.invalidArgument("invalid endpoint \(text): scheme must be http or https")
        }
        if let cut = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        var host = rest
        var port: Int?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw OSSClientError.invalidArgument("invalid endpoint \(text)")
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) ?? -1 }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            port = Int(rest[rest.index(after: colon)...]) ?? -1
        }
        guard !host.isEmpty else { throw OSSClientError.invalidArgument("invalid endpoint \(text)") }
        if let port, !(1...65535).contains(port) {
            throw OSSClientError.invalidArgument("invalid endpoint \(text): bad port")
        }
        self.init(scheme: scheme, host: host.lowercased(), port: port)
    }

    /// The public endpoint of a region: `https://oss-<region>.aliyuncs.com`.
    public static func forRegion(_ region: String) -> OSSEndpoint {
        let name = region.hasPrefix("oss-") ? region : "oss-" + region
        return OSSEndpoint(scheme: "https", host: name + ".aliyuncs.com", port: nil)
    }

    /// Whether the host is an IPv4 or IPv6 literal.
    public var isIPAddress: Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                && (Int(part) ?? 256) <= 255
        }
    }

    /// `host[:port]` as it goes in a URL authority (IPv6 in brackets).
    public var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(name):\($0)" } ?? name
    }

    /// The style a request will really use: path for an IP host, `requested` otherwise.
    public func effectiveStyle(_ requested: AddressingStyle) -> AddressingStyle {
        isIPAddress ? .path : requested
    }

    /// The URL for a request, without query.
    ///
    /// - Parameters:
    ///   - bucket: `nil` for service-level requests (ListBuckets), which always go to the
    ///     bare host.
    ///   - key: the decoded object key; it is percent-encoded with `/` kept.
    ///   - style: the requested style (``effectiveStyle(_:)`` is applied).
    public func url(bucket: String?, key: String?, style: AddressingStyle) -> String {
        let path = key.map { "/" + Self.encodePath($0) } ?? "/"
        guard let bucket else { return "\(scheme)://\(authority)/" }
        switch effectiveStyle(style) {
        case .virtual: return "\(scheme)://\(bucket).\(authority)\(path)"
        case .path: return "\(scheme)://\(authority)/\(bucket)\(path)"
        case .cname: return "\(scheme)://\(authority)\(path)"
        }
    }

    static func encodePath(_ key: String) -> String {
        var out = ""
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
