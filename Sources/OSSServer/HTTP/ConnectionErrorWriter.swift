import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import OSSModel
import OSSWire

/// Writes an OSS error response outside the responder (framing errors, timeouts): the
/// error document with `Connection: close`, then closes the connection once it is flushed.
enum ConnectionErrorWriter {
    /// Writes `error` through `context` and closes the channel after the last byte.
    static func refuse(
        _ context: ChannelHandlerContext, _ error: OSSError, host: String?,
        wrap: (HTTPResponsePart) -> NIOAny
    ) {
        let requestID = RequestIDs.next()
        let document = ResponseBuilder.errorDocument(error, requestID: requestID, host: host ?? "")
        var fields = HTTPFields()
        fields[.contentType] = "application/xml"
        fields[.contentLength] = String(document.bytes.count)
        fields[.connection] = "close"
        fields[.server] = "AliyunOSS"
        fields[.date] = HTTPDate.format(Date())
        if let name = HTTPField.Name("x-oss-request-id") { fields[name] = requestID }
        if let name = HTTPField.Name("x-oss-ec") { fields[name] = error.effectiveEC }
        let head = HTTPResponse(status: .init(code: error.status), headerFields: fields)
        context.write(wrap(.head(head)), promise: nil)
        context.write(wrap(.body(ByteBuffer(bytes: document.bytes))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrap(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
