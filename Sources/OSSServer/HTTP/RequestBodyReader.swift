import Hummingbird
import NIOCore
import OSSModel

/// Reads small request bodies (XML documents) with a hard size bound.
enum RequestBodyReader {
    /// Collects the body, throwing `tooLarge` past `limit`.
    /// A body that ends early or breaks its framing is `400 IncompleteBody`.
    static func collect(_ request: Request, limit: Int, tooLarge: OSSError) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await chunk in request.body {
                if bytes.count + chunk.readableBytes > limit { throw tooLarge }
                bytes.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as OSSError {
            throw error
        } catch {
            throw OSSError.incompleteBody
        }
        return bytes
    }
}
