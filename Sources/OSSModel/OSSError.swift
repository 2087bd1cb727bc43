/// A failure that OSS clients understand: it owns its wire code, HTTP status, message and
/// the documented error code (`EC`) where one is known.
///
/// Every failure that leaves the server is an `OSSError`; the server renders it as OSS error
/// XML (or, for HEAD, base64 in `x-oss-err`). Construct one through the static members so
/// that each code always travels with its documented status.
public struct OSSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One extra element of the error document (`<Key>`, `<ArgumentName>`, `<StringToSign>`...).
    public struct Detail: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The OSS error code, e.g. `NoSuchKey`.
    public let code: String
    /// The HTTP status paired with ``code``.
    public let status: Int
    /// The human-readable message, as OSS words it where known.
    public var message: String
    /// The documented error code (`DDDD-DDDDDDDD`), when OSS has one for this failure.
    public var ec: String?
    /// Extra elements appended to the error document, in order.
    public var details: [Detail]
    /// Extra response headers (for example `x-oss-next-append-position`).
    public var headers: [Detail]

    /// Creates an error; prefer the static members, which fix the status for each code.
    public init(
        code: String, status: Int, message: String, ec: String? = nil,
        details: [Detail] = [], headers: [Detail] = []
    ) {
        self.code = code
        self.status = status
        self.message = message
        self.ec = ec
        self.details = details
        self.headers = headers
    }

    public var description: String { "\(status) \(code): \(message)" }

    /// Returns a copy with one more detail element.
    public func with(_ name: String, _ value: String) -> OSSError {
        var copy = self
        copy.details.append(Detail(name, value))
        return copy
    }

    /// Returns a copy with one more response header.
    public func withHeader(_ name: String, _ value: String) -> OSSError {
        var copy = self
        copy.headers.append(Detail(name, value))
        return copy
    }
}
