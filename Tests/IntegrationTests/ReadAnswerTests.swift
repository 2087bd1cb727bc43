import Foundation
import OSSModel
import OSSTesting
import Testing

/// GET and HEAD answered from the metadata alone: the same on the wire from the embedded
/// SQLite store and the in-memory one (the two read paths, pooled and per-core readers
/// against a dictionary), and in request order when pipelined with writes.
@Suite("Read answers")
struct ReadAnswerTests {
    /// Headers that differ between two servers by nature: per request, or the time of the PUT.
    static let volatile: Set<String> = ["x-oss-request-id", "x-oss-server-time", "date", "last-modified"]

    /// Objects, a link and a public object, the same on any server.
    static func populate(_ server: LiveServer) async throws {
        let steps: [SignedRequest] = [
            SignedRequest("PUT", bucket: "bkt"),
            SignedRequest(
                "PUT", bucket: "bkt", key: "a.txt",
                headers: [("Content-Type", "text/plain"), ("x-oss-meta-colour", "blue")],
                body: Array("hello, reader".utf8)),
            SignedRequest("PUT", bucket: "bkt", key: "empty"),
            SignedRequest(
                "PUT", bucket: "bkt", key: "link", query: "symlink",
                headers: [("x-oss-symlink-target", "a.txt"), ("x-oss-meta-side", "link")]),
            SignedRequest(
                "PUT", bucket: "bkt", key: "open", headers: [("x-oss-object-acl", "public-read")],
                body: Array("anyone".utf8)),
        ]
        for step in steps {
            let response = try await step.send(to: server)
            #expect(response.status == 200, "\(step.method) \(step.key ?? "")")
        }
    }

    /// Reads whose answer comes from the metadata alone: hits, misses, HEAD, ranges,
    /// overrides, conditions, links, anonymous access allowed and refused.
    static func reads() -> [(request: SignedRequest, signing: SignedRequest.Signing)] {
        [
            (SignedRequest("GET", bucket: "bkt", key: "a.txt"), .v4),
            (SignedRequest("GET", bucket: "bkt", key: "a.txt"), .v1),
            (SignedRequest("HEAD", bucket: "bkt", key: "a.txt"), .v4),
            (SignedRequest("GET", bucket: "bkt", key: "a.txt", headers: [("Range", "bytes=7-10")]), .v4),
            (SignedRequest("GET", bucket: "bkt", key: "a.txt", headers: [("Range", "bytes=900-")]), .v4),
            (
                SignedRequest(
                    "GET", bucket: "bkt", key: "a.txt",
                    headers: [("Range", "bytes=900-"), ("x-oss-range-behavior", "standard")]), .v4
            ),
            (SignedRequest("GET", bucket: "bkt", key: "a.txt", query: "response-content-type=x%2Fy"), .v4),
            (SignedRequest("GET", bucket: "bkt", key: "a.txt", headers: [("If-None-Match", "*")]), .v4),
            (SignedRequest("GET", bucket: "bkt", key: "a.txt", headers: [("If-Match", "\"nope\"")]), .v4),
            (SignedRequest("GET", bucket: "bkt", key: "empty"), .v4),
            (SignedRequest("GET", bucket: "bkt", key: "link"), .v4),
            (SignedRequest("HEAD", bucket: "bkt", key: "link"), .v1),
            (SignedRequest("GET", bucket: "bkt", key: "missing"), .v4),
            (SignedRequest("HEAD", bucket: "bkt", key: "missing"), .v4),
            (SignedRequest("GET", bucket: "nobucket", key: "k"), .v4),
            (SignedRequest("GET", bucket: "bkt", key: "open"), .anonymous),
            (SignedRequest("GET", bucket: "bkt", key: "a.txt"), .anonymous),
        ]
    }

    /// An error document without what names the request and the server (`RequestId`, `HostId`).
    static func stable(_ text: String) -> String {
        text.replacingOccurrences(of: "<RequestId>[^<]*</RequestId>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "<HostId>[^<]*</HostId>", with: "", options: .regularExpression)
    }

    /// Status, headers (less ``volatile``; HEAD's error documents made ``stable(_:)``) and
    /// body (error documents made ``stable(_:)``) of every read, in order.
    static func answers(_ server: LiveServer) async throws -> [(Int, [String: String], String)] {
        var all: [(Int, [String: String], String)] = []
        for (request, signing) in reads() {
            let response = try await request.send(to: server, signing: signing)
            var headers = response.headers.filter { !volatile.contains($0.key) }
            for name in ["x-oss-err", "x-oss-error"] {
                guard let encoded = headers[name], let document = Data(base64Encoded: encoded) else { continue }
                headers[name] = stable(String(decoding: document, as: UTF8.self))
            }
            all.append((response.status, headers, stable(response.text)))
        }
        return all
    }

    @Test func answersAreTheSameFromEitherStore() async throws {
        let sqlite = try await LiveServer.with(metadata: .sqlite) { server in
            try await Self.populate(server)
            return try await Self.answers(server)
        }
        let memory = try await LiveServer.with(metadata: .memory) { server in
            try await Self.populate(server)
            return try await Self.answers(server)
        }
        #expect(sqlite.count == memory.count)
        for (index, (f, s)) in zip(sqlite, memory).enumerated() {
            let (request, _) = Self.reads()[index]
            let label = "\(request.method) \(request.key ?? "") \(request.rawQuery) \(request.headers)"
            #expect(f.0 == s.0, "status of \(label)")
            #expect(f.1 == s.1, "headers of \(label)")
            #expect(f.2 == s.2, "body of \(label)")
        }
        // The reads did what they should, so the comparison compared something.
        #expect(sqlite.map(\.0) == [200, 200, 200, 206, 200, 416, 200, 304, 412, 200, 200, 200, 404, 404, 404, 200, 403])
        #expect(sqlite[0].2 == "hello, reader")
        #expect(sqlite[3].2 == "read")
        #expect(sqlite[10].1["x-oss-meta-side"] == "link")
        #expect(sqlite[12].2.contains("<Code>NoSuchKey</Code>"))
    }

    /// Inline and blob reads, a PUT and reads after it, all in one write: the answers come
    /// back in order and the read after the PUT sees it.
    @Test func pipelinedReadsAndWritesAreAnsweredInOrder() async throws {
        try await LiveServer.with(inlineThreshold: 1024) { server in
            try await Self.populate(server)
            let blob = [UInt8](repeating: 0x42, count: 5000)
            let stored = try await SignedRequest("PUT", bucket: "bkt", key: "blob", body: blob).send(to: server)
            #expect(stored.status == 200)
            let sign = { (request: SignedRequest) in
                request.head(port: server.port, signing: .v4, key: server.rootKey)
                    .replacingOccurrences(of: "\r\nConnection: close", with: "") + "\r\n\r\n"
            }
            let body = Array("second version".utf8)
            var wire = Array(sign(SignedRequest("GET", bucket: "bkt", key: "a.txt")).utf8)
            wire += Array(sign(SignedRequest("GET", bucket: "bkt", key: "blob")).utf8)
            wire += Array(sign(SignedRequest("GET", bucket: "bkt", key: "link")).utf8)
            wire += Array(sign(SignedRequest("PUT", bucket: "bkt", key: "a.txt", body: body)).utf8) + body
            wire += Array(sign(SignedRequest("GET", bucket: "bkt", key: "a.txt")).utf8)
            wire += Array(sign(SignedRequest("HEAD", bucket: "bkt", key: "missing")).utf8)
            let port = server.port
            let bytes = wire
            let responses = try await RawHTTP.onDedicatedThread { () throws -> [RawHTTP.Response] in
                let connection = try RawConnection(port: port)
                connection.send(bytes)
                var all: [RawHTTP.Response] = []
                for isHead in [false, false, false, false, false, true] {
                    all.append(try connection.readResponse(within: 10, isHead: isHead))
                }
                return all
            }
            #expect(responses.map(\.status) == [200, 200, 200, 200, 200, 404])
            #expect(responses[0].body == Array("hello, reader".utf8))
            #expect(responses[1].body == blob)
            #expect(responses[2].body == Array("hello, reader".utf8))
            #expect(responses[4].body == body)
            let ids = responses.compactMap { $0.headers["x-oss-request-id"] }
            #expect(Set(ids).count == 6)
        }
    }
}
