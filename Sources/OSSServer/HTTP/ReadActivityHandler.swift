import NIOCore

/// Sits next to the socket and tells a ``ConnectionGuardHandler`` when bytes arrive and
/// when the server asks for more (a `read` travelling towards the socket). A read that is
/// asked for and unanswered is the client's silence; while the server does not ask
/// (back-pressure: a handler is still busy with earlier bytes) nothing counts against it.
final class ReadActivityHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = Any
    typealias OutboundOut = Any

    private weak var owner: ConnectionGuardHandler?

    init(owner: ConnectionGuardHandler) { self.owner = owner }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let count = unwrapInboundIn(data).readableBytes
        if count > 0 { owner?.bytesArrived(count) }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        owner?.readRequested()
        context.read()
    }
}
