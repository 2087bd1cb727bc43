import Foundation
import OSSModel
import OSSServer
import OSSTesting
import Testing

/// Blob bodies go out with `sendfile(2)` (``SendFileHandler``): exact bytes for whole and
/// ranged reads, in order on a pipelined connection, every file closed when a client
/// leaves mid-body, and a blob shorter than its record ends the connection, never hangs.
@Suite("Sendfile bodies")
struct SendFileTests {
    /// 300,000 bytes: above the 64 KiB inline threshold, so stored as a blob.
    static let body: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }

    static func store(_ server: LiveServer, key: String = "blob") async throws {
        _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
        let put = try await SignedRequest("PUT", bucket: "bkt", key: key, body: body).send(to: server)
        #expect(put.status == 200)
    }

    /// Paths of this process's open descriptors that point into `directory`.
    static func openFiles(under directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
            .filter { $0.hasPrefix(directory) && $0.contains("/objects/") }
    }

    @Test func wholeAndRangedReadsAreExact() async throws {
        try await LiveServer.with { server in
            try await Self.store(server)
            let whole = try await SignedRequest("GET", bucket: "bkt", key: "blob").send(to: server)
            #expect(whole.status == 200)
            #expect(whole.headers["content-length"] == "300000")
            #expect(whole.body == Self.body)
            let ranged = try await SignedRequest("GET", bucket: "bkt", key: "blob", headers: [
                ("Range", "bytes=70000-250006")
            ]).send(to: server)
            #expect(ranged.status == 206)
            #expect(ranged.headers["content-range"] == "bytes 70000-250006/300000")
            #expect(ranged.body == Array(Self.body[70000...250006]))
            let tail = try await SignedRequest("GET", bucket: "bkt", key: "blob", headers: [("Range", "bytes=-1")])
                .send(to: server)
            #expect(tail.status == 206)
            #expect(tail.body == [Self.body[299_999]])
        }
    }

    @Test func pipelinedReadsArriveInOrder() async throws {
        try await LiveServer.with { server in
            try await Self.store(server)
            let keepAlive = { (text: String) in text.replacingOccurrences(of: "\r\nConnection: close", with: "") }
            let whole = keepAlive(
                SignedRequest("GET", bucket: "bkt", key: "blob").head(port: server.port, signing: .v4, key: server.rootKey))
            let ranged = keepAlive(
                SignedRequest("GET", bucket: "bkt", key: "blob", headers: [("Range", "bytes=100-199")])
                    .head(port: server.port, signing: .v4, key: server.rootKey))
            let port = server.port
            let responses = try await RawHTTP.onDedicatedThread { () throws -> [RawHTTP.Response] in
                let connection = try RawConnection(port: port)
                connection.send(whole + "\r\n\r\n" + ranged + "\r\n\r\n" + whole + "\r\n\r\n")
                return try (0..<3).map { _ in try connection.readResponse(within: 10) }
            }
            #expect(responses.map(\.status) == [200, 206, 200])
            #expect(responses[0].body == Self.body)
            #expect(responses[1].body == Array(Self.body[100...199]))
            #expect(responses[2].body == Self.body)
        }
    }

    @Test func clientLeavingMidBodyClosesTheFile() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            let large = [UInt8](repeating: 0xA5, count: 8 << 20)
            let put = try await SignedRequest("PUT", bucket: "bkt", key: "large", body: large).send(to: server)
            #expect(put.status == 200)
            let head = SignedRequest("GET", bucket: "bkt", key: "large").head(
                port: server.port, signing: .v4, key: server.rootKey)
            let port = server.port
            // Slow readers that leave once the head and some of the body have arrived: the
            // server is then mid-region (8 MiB cannot fit a 4 KiB window and the buffers).
            let heads = try await RawHTTP.onDedicatedThread { () throws -> Int in
                var heads = 0
                for _ in 0..<4 {
                    let connection = try RawConnection(port: port, receiveBuffer: 4096)
                    connection.send(head + "\r\n\r\n")
                    if connection.waitForHead(within: 10) { heads += 1 }
                    connection.reset()
                }
                return heads
            }
            #expect(heads == 4)
            // Served after the resets on a new connection: the server has seen them all.
            let after = try await SignedRequest("GET", bucket: "bkt", key: "blob").send(to: server)
            #expect(after.status == 404)
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, !Self.openFiles(under: server.dataDirectory).isEmpty {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(Self.openFiles(under: server.dataDirectory) == [])
        }
    }

    @Test func blobShorterThanItsRecordEndsTheConnection() async throws {
        try await LiveServer.with { server in
            try await Self.store(server)
            let found = try await server.objects.metadata.lookup(bucket: "bkt", key: "blob", followLink: false)
            guard case .blob(let id) = found.object?.body else {
                Issue.record("not stored as a blob: \(String(describing: found.object?.body))")
                return
            }
            let path = server.objects.blobs.path(for: id)
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            try handle.truncate(atOffset: 1000)
            try handle.close()
            let head = SignedRequest("GET", bucket: "bkt", key: "blob").head(
                port: server.port, signing: .v4, key: server.rootKey)
            let port = server.port
            let (closed, received) = try await RawHTTP.onDedicatedThread { () throws -> (Bool, Int) in
                let connection = try RawConnection(port: port)
                connection.send(head + "\r\n\r\n")
                return (connection.waitForClose(within: 10), connection.received.count)
            }
            #expect(closed)
            #expect(received < Self.body.count)
        }
    }
}
