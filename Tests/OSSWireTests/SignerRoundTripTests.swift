import Foundation
import OSSModel
import Testing

@testable import OSSWire

/// RequestSigner reproduces the SDKs' signatures and round-trips through the verifier.
@Suite struct SignerRoundTripTests {
    private static let signerHeaders: Set<String> = [
        "authorization", "date", "x-oss-date", "x-oss-content-sha256", "x-oss-security-token",
    ]

    @Test(arguments: SDKVector.headerSigned.filter { $0.version != "v2" })
    func headerSignerReproducesSDKSignature(_ vector: SDKVector) throws {
        var request = vector.request
        request.headers.removeAll { Self.signerHeaders.contains($0.name.lowercased()) }
        // Python v2's V1 signer sends the token as an unsigned `security-token` header.
        let token = vector.request.headers.value("x-oss-security-token")
        let expected = try #require(vector.expectedAuthorization)
        let added: [(name: String, value: String)]
        if vector.version == "v1" {
            added = RequestSigner.signV1(
                request, accessKeyId: vector.accessKeyId, secret: vector.secret, date: vector.signedAt, securityToken: token)
            #expect(added.value("Authorization") == expected)
        } else {
            added = RequestSigner.signV4(
                request, accessKeyId: vector.accessKeyId, secret: vector.secret, region: vector.region,
                date: vector.signedAt, additionalHeaders: vector.additionalHeaders, securityToken: token)
            #expect(signatureField(added.value("Authorization")) == signatureField(expected))
        }
        request.headers += added
        #expect(try authenticate(request, secret: vector.secret, now: vector.signedAt) != nil)
    }

    @Test(arguments: SDKVector.presignedURLs.filter { $0.version != "v2" })
    func presignerReproducesSDKSignature(_ vector: SDKVector) throws {
        let authParams: Set<String> = [
            "OSSAccessKeyId", "Expires", "Signature", "security-token", "x-oss-signature-version", "x-oss-date",
            "x-oss-expires", "x-oss-credential", "x-oss-additional-headers", "x-oss-security-token", "x-oss-signature",
        ]
        var request = vector.request.removingQueryItems(authParams)
        let expiresAt = try #require(vector.expiresAt)
        if vector.version == "v1" {
            request.rawQuery = RequestSigner.presignV1(
                request, accessKeyId: vector.accessKeyId, secret: vector.secret,
                expires: Date(timeIntervalSince1970: TimeInterval(expiresAt)), securityToken: vector.securityToken)
            #expect(request.queryValue("Signature") == vector.request.queryValue("Signature"))
        } else {
            request.rawQuery = RequestSigner.presignV4(
                request, accessKeyId: vector.accessKeyId, secret: vector.secret, region: vector.region,
                date: vector.signedAt, expiresIn: expiresAt - vector.now, securityToken: vector.securityToken,
                additionalHeaders: vector.additionalHeaders)
            #expect(request.queryValue("x-oss-signature") == vector.request.queryValue("x-oss-signature"))
        }
        #expect(try authenticate(request, secret: vector.secret, now: vector.signedAt) != nil)
    }

    /// Found by fuzz/ (target `signing`): the verifier skips an empty `x-oss-date` and signs
    /// with `Date`, so the V1 signer must too.
    @Test func v1SignerSkipsAnEmptyOSSDateAsTheVerifierDoes() throws {
        let date = Date(timeIntervalSince1970: 1_795_803_356)
        var request = SigningRequest(
            method: "GET", bucket: "bkt", key: "k", rawQuery: "", headers: [("x-oss-date", "")])
        request.headers += RequestSigner.signV1(request, accessKeyId: "ak", secret: "sk", date: date)
        #expect(try authenticate(request, secret: "sk", now: date) != nil)
    }

    @Test func signedRequestsWithAwkwardKeysRoundTrip() throws {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let keys = ["a b+c/%2F/中文.txt", "~!*'();:@&=+$,?#[]", "dir/"]
        for key in keys {
            let request = SigningRequest(
                method: "PUT", bucket: "bkt", key: key, rawQuery: "partNumber=1&uploadId=a%2Bb%20c&prefix=x+y",
                headers: [("Content-Type", "image/png"), ("X-OSS-Meta-A", " spaced "), ("x-oss-meta-a", "second")])
            for token in [nil, "tok+/="] as [String?] {
                var v1 = request
                v1.headers += RequestSigner.signV1(v1, accessKeyId: "ak", secret: "sk", date: date, securityToken: token)
                #expect(try authenticate(v1, secret: "sk", now: date)?.securityToken == token)
                var v4 = request.settingHeader("Host", "bkt.example.com")
                v4.headers += RequestSigner.signV4(
                    v4, accessKeyId: "ak", secret: "sk", region: "oss-local", date: date,
                    additionalHeaders: ["Host", "content-type", "missing"], securityToken: token)
                let info = try #require(try authenticate(v4, secret: "sk", now: date))
                #expect(info.additionalHeaders == ["host"])
                var p1 = request
                p1.rawQuery = RequestSigner.presignV1(p1, accessKeyId: "ak", secret: "sk", expires: date, securityToken: token)
                #expect(try authenticate(p1, secret: "sk", now: date)?.securityToken == token)
                var p4 = request
                p4.rawQuery = RequestSigner.presignV4(
                    p4, accessKeyId: "ak", secret: "sk", region: "r", date: date, expiresIn: 60, securityToken: token)
                #expect(try authenticate(p4, secret: "sk", now: date.addingTimeInterval(60))?.securityToken == token)
            }
        }
    }

    private func signatureField(_ authorization: String?) -> String? {
        guard let authorization, let range = authorization.range(of: "Signature=") else { return nil }
        return String(authorization[range.upperBound...].prefix(64))
    }
}
