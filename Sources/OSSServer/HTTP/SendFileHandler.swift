import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Swaps a response body's ``SendFileTickets`` markers for `FileRegion`s, so object bytes
/// go from the page cache to the socket with `sendfile(2)`: no copy through user memory,
/// and a client that reads slowly holds no buffer at all (the region waits in the
/// channel's write queue, counted against its high-water mark like any other write).
///
/// Sits just below Hummingbird's `HTTP1ToHTTPServerCodec`, where bodies are `IOData`;
/// ``Installer`` puts it there. A region's file is closed when its write completes or
/// fails; files never claimed are closed when the connection's pipeline goes.
final class SendFileHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The connection's registry, shared with the response bodies written on it.
    let tickets = SendFileTickets()

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .body(.byteBuffer(let buffer)) = unwrapOutboundIn(data), let claimed = tickets.claim(buffer) else {
            context.write(data, promise: promise)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { _ in try? claimed.handle.close() }
        if let promise { written.futureResult.cascade(to: promise) }
        context.write(wrapOutboundOut(.body(.fileRegion(claimed.region))), promise: written)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        tickets.closeAll()
    }

    /// The registry of the connection `channel`, or nil when it has no ``SendFileHandler``
    /// (or has closed).
    static func tickets(on channel: any Channel) async -> SendFileTickets? {
        try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: SendFileHandler.self).tickets
        }.get()
    }

    /// Listed among Hummingbird's additional channel handlers (which sit above the HTTP
    /// codec); when added, puts a ``SendFileHandler`` below the codec. It then only
    /// passes events on: removing itself while Hummingbird is still building the pipeline,
    /// or when the connection becomes active, leaves Hummingbird's async channel writer
    /// unowned (a NIO precondition failure).
    final class Installer: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = Any

        func handlerAdded(context: ChannelHandlerContext) {
            let pipeline = context.pipeline.syncOperations
            if let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) {
                try? pipeline.addHandler(SendFileHandler(), position: .before(codec))
            }
        }
    }
}
