import Foundation

/// A request payload. Files and standard input are streamed in chunks, never read whole.
public enum OSSRequestBody: Sendable {
    /// No body.
    case empty
    /// Bytes held in memory (XML documents, literal `--body` values).
    case bytes([UInt8])
    /// A local file, streamed with its size as `Content-Length`; can be resent on retry.
    case file(path: String)
    /// `length` bytes of a local file starting at byte `offset` (one multipart part),
    /// streamed; can be resent on retry.
    case fileRange(path: String, offset: Int64, length: Int64)
    /// Standard input, streamed with chunked transfer encoding; it cannot be resent, so a
    /// request carrying it is never retried.
    case standardInput

    /// Whether the body can be produced again for a retry.
    var isReplayable: Bool {
        if case .standardInput = self { return false }
        return true
    }

    /// The body's length when known before sending.
    func knownLength() throws -> Int64? {
        switch self {
        case .empty: return 0
        case .bytes(let bytes): return Int64(bytes.count)
        case .file(let path):
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return (attributes[.size] as? NSNumber)?.int64Value
        case .fileRange(_, _, let length): return length
        case .standardInput: return nil
        }
    }
}
