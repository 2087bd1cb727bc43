import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import OSSModel
import OSSWire

/// Guards request framing below the responder:
/// - answers `Expect: 100-continue` with an interim `100 Continue` as soon as the head
///   arrives, so clients that wait for it (curl, the Java and Go SDKs) send the body;
/// - refuses a transfer coding other than `chunked` (the body's end would be ambiguous)
///   with an OSS error, before anything runs, and closes the connection;
/// - turns HTTP parse errors (bad request lines, conflicting lengths, broken chunks) into
///   an OSS error document instead of a bare 400, then closes the connection. An error in
///   the body of a request being handled reaches the responder, which answers with an OSS
///   error (IncompleteBody); the connection closes after that answer. An error while a
///   response is already being written just closes the connection: writing would corrupt
///   that response.
final class RequestFramingHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// A request head has been passed on and its final response has not ended yet.
    private var answering = false
    /// The final response head of the current request has been written.
    private var responseStarted = false
    /// The request's framing broke: close once its response has ended.
    private var closeAfterResponse = false
    /// The connection is being refused: drop everything that still arrives.
    private var refused = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if refused { return }
        let part = unwrapInboundIn(data)
        guard case .head(var head) = part else {
            context.fireChannelRead(data)
            return
        }
        if let coding = head.headerFields[.transferEncoding], coding.lowercased() != "chunked" {
            refuse(
                context,
                OSSError.invalidRequest("Transfer-Encoding other than chunked is not supported.")
                    .with("Header", "Transfer-Encoding"),
                host: head.authority)
            return
        }
        answering = true
        if head.headerFields[.expect]?.lowercased() == "100-continue" {
            head.headerFields[.expect] = nil
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
            context.fireChannelRead(wrapInboundOut(.head(head)))
            return
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if refused {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head: responseStarted = true
        case .body: break
        case .end:
            answering = false
            responseStarted = false
            if closeAfterResponse {
                refused = true
                let channel = context.channel
                let written = context.eventLoop.makePromise(of: Void.self)
                written.futureResult.whenComplete { _ in channel.close(promise: nil) }
                written.futureResult.cascade(to: promise)
                context.writeAndFlush(data, promise: written)
                return
            }
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if refused { return }
        if answering {
            if responseStarted {
                refused = true
                context.close(promise: nil)
            } else {
                closeAfterResponse = true
                context.fireErrorCaught(error)
            }
            return
        }
        refuse(context, OSSError.invalidRequest("The request is not valid HTTP/1.1."), host: nil)
    }

    /// Writes `error` as an OSS error document with `Connection: close`, then closes.
    private func refuse(_ context: ChannelHandlerContext, _ error: OSSError, host: String?) {
        refused = true
        ConnectionErrorWriter.refuse(context, error, host: host) { wrapOutboundOut($0) }
    }
}
