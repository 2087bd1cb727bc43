/// How long ossd waits for slow clients and how many connections it holds at once.
///
/// Contract:
/// - `headTimeout`: a request line and its headers must arrive in full within this many
///   seconds of the connection opening, or of the first byte of the next request on a kept-alive
///   connection. On expiry the connection closes; when part of a head had arrived, the answer
///   is `400 RequestTimeout` (OSS error XML) first.
/// - `bodyTimeout`: while a request body is expected and the server is ready to read it, no
///   body byte for this many seconds fails the request with `400 RequestTimeout` and closes the
///   connection; nothing of the request is stored. The same bound applies to sending: a
///   client that leaves the send buffer full (reads nothing) this long is disconnected.
/// - `idleTimeout`: a kept-alive connection with no request in progress closes after this many
///   seconds of silence.
/// - `maxConnections`: connections beyond this many open at once are closed as soon as they
///   are accepted, before any byte is read.
///
/// HTTP/1.1 serves one request at a time per connection: pipelined requests wait, unread,
/// until the response before them has ended, so one connection never runs two uploads.
public struct ConnectionLimits: Sendable, Equatable {
    public var headTimeout: Double
    public var bodyTimeout: Double
    public var idleTimeout: Double
    public var maxConnections: Int

    /// Defaults: 10 s for a head, 30 s without body bytes, 120 s idle, 4,096 connections.
    public init(headTimeout: Double = 10, bodyTimeout: Double = 30, idleTimeout: Double = 120, maxConnections: Int = 4096) {
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }
}
