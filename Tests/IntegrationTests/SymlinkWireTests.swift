import Foundation
import OSSModel
import OSSServer
import OSSTesting
import OSSWire
import Testing

/// Symlink behaviour that the SDKs cannot be made to send: raw target encodings, missing
/// headers, archive targets, conditional reads through a link.
@Suite("Symlinks on the wire")
struct SymlinkWireTests {
    static func code(_ response: RawHTTP.Response) throws -> String {
        if let encoded = response.headers["x-oss-err"], let data = Data(base64Encoded: encoded) {
            return try XMLDocumentParser.parse(Array(data)).childText("Code") ?? ""
        }
        return try XMLDocumentParser.parse(response.body).childText("Code") ?? ""
    }

    static func prepare(_ server: LiveServer) async throws {
        #expect(try await SignedRequest("PUT", bucket: "bkt").send(to: server).status == 200)
    }

    static func putLink(_ server: LiveServer, _ key: String, target: String, extra: [(String, String)] = [])
        async throws -> RawHTTP.Response
    {
        try await SignedRequest(
            "PUT", bucket: "bkt", key: key, query: "symlink",
            headers: [("x-oss-symlink-target", target)] + extra.map { (name: $0.0, value: $0.1) }
        ).send(to: server)
    }

    @Test(arguments: [
        ("dir%2Ftarget%20%E6%96%87.txt", "dir/target 文.txt"),  // oss2: every byte escaped
        ("dir%2Ftarget+%E6%96%87.txt", "dir/target 文.txt"),  // Go v1 / ossutil 1.x: '+' is a space
        ("dir/target x.txt", "dir/target x.txt"),  // v2 SDKs: raw
        ("a%2Bb", "a+b"),
    ])
    func targetEncodingsDecodeToTheSameKey(_ sent: String, _ decoded: String) async throws {
        try await LiveServer.with { server in
            try await Self.prepare(server)
            #expect(try await Self.putLink(server, "l", target: sent).status == 200)
            let response = try await SignedRequest("GET", bucket: "bkt", key: "l", query: "symlink=").send(to: server)
            #expect(response.status == 200)
            let returned = try #require(response.headers["x-oss-symlink-target"])
            #expect(PercentEncoding.decode(returned, plusAsSpace: false) == decoded)
            #expect(!returned.contains("+") && !returned.contains(" "))
        }
    }

    @Test func plusInATargetComesBackAsPercent2B() async throws {
        try await LiveServer.with { server in
            try await Self.prepare(server)
            _ = try await Self.putLink(server, "l", target: "a%2Bb/c")
            let response = try await SignedRequest("GET", bucket: "bkt", key: "l", query: "symlink").send(to: server)
            #expect(response.headers["x-oss-symlink-target"] == "a%2Bb/c")
        }
    }

    @Test func missingTargetHeaderIsMissingArgument() async throws {
        try await LiveServer.with { server in
            try await Self.prepare(server)
            let response = try await SignedRequest("PUT", bucket: "bkt", key: "l", query: "symlink").send(to: server)
            #expect(response.status == 400)
            #expect(try Self.code(response) == "MissingArgument")
            #expect(response.headers["x-oss-ec"] == "0043-00000001")
        }
    }

    @Test(arguments: ["%2Fabs", "", String(repeating: "k", count: 1024)])
    func invalidTargetIsInvalidArgument(_ target: String) async throws {
        try await LiveServer.with { server in
            try await Self.prepare(server)
            let response = try await Self.putLink(server, "l", target: target)
            #expect(response.status == 400)
            #expect(try Self.code(response) == "InvalidArgument")
        }
    }

    @Test func headThroughDanglingLinkIs404SymlinkTargetNotExist() async throws {
        try await LiveServer.with { server in
            try await Self.prepare(server)
            _ = try await Self.putLink(server, "l", target: "gone")
            let head = try await SignedRequest("HEAD", bucket: "bkt", key: "l").send(to: server)
            #expect(head.status == 404)
            #expect(try Self.code(head) == "SymlinkTargetNotExist")
            let get = try await SignedRequest("GET", bucket: "bkt", key: "l").send(to: server)
            let root = try XMLDocumentParser.parse(get.body)
            #expect(root.childText("Message") == "The symlink target object does not exist")
            #expect(root.childText("EC") == "0026-00000012")
        }
    }

    @Test func archiveTargetIsInvalidObjectStateOnGetButHeadWorks() async throws {
        try await LiveServer.with { server in
            try await Self.prepare(server)
            _ = try await SignedRequest(
                "PUT", bucket: "bkt", key: "cold", headers: [("x-oss-storage-class", "Archive")], body: [1, 2]
            ).send(to: server)
            _ = try await Self.putLink(server, "l", target: "cold")
            let get = try await SignedRequest("GET", bucket: "bkt", key: "l").send(to: server)
            #expect(get.status == 403)
            #expect(try Self.code(get) == "InvalidObjectState")
            let head = try await SignedRequest("HEAD", bucket: "bkt", key: "l").send(to: server)
            #expect(head.status == 200)
            #expect(head.headers["x-oss-storage-class"] == "Archive")
        }
    }

    @Test func readsThroughALinkMergeHeadersAndHonourConditionsAndRanges() async throws {
        try await LiveServer.with { server in
            try await Self.prepare(server)
            let put = try await SignedRequest(
                "PUT", bucket: "bkt", key: "t", headers: [("x-oss-meta-owner", "target")],
                body: Array("0123456789".utf8)
            ).send(to: server)
            let etag = try #require(put.headers["etag"])
            _ = try await Self.putLink(
                server, "l", target: "t", extra: [("x-oss-meta-owner", "link"), ("Content-Type", "text/x-link")])
            let get = try await SignedRequest("GET", bucket: "bkt", key: "l", headers: [("Range", "bytes=2-4")])
                .send(to: server)
            #expect(get.status == 206)
            #expect(get.text == "234")
            #expect(get.headers["etag"] == etag)
            #expect(get.headers["content-range"] == "bytes 2-4/10")
            #expect(get.headers["x-oss-object-type"] == "Symlink")
            #expect(get.headers["x-oss-meta-owner"] == "link")
            #expect(get.headers["content-type"] == "text/x-link")
            #expect(get.headers["x-oss-hash-crc64ecma"] == String(CRC64.checksum(Array("0123456789".utf8))))
            let notModified = try await SignedRequest(
                "GET", bucket: "bkt", key: "l", headers: [("If-None-Match", etag)]
            )
            .send(to: server)
            #expect(notModified.status == 304)
            let linkETag = try #require(
                try await SignedRequest("GET", bucket: "bkt", key: "l", query: "symlink").send(to: server).headers[
                    "etag"])
            let failed = try await SignedRequest("GET", bucket: "bkt", key: "l", headers: [("If-Match", linkETag)])
                .send(to: server)
            #expect(failed.status == 412)
            #expect(try Self.code(failed) == "PreconditionFailed")
        }
    }

    @Test func objectMetaDescribesTheLinkItself() async throws {
        try await LiveServer.with { server in
            try await Self.prepare(server)
            _ = try await SignedRequest("PUT", bucket: "bkt", key: "t", body: Array(repeating: 1, count: 100))
                .send(to: server)
            _ = try await Self.putLink(server, "l", target: "t")
            let meta = try await SignedRequest("HEAD", bucket: "bkt", key: "l", query: "objectMeta").send(to: server)
            #expect(meta.status == 200)
            #expect(meta.headers["content-length"] == "1")
        }
    }
}

@Suite("Appending to a link")
struct AppendToLinkTests {
    @Test func appendOnALinkIsObjectNotAppendable() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            _ = try await SignedRequest(
                "PUT", bucket: "bkt", key: "l", query: "symlink", headers: [("x-oss-symlink-target", "t")]
            ).send(to: server)
            let response = try await SignedRequest(
                "POST", bucket: "bkt", key: "l", query: "append&position=0", body: [1]
            )
            .send(to: server)
            #expect(response.status == 409)
            #expect(try SymlinkWireTests.code(response) == "ObjectNotAppendable")
        }
    }
}
