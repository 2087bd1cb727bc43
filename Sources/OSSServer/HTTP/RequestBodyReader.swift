import Hummingbird
import NIOCore
import OSSModel

/// Reads small request bodies (XML documents) with a hard size bound.
enum RequestBodyReader {
    /// Collects the body, throwing `MalformedXML`-style `400 InvalidArgument` past `limit`.
    static func collect(_ request: Request, limit: Int, tooLarge: OSSError) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in request.body {
            if bytes.count + chunk.readableBytes > limit { throw tooLarge }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }
}
