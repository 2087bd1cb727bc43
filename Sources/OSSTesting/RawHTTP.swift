import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A deliberately dumb HTTP/1.1 client over a plain socket, for tests that need exact
/// control of the bytes on the wire (framing, `Expect: 100-continue`, odd query spellings,
/// Host headers). Each exchange uses its own connection with `Connection: close`.
public enum RawHTTP {
    /// A parsed response.
    public struct Response: Sendable {
        public var status: Int
        /// Header names lower-cased; repeated headers keep the first value.
        public var headers: [String: String]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Sends `head` (request line and headers, without the final blank line) and `body`,
    /// then reads the response until the server closes the connection.
    /// - Parameter waitForContinue: send the head first and the body only after reading an
    ///   interim `100 Continue`.
    public static func exchange(
        port: Int, head: String, body: [UInt8] = [], waitForContinue: Bool = false, isHead: Bool = false
    ) async throws -> (interim: [Int], response: Response) {
        try await onDedicatedThread {
            let fd = try connect(port: port)
            defer { close(fd) }
            var interim: [Int] = []
            let headBytes = Array((head + "\r\n\r\n").utf8)
            try send(fd, headBytes)
            var buffer: [UInt8] = []
            if waitForContinue {
                while !buffer.containsSubsequence(Array("\r\n\r\n".utf8)) {
                    guard try receive(fd, into: &buffer) else { throw Failure(description: "closed before 100") }
                }
                let end = buffer.firstRange(of: Array("\r\n\r\n".utf8))!.upperBound
                interim.append(parseStatus(Array(buffer[..<end])))
                buffer.removeFirst(end)
            }
            try send(fd, body)
            while try receive(fd, into: &buffer) {}
            return (interim, try parse(buffer, isHead: isHead))
        }
    }

    /// Runs blocking socket work on its own thread: blocking a thread of Swift's small
    /// cooperative pool would starve the in-process server the test talks to.
    public static func onDedicatedThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.start()
        }
    }

    static func connect(port: Int, receiveBuffer: Int? = nil) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        if var size = receiveBuffer.map(Int32.init) {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "connect failed: \(errno)")
        }
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send failed: \(errno)") }
            offset += n
        }
    }

    /// Appends what arrives; false at end of stream.
    static func receive(_ fd: Int32, into buffer: inout [UInt8]) throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 { throw Failure(description: "recv failed: \(errno)") }
        if n == 0 { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    static func parseStatus(_ head: [UInt8]) -> Int {
        let line = String(decoding: head, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = line.split(separator: " ")
        return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    }

    static func parse(_ bytes: [UInt8], isHead: Bool) throws -> Response {
        guard let split = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else {
            throw Failure(description: "no complete response: \(String(decoding: bytes, as: UTF8.self))")
        }
        let headText = String(decoding: bytes[..<split.lowerBound], as: UTF8.self)
        var headers: [String: String] = [:]
        for line in headText.split(separator: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            if headers[name] == nil {
                headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        var body = Array(bytes[split.upperBound...])
        if isHead { body = [] }
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Response(status: parseStatus(Array(bytes[..<split.upperBound])), headers: headers, body: body)
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var rest = bytes[...]
        while let lineEnd = rest.firstRange(of: Array("\r\n".utf8)) {
            let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            guard rest.distance(from: start, to: rest.endIndex) >= size else { break }
            let end = rest.index(start, offsetBy: size)
            out.append(contentsOf: rest[start..<end])
            let next = rest.index(end, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex
            rest = rest[next...]
        }
        return out
    }
}

extension Array where Element == UInt8 {
    fileprivate func containsSubsequence(_ other: [UInt8]) -> Bool { firstRange(of: other) != nil }
}
