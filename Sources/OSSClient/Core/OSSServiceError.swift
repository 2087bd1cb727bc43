import Foundation

/// A non-2xx answer from the service, with the fields of its error document.
///
/// ``description`` renders the Go SDK v2 text that ossutil 2.x prints after
/// `Error: operation error <Op>: `, line for line (see ossutil-cli.md §6.2).
public struct OSSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation name (`PutSymlink`), used in the `operation error` prefix.
    public var operation: String
    /// The HTTP status code.
    public var statusCode: Int
    /// The OSS error code (`NoSuchKey`), or `BadErrorResponse` when the body could not be read.
    public var code: String
    /// The human-readable message.
    public var message: String
    /// `x-oss-request-id` (or `RequestId` from the body).
    public var requestId: String
    /// The EC code (`0026-00000001`), or `""` when the service sent none.
    public var ec: String
    /// The response `Date`, if it parsed.
    public var timestamp: Date?
    /// `METHOD URL` of the failed request.
    public var requestEndpoint: String
    /// Every child of the error document, by element name (`BucketName`, `Key`, ...).
    public var fields: [String: String]

    /// Creates an error; normally built by the client from a response.
    public init(
        operation: String, statusCode: Int, code: String, message: String, requestId: String, ec: String,
        timestamp: Date?, requestEndpoint: String, fields: [String: String] = [:]
    ) {
        self.operation = operation
        self.statusCode = statusCode
        self.code = code
        self.message = message
        self.requestId = requestId
        self.ec = ec
        self.timestamp = timestamp
        self.requestEndpoint = requestEndpoint
        self.fields = fields
    }

    /// The SDK's multi-line text: `Error returned by Service. \nHttp Status Code: 404. \n...`.
    public var description: String {
        var lines = [
            "Error returned by Service. ",
            "Http Status Code: \(statusCode). ",
            "Error Code: \(code). ",
            "Request Id: \(requestId). ",
            "Message: \(message).",
            "EC: \(ec).",
        ]
        lines.append("Timestamp: \(timestamp.map(Self.goTime) ?? "0001-01-01 00:00:00 +0000 UTC").")
        lines.append("Request Endpoint: \(requestEndpoint).")
        return lines.joined(separator: "\n")
    }

    /// Go's `time.Time` `%s` layout in UTC: `2006-01-02 15:04:05 +0000 UTC`.
    static func goTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date) + " +0000 UTC"
    }
}

/// A failure raised in the client before or instead of a service answer: bad settings,
/// invalid arguments, network and timeout errors.
public struct OSSClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, broadly.
    public enum Kind: Sendable, Equatable {
        /// A setting or argument is missing or invalid; no request was sent.
        case invalidArgument
        /// The request could not be sent or the response not read (after retries).
        case transport
        /// Response bytes that the client could not make sense of.
        case invalidResponse
    }

    /// The failure category.
    public var kind: Kind
    /// The text printed after `Error: `.
    public var message: String

    /// Creates an error of the given kind.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// A configuration or argument error.
    public static func invalidArgument(_ message: String) -> OSSClientError {
        OSSClientError(kind: .invalidArgument, message: message)
    }

    public var description: String { message }
}
