import Glibc
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import OSSModel

/// Enforces ``ConnectionLimits`` on one connection: the connection bound when it opens,
/// then the request-head and request-body timeouts (the idle keep-alive timeout is
/// Hummingbird's). Installed after ``RequestFramingHandler``; it puts a
/// ``ReadActivityHandler`` next to the socket to see bytes arrive and reads being asked for.
///
/// - Head: the clock starts when the connection opens, or, on a kept-alive connection, when
///   the first byte of the next request arrives (or at the end of the previous response if
///   such bytes came while it was being answered). A head not complete by then closes the
///   connection, after `400 RequestTimeout` when some of it had arrived.
/// - Body: while a request body is unfinished and the server has asked for more bytes,
///   `bodyTimeout` seconds without one answers `400 RequestTimeout` (unless a response has
///   begun), fails the request's body stream so its handler stores nothing, and closes.
/// - Send: a client that reads nothing while the send buffer stays full for `bodyTimeout`
///   seconds is disconnected with a reset (its response cannot be delivered anyway, and the
///   reset frees the unsent bytes at once).
/// - Unsent bytes: the kernel holds at most ``unsentLimit`` of them per connection.
/// - Pipelined requests are decoded ahead but served one at a time by Hummingbird; a stalled
///   body behind an unanswered request closes the connection without an answer.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The error a stalled body's stream fails with.
    struct BodyTimeout: Error {}

    private let headTimeout: TimeAmount?
    private let bodyTimeout: TimeAmount?
    private let counter: ConnectionCounter
    private var context: ChannelHandlerContext?
    private var admitted = false
    /// We answered or dropped the connection: later writes of the responder are refused.
    private var closing = false

    /// Request heads received and responses ended on this connection.
    private var heads = 0
    private var responsesEnded = 0
    /// A request head has arrived and its body has not ended.
    private var bodyOpen = false
    /// The final response head of the request being answered has been written.
    private var responseStarted = false
    private var host: String?

    /// When the head being waited for must be complete (nil: none is being timed).
    private var headDeadline: NIODeadline?
    /// Bytes received since the head wait started (are they part of a head?).
    private var headBytes = 0
    /// Bytes received since the last request's body ended (a pipelined next head).
    private var bytesSinceEnd = 0

    /// A read has been asked for and no byte has answered it yet, since `readSince`.
    private var readOutstanding = false
    private var readSince = NIODeadline.now()

    /// The socket's send buffer has been full (the client is not reading) since then.
    private var unwritableSince: NIODeadline?

    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?

    init(limits: ConnectionLimits, counter: ConnectionCounter) {
        headTimeout = Self.amount(limits.headTimeout)
        bodyTimeout = Self.amount(limits.bodyTimeout)
        self.counter = counter
    }

    private static func amount(_ seconds: Double) -> TimeAmount? {
        seconds > 0 ? .nanoseconds(Int64(seconds * 1_000_000_000)) : nil
    }

    // MARK: life cycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        admitted = counter.acquire()
        guard admitted else {
            closing = true
            let channel = context.channel
            context.eventLoop.execute { channel.close(promise: nil) }
            return
        }
        try? context.pipeline.syncOperations.addHandler(ReadActivityHandler(owner: self), position: .first)
        Self.boundUnsentBytes(context.channel)
        if let headTimeout { headDeadline = .now() + headTimeout }
        schedule()
    }

    func handlerRemoved(context: ChannelHandlerContext) { finish() }

    /// Bytes the kernel may hold for a connection that it has not sent yet.
    static let unsentLimit = 128 * 1024

    /// Caps the connection's unsent queue at ``unsentLimit`` (`TCP_NOTSENT_LOWAT`): a
    /// write or `sendfile` stops there and waits for the peer. Without it the kernel grows
    /// each send buffer to megabytes, so a thousand clients that stop reading large GETs
    /// exhaust TCP memory (`tcp_mem`) and slow every other connection. Bytes in flight are
    /// not capped, so a fast client on a long path keeps its throughput.
    private static func boundUnsentBytes(_ channel: any Channel) {
        let option = ChannelOptions.Types.SocketOption(
            level: SocketOptionLevel(IPPROTO_TCP), name: SocketOptionName(TCP_NOTSENT_LOWAT))
        _ = try? channel.syncOptions?.setOption(option, value: SocketOptionValue(unsentLimit))
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    private func finish() {
        timer?.cancel()
        timer = nil
        timerDeadline = nil
        if admitted {
            admitted = false
            counter.release()
        }
        context = nil
    }

    // MARK: traffic

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            unwritableSince = nil
        } else if unwritableSince == nil {
            unwritableSince = .now()
            schedule()
        }
        context.fireChannelWritabilityChanged()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closing { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            heads += 1
            bodyOpen = true
            host = head.authority
            headDeadline = nil
            headBytes = 0
            bytesSinceEnd = 0
        case .body: break
        case .end:
            bodyOpen = false
            bytesSinceEnd = 0
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if closing {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(let response):
            if response.status.kind != .informational { responseStarted = true }
        case .body: break
        case .end:
            responsesEnded += 1
            responseStarted = false
            if heads == responsesEnded, !bodyOpen, bytesSinceEnd > 0, let headTimeout {
                headDeadline = .now() + headTimeout
                headBytes = bytesSinceEnd
                schedule()
            }
        }
        context.write(data, promise: promise)
    }

    /// Called by ``ReadActivityHandler`` for every read from the socket.
    func bytesArrived(_ count: Int) {
        readOutstanding = false
        guard !closing, !bodyOpen else { return }
        bytesSinceEnd += count
        guard heads == responsesEnded else { return }
        headBytes += count
        if headDeadline == nil, let headTimeout {
            headDeadline = .now() + headTimeout
            schedule()
        }
    }

    /// Called by ``ReadActivityHandler`` when the server asks the socket for more bytes.
    func readRequested() {
        guard !readOutstanding else { return }
        readOutstanding = true
        readSince = .now()
        if bodyOpen { schedule() }
    }

    // MARK: timer

    /// The earliest moment a timeout can expire in the current state.
    private var nextDeadline: NIODeadline? {
        var next = headDeadline
        if bodyOpen, readOutstanding, let bodyTimeout {
            let body = readSince + bodyTimeout
            next = next.map { min($0, body) } ?? body
        }
        if let unwritableSince, let bodyTimeout {
            let send = unwritableSince + bodyTimeout
            next = next.map { min($0, send) } ?? send
        }
        return next
    }

    private func schedule() {
        guard let context, !closing, let deadline = nextDeadline else { return }
        if let timerDeadline, timerDeadline <= deadline { return }
        timer?.cancel()
        timerDeadline = deadline
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
            self?.fire()
        }
    }

    private func fire() {
        timer = nil
        timerDeadline = nil
        guard let context, !closing else { return }
        let now = NIODeadline.now()
        if let headDeadline, now >= headDeadline {
            closing = true
            if headBytes > 0 {
                ConnectionErrorWriter.refuse(context, .requestTimeout, host: nil) { wrapOutboundOut($0) }
            } else {
                context.close(promise: nil)
            }
            return
        }
        if let unwritableSince, let bodyTimeout, now >= unwritableSince + bodyTimeout {
            // The client has not read for the whole period: a response cannot be sent.
            // Reset rather than close: a closed socket would keep its unsent bytes (up to
            // megabytes of a large GET) in kernel memory while the kernel retries them,
            // which under a slow-read attack pushes every connection's TCP into memory
            // pressure.
            closing = true
            let channel = context.channel
            guard let socket = channel as? SocketOptionProvider else {
                context.close(promise: nil)
                return
            }
            socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
            return
        }
        if bodyOpen, readOutstanding, let bodyTimeout, now >= readSince + bodyTimeout {
            closing = true
            if !responseStarted, heads == responsesEnded + 1 {
                ConnectionErrorWriter.refuse(context, .requestTimeout, host: host) { wrapOutboundOut($0) }
            } else {
                context.close(promise: nil)
            }
            context.fireErrorCaught(BodyTimeout())
            return
        }
        schedule()
    }
}
