import Foundation
import OSSModel
import OSSTesting
import OSSWire
import Testing

/// Defects the reliability suite found, kept fixed.
@Suite("Hardening")
struct HardeningTests {
    @Test func nulInASymlinkTargetIsRefused() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            _ = try await SignedRequest("PUT", bucket: "bkt", key: "a", body: [1]).send(to: server)
            let response = try await SignedRequest(
                "PUT", bucket: "bkt", key: "lnk", query: "symlink", headers: [("x-oss-symlink-target", "a%00b")]
            ).send(to: server)
            #expect(response.status == 400)
            #expect(try WireConventionsTests.errorCode(response.body) == "InvalidArgument")
            let head = try await SignedRequest("HEAD", bucket: "bkt", key: "lnk").send(to: server)
            #expect(head.status == 404)
        }
    }

    @Test func transferCodingsOtherThanChunkedRunNothing() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            _ = try await SignedRequest("PUT", bucket: "bkt", key: "victim", body: [1]).send(to: server)
            let request = SignedRequest(
                "DELETE", bucket: "bkt", key: "victim", headers: [("Transfer-Encoding", "gzip")])
            let head = request.head(port: server.port, signing: .v4, key: server.rootKey)
            let (_, response) = try await RawHTTP.exchange(port: server.port, head: head, body: Array("0\r\n\r\n".utf8))
            #expect(response.status == 400)
            #expect(response.headers["connection"] == "close")
            #expect(try WireConventionsTests.errorCode(response.body) == "InvalidRequest")
            let still = try await SignedRequest("HEAD", bucket: "bkt", key: "victim").send(to: server)
            #expect(still.status == 200)
        }
    }

    @Test func unparsableRequestsGetAnOSSErrorDocument() async throws {
        try await LiveServer.with { server in
            let head = "GET /bkt/k HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2"
            let (_, response) = try await RawHTTP.exchange(port: server.port, head: head)
            #expect(response.status == 400)
            #expect(try WireConventionsTests.errorCode(response.body) == "InvalidRequest")
            #expect(WireConventionsTests.isRequestID(response.headers["x-oss-request-id"]))
        }
    }

    @Test func keysThatAreNotUTF8AreInvalidObjectName() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            let head = "GET /bkt/%C0%AE%80 HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nConnection: close"
            let (_, response) = try await RawHTTP.exchange(port: server.port, head: head)
            #expect(response.status == 400)
            #expect(try WireConventionsTests.errorCode(response.body) == "InvalidObjectName")
        }
    }
}
