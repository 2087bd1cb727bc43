import Foundation
import OSSModel
import OSSServer
import OSSTesting
import OSSWire
import Testing

@Suite("Wire conventions against a live ossd")
struct WireConventionsTests {
    static func isRequestID(_ value: String?) -> Bool {
        guard let value else { return false }
        return value.utf8.count == 24
            && value.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) }
    }

    static func errorCode(_ xml: [UInt8]) throws -> String {
        let root = try XMLDocumentParser.parse(xml)
        return root.childText("Code") ?? ""
    }

    @Test func everyResponseHasRequestIdDateAndServer() async throws {
        try await LiveServer.with { server in
            let ok = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            let failed = try await SignedRequest("GET", bucket: "nope", key: "k").send(to: server)
            for response in [ok, failed] {
                #expect(Self.isRequestID(response.headers["x-oss-request-id"]))
                #expect(response.headers["date"].flatMap(HTTPDate.parse) != nil)
                #expect(response.headers["server"] == "AliyunOSS")
            }
            #expect(ok.status == 200)
            #expect(failed.status == 404)
            #expect(try Self.errorCode(failed.body) == "NoSuchBucket")
            #expect(failed.headers["x-oss-ec"] == "0015-00000101")
            #expect(failed.headers["content-type"] == "application/xml")
            #expect(!failed.text.contains("xmlns"))
        }
    }

    @Test func headErrorsCarryTheDocumentInXOssErr() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            let response = try await SignedRequest("HEAD", bucket: "bkt", key: "missing").send(to: server)
            #expect(response.status == 404)
            #expect(response.body.isEmpty)
            let encoded = try #require(response.headers["x-oss-err"])
            #expect(response.headers["x-oss-error"] == encoded)
            let document = try #require(Data(base64Encoded: encoded))
            #expect(try Self.errorCode(Array(document)) == "NoSuchKey")
        }
    }

    @Test func wrongSecretIsSignatureDoesNotMatchWithStringToSign() async throws {
        try await LiveServer.with { server in
            let wrong = AccessKey(id: server.rootKey.id, secret: "not-the-secret")
            for signing in [SignedRequest.Signing.v1, .v4] {
                let response = try await SignedRequest("GET").send(to: server, signing: signing, credentials: wrong)
                #expect(response.status == 403)
                let root = try XMLDocumentParser.parse(response.body)
                #expect(root.childText("Code") == "SignatureDoesNotMatch")
                #expect(root.child("StringToSign") != nil)
                #expect(root.childText("OSSAccessKeyId") == server.rootKey.id)
            }
        }
    }

    @Test func unknownAccessKeyIsInvalidAccessKeyId() async throws {
        try await LiveServer.with { server in
            let stranger = AccessKey(id: "nobody", secret: "x")
            let response = try await SignedRequest("GET").send(to: server, signing: .v1, credentials: stranger)
            #expect(response.status == 403)
            #expect(try Self.errorCode(response.body) == "InvalidAccessKeyId")
        }
    }

    @Test func clockSkewBeyondFifteenMinutesIsRefused() async throws {
        try await LiveServer.with { server in
            let late = Date().addingTimeInterval(-16 * 60)
            let skewed = try await SignedRequest("GET").send(to: server, signing: .v1, date: late)
            #expect(skewed.status == 403)
            #expect(try Self.errorCode(skewed.body) == "RequestTimeTooSkewed")
            let fine = try await SignedRequest("GET").send(
                to: server, signing: .v4, date: Date().addingTimeInterval(-14 * 60))
            #expect(fine.status == 200)
        }
    }

    @Test func anonymousListBucketsIsDenied() async throws {
        try await LiveServer.with { server in
            let response = try await SignedRequest("GET").send(to: server, signing: .anonymous)
            #expect(response.status == 403)
            #expect(try Self.errorCode(response.body) == "AccessDenied")
        }
    }

    /// Creates bucket `bkt` with `key` holding "hi"; returns the GET of it, to presign.
    static func objectToPresign(_ server: LiveServer, key: String) async throws -> SigningRequest {
        _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
        _ = try await SignedRequest("PUT", bucket: "bkt", key: key, body: Array("hi".utf8)).send(to: server)
        return SigningRequest(method: "GET", bucket: "bkt", key: key, rawQuery: "", headers: [])
    }

    @Test func presignedV1AndV4URLsWorkAndExpire() async throws {
        try await LiveServer.with { server in
            let target = try await Self.objectToPresign(server, key: "a b+c")
            let key = server.rootKey
            let v1 = RequestSigner.presignV1(target, accessKeyId: key.id, secret: key.secret, expires: Date() + 60)
            let v4 = RequestSigner.presignV4(
                target, accessKeyId: key.id, secret: key.secret, region: "cn-hangzhou", date: Date(), expiresIn: 60)
            let expired = RequestSigner.presignV1(target, accessKeyId: key.id, secret: key.secret, expires: Date() - 5)
            for (query, status) in [(v1, 200), (v4, 200), (expired, 403)] {
                let response = try await SignedRequest("GET", bucket: "bkt", key: "a b+c", query: query)
                    .send(to: server, signing: .anonymous)
                #expect(response.status == status, "\(query)")
                if status == 200 { #expect(response.text == "hi") }
            }
        }
    }

    @Test func aPresignedURLAnsweredBeforeStillChecksItsSignatureAndSignedHeaders() async throws {
        try await LiveServer.with { server in
            let target = try await Self.objectToPresign(server, key: "k")
            let key = server.rootKey
            let query = RequestSigner.presignV1(target, accessKeyId: key.id, secret: key.secret, expires: Date() + 60)
            for _ in 0..<2 {
                let again = try await SignedRequest("GET", bucket: "bkt", key: "k", query: query)
                    .send(to: server, signing: .anonymous)
                #expect(again.status == 200)
                #expect(again.text == "hi")
            }
            let signature = try #require(query.range(of: "Signature="))
            var tampered = query
            tampered.insert("A", at: signature.upperBound)
            let altered = [
                SignedRequest("GET", bucket: "bkt", key: "k", query: tampered),
                SignedRequest("GET", bucket: "bkt", key: "k", query: query, headers: [("x-oss-meta-added", "1")]),
                SignedRequest("DELETE", bucket: "bkt", key: "k", query: query),
            ]
            for request in altered {
                let response = try await request.send(to: server, signing: .anonymous)
                #expect(response.status == 403, "\(request.method) \(request.headers)")
                #expect(try Self.errorCode(response.body) == "SignatureDoesNotMatch")
            }
        }
    }

    @Test func subResourceSpelledBareOrWithEqualsRoutesAlike() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            for query in ["acl", "acl="] {
                let response = try await SignedRequest("GET", bucket: "bkt", query: query).send(
                    to: server, signing: .v1)
                #expect(response.status == 200)
                #expect(try XMLDocumentParser.parse(response.body).name == "AccessControlPolicy")
            }
        }
    }

    @Test func virtualHostedAddressingNamesTheBucketInTheHost() async throws {
        try await LiveServer.with(domain: "oss.local") { server in
            let create = try await SignedRequest("PUT", bucket: "vhost").send(
                to: server, host: "vhost.oss.local:\(server.port)")
            #expect(create.status == 200)
            let put = try await SignedRequest("PUT", bucket: "vhost", key: "k", body: [1, 2, 3])
                .send(to: server, host: "vhost.oss.local:\(server.port)")
            #expect(put.status == 200)
            let get = try await SignedRequest("GET", bucket: "vhost", key: "k").send(to: server)
            #expect(get.body == [1, 2, 3])
        }
    }

    @Test func expectContinueGetsAnInterim100() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            let body = Array(repeating: UInt8(9), count: 200_000)
            let request = SignedRequest(
                "PUT", bucket: "bkt", key: "big", headers: [("Expect", "100-continue")], body: body)
            let head = request.head(port: server.port, signing: .v4, key: server.rootKey)
            let (interim, response) = try await RawHTTP.exchange(
                port: server.port, head: head, body: body, waitForContinue: true)
            #expect(interim == [100])
            #expect(response.status == 200)
            #expect(response.headers["x-oss-hash-crc64ecma"] == String(CRC64.checksum(body)))
        }
    }

    @Test func chunkedUploadsAreAcceptedAndLengthlessOnesRefused() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            let chunked = Array("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".utf8)
            let put = try await SignedRequest(
                "PUT", bucket: "bkt", key: "c", headers: [("Transfer-Encoding", "chunked")], body: chunked
            ).send(to: server)
            #expect(put.status == 200)
            let get = try await SignedRequest("GET", bucket: "bkt", key: "c").send(to: server)
            #expect(get.text == "hello world")
            let request = SignedRequest("PUT", bucket: "bkt", key: "n")
            var head = request.head(port: server.port, signing: .v1, key: server.rootKey)
            head = head.replacingOccurrences(of: "\r\nContent-Length: 0", with: "")
            let (_, missing) = try await RawHTTP.exchange(port: server.port, head: head)
            #expect(missing.status == 411)
            #expect(try Self.errorCode(missing.body) == "MissingContentLength")
        }
    }

    @Test func shortBodyStoresNothing() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            let request = SignedRequest("PUT", bucket: "bkt", key: "torn", headers: [("Content-Length", "100000")])
            let head = request.head(port: server.port, signing: .v1, key: server.rootKey)
            // Half the promised bytes, then the client goes away.
            let port = server.port
            let fd = try await RawHTTP.onDedicatedThread { () throws -> Int32 in
                let fd = try RawHTTPProbe.open(port: port)
                try RawHTTPProbe.write(fd, Array((head + "\r\n\r\n").utf8) + Array(repeating: 1, count: 50_000))
                return fd
            }
            RawHTTPProbe.close(fd)
            // The server has finished with the aborted upload once a HEAD after it says 404.
            var status = 0
            for _ in 0..<50 {
                status = try await SignedRequest("HEAD", bucket: "bkt", key: "torn").send(to: server).status
                if status == 404 { break }
            }
            #expect(status == 404)
        }
    }
}

@Suite("Copy conditions")
struct CopyConditionTests {
    @Test func copySourceIfNoneMatchIsA304WithoutBody() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            let put = try await SignedRequest("PUT", bucket: "bkt", key: "src", body: [1, 2, 3]).send(to: server)
            let etag = try #require(put.headers["etag"])
            let copy = try await SignedRequest(
                "PUT", bucket: "bkt", key: "dst",
                headers: [("x-oss-copy-source", "/bkt/src"), ("x-oss-copy-source-if-none-match", etag)]
            ).send(to: server)
            #expect(copy.status == 304)
            #expect(copy.body.isEmpty)
            let failed = try await SignedRequest(
                "PUT", bucket: "bkt", key: "dst",
                headers: [("x-oss-copy-source", "/bkt/src"), ("x-oss-copy-source-if-match", "\"0000\"")]
            ).send(to: server)
            #expect(failed.status == 412)
            let missing = try await SignedRequest("HEAD", bucket: "bkt", key: "dst").send(to: server)
            #expect(missing.status == 404)
        }
    }
}

@Suite("Content-MD5 on bodyless requests")
struct BodylessDigestTests {
    @Test func emptyBodyDigestIsAcceptedAnyOtherIsInvalidDigest() async throws {
        try await LiveServer.with { server in
            _ = try await SignedRequest("PUT", bucket: "bkt").send(to: server)
            let empty = try await SignedRequest("GET", bucket: "bkt", headers: [("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")])
                .send(to: server)
            #expect(empty.status == 200)
            let wrong = try await SignedRequest(
                "GET", bucket: "bkt", headers: [("Content-MD5", "XUFAKrxLKna5cZ2REBfFkg==")]
            ).send(to: server)
            #expect(wrong.status == 400)
            #expect(try WireConventionsTests.errorCode(wrong.body) == "InvalidDigest")
        }
    }
}
