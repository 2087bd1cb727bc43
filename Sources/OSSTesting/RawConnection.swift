import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One client socket held open across several steps, for tests of timing behaviour (slow
/// heads, stalled bodies, keep-alive, pipelining). Every wait is bounded by a deadline.
/// Blocking calls: use it inside ``RawHTTP/onDedicatedThread(_:)``.
public final class RawConnection: @unchecked Sendable {
    private let fd: Int32
    private var isOpen = true
    /// Bytes received and not yet consumed by ``readResponse(within:)``.
    public private(set) var received: [UInt8] = []
    /// The server closed (or reset) the connection.
    public private(set) var closedByPeer = false

    /// Connects to 127.0.0.1:`port`; `receiveBuffer` (bytes) makes a slow reader: the
    /// server can send little more than that before it must wait.
    public init(port: Int, receiveBuffer: Int? = nil) throws {
        fd = try RawHTTP.connect(port: port, receiveBuffer: receiveBuffer)
    }

    deinit { if isOpen { Glibc.close(fd) } }

    /// Closes with a reset (SO_LINGER 0): unread data is discarded and the server sees RST.
    public func reset() {
        guard isOpen else { return }
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        Glibc.close(fd)
        isOpen = false
    }

    /// Sends `bytes`; false if the server has closed the connection.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        (try? RawHTTP.send(fd, bytes)) != nil
    }

    /// Sends `text` as UTF-8.
    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads until the server closes the connection or `seconds` pass; returns whether it
    /// closed. What arrived meanwhile is in ``received``.
    public func waitForClose(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !closedByPeer, readSome(until: deadline) {}
        return closedByPeer
    }

    /// Reads until a response head has arrived (its body may still be coming); false if
    /// none came within `seconds`.
    public func waitForHead(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        let separator = Array("\r\n\r\n".utf8)
        while received.firstRange(of: separator) == nil {
            guard !closedByPeer, readSome(until: deadline) else { return false }
        }
        return true
    }

    /// Waits, reading nothing, until the server resets the connection (`ECONNRESET`);
    /// false if it did not within `seconds`. An orderly close queued behind unread bytes
    /// does not count.
    public func waitForReset(within seconds: Double) -> Bool {
        var descriptor = pollfd(fd: fd, events: 0, revents: 0)
        guard poll(&descriptor, 1, Int32(seconds * 1000)) > 0 else { return false }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error == ECONNRESET
    }

    /// Reads one complete response with a `Content-Length` body (or none), within `seconds`.
    public func readResponse(within seconds: Double, isHead: Bool = false) throws -> RawHTTP.Response {
        let deadline = Date().addingTimeInterval(seconds)
        let separator = Array("\r\n\r\n".utf8)
        while true {
            if let split = received.firstRange(of: separator) {
                let head = try RawHTTP.parse(Array(received[..<split.upperBound]), isHead: true)
                let length = isHead ? 0 : Int(head.headers["content-length"] ?? "0") ?? 0
                if received.count - split.upperBound >= length {
                    let end = split.upperBound + length
                    let response = try RawHTTP.parse(Array(received[..<end]), isHead: isHead)
                    received.removeFirst(end)
                    return response
                }
            }
            guard !closedByPeer, readSome(until: deadline) else {
                throw RawHTTP.Failure(description: "no complete response: \(String(decoding: received, as: UTF8.self))")
            }
        }
    }

    /// Parses `bytes` (a whole response, as ``received`` holds after a close).
    public static func parse(_ bytes: [UInt8]) throws -> RawHTTP.Response {
        try RawHTTP.parse(bytes, isHead: false)
    }

    /// Waits for readable bytes until `deadline`; false when it passed.
    private func readSome(until deadline: Date) -> Bool {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { return false }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(1, remaining * 1000)))
        guard ready > 0 else { return ready == 0 ? deadline.timeIntervalSinceNow > 0 : false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 {
            closedByPeer = true
        } else {
            received.append(contentsOf: chunk[0..<n])
        }
        return true
    }
}
