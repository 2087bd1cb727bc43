import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import OSSModel
import OSSWire
import Synchronization

/// One parsed, authenticated request on its way through a handler.
struct OSSCall: Sendable {
    let requestID: String
    let method: String
    /// The Host the client used (for `HostId` in errors).
    let host: String
    let headers: HTTPFields
    let target: RequestTarget
    let query: RawQuery
    let operation: Operation
    var principal: Principal
    /// The client's IP address (for `acs:SourceIp` conditions).
    var sourceIP: String?
    /// The connection the request came on (for ``SendFileHandler``), when known.
    var channel: (any Channel)?

    /// The bucket name; callers only use this for operations that route with a bucket.
    var bucket: String { target.bucket ?? "" }

    /// The first value of header `name` (case-insensitive).
    func header(_ name: String) -> String? {
        guard let field = FieldNames.named(name) else { return nil }
        return headers[field]
    }

    /// Whether header `name` is `true` (case-insensitive).
    func flag(_ name: String) -> Bool {
        header(name)?.lowercased() == "true"
    }

    /// The validated object key; throws `InvalidObjectName`.
    func objectKey() throws(OSSError) -> ObjectKey {
        try ObjectKey(target.key ?? "")
    }
}

/// Request ids: 24 upper-case hex characters, unique per process run.
enum RequestIDs {
    private static let prefix: String = {
        var generator = SystemRandomNumberGenerator()
        let value = UInt32.random(in: 0...UInt32.max, using: &generator)
        return hex(UInt64(value), width: 8)
    }()
    private static let counter = Atomic<UInt64>(UInt64(Date().timeIntervalSince1970 * 1000) << 16)

    static func next() -> String {
        prefix + hex(counter.wrappingAdd(1, ordering: .relaxed).newValue, width: 16)
    }

    private static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
