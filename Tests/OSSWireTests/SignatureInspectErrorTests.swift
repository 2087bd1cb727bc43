import Foundation
import OSSModel
import Testing

@testable import OSSWire

/// The failures `SignatureVerifier.inspect` reports before any secret is involved.
@Suite struct SignatureInspectErrorTests {
    private let now = Date(timeIntervalSince1970: 1_795_803_356)  // 2026-11-27T18:15:56Z

    private func inspectError(query: String = "", _ headers: [(name: String, value: String)]) -> OSSError? {
        signingError {
            _ = try SignatureVerifier.inspect(
                SigningRequest(method: "GET", bucket: "b", key: "k", rawQuery: query, headers: headers), now: now)
        }
    }

    @Test func unsignedRequestIsAnonymous() throws {
        let request = SigningRequest(method: "GET", bucket: "b", key: "k", rawQuery: "prefix=a&acl", headers: [])
        guard case .anonymous = try SignatureVerifier.inspect(request, now: now) else {
            Issue.record("expected anonymous")
            return
        }
    }

    @Test(arguments: ["OSS", "OSS ak", "OSS :sig", "Basic abc", "OSS2 Signature:x", "OSS4-HMAC-SHA256 Signature=ab",
        "OSS4-HMAC-SHA256 Credential=ak/20261127/r/oss/bad,Signature=ab", "OSS4-HMAC-SHA256 Credential=ak/2026-11-27/r/oss"])
    func malformedAuthorizationIsInvalidArgument(_ value: String) {
        let error = inspectError([("Authorization", value), ("Date", "Fri, 27 Nov 2026 18:15:56 GMT")])
        #expect(error?.code == "InvalidArgument")
        #expect(error?.status == 400)
    }

    @Test func authorizationHeaderIsInvalidMessage() {
        #expect(inspectError([("Authorization", "OSS nocolon")])?.message == "Authorization header is invalid.")
    }

    @Test func signatureInHeaderAndQueryIsInvalidArgument() {
        let error = inspectError(
            query: "OSSAccessKeyId=ak&Expires=1795803956&Signature=abc",
            [("Authorization", "OSS ak:sig"), ("Date", "Fri, 27 Nov 2026 18:15:56 GMT")])
        #expect(error?.code == "InvalidArgument")
        #expect(error?.status == 400)
    }

    @Test(arguments: ["OSSAccessKeyId=ak&Expires=1795803956", "Expires=1795803956&Signature=x", "OSSAccessKeyId=ak&Signature=x"])
    func incompleteV1QueryIsAccessDenied(_ query: String) {
        let error = inspectError(query: query, [])
        #expect(error?.code == "AccessDenied")
        #expect(error?.message == "Query-string authentication requires the Signature, Expires and OSSAccessKeyId parameters")
    }

    @Test func v4ExpiresBeyondSevenDaysIsInvalidArgument() {
        let query = "x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-date=20261127T181556Z&x-oss-expires=604801"
            + "&x-oss-credential=ak%2F20261127%2Fr%2Foss%2Faliyun_v4_request&x-oss-signature=ab"
        #expect(inspectError(query: query, [])?.code == "InvalidArgument")
        #expect(inspectError(query: query.replacingOccurrences(of: "604801", with: "604800"), []) == nil)
    }

    @Test func missingDateIsAccessDenied() {
        for auth in ["OSS ak:sig", "OSS4-HMAC-SHA256 Credential=ak/20261127/r/oss/aliyun_v4_request,Signature=ab"] {
            let error = inspectError([("Authorization", auth)])
            #expect(error?.code == "AccessDenied")
            #expect(error?.status == 403)
            #expect(error?.ec == "0002-00000503")
        }
    }

    @Test func unparsableDateIsInvalidArgument() {
        let v1 = inspectError([("Authorization", "OSS ak:sig"), ("Date", "yesterday")])
        #expect(v1?.status == 400)
        #expect(v1?.ec == "0002-00000502")
        let v4 = inspectError([
            ("Authorization", "OSS4-HMAC-SHA256 Credential=ak/20261127/r/oss/aliyun_v4_request,Signature=ab"),
            ("x-oss-date", "Fri, 27 Nov 2026 18:15:56 GMT"),
        ])
        #expect(v4?.ec == "0002-00000502")
    }

    @Test func v1AcceptsIsoXOssDateAndPrefersItOverDate() throws {
        let request = SigningRequest(
            method: "GET", bucket: "b", key: "k", rawQuery: "",
            headers: [("Authorization", "OSS ak:sig"), ("x-oss-date", "20261127T181556Z"), ("Date", "Mon, 01 Jan 2001 00:00:00 GMT")])
        guard case .signed(let info) = try SignatureVerifier.inspect(request, now: now) else {
            Issue.record("expected signed")
            return
        }
        #expect(info.dateLine == "20261127T181556Z")
    }

    @Test func v4ContentSHA256MustBeUnsignedPayload() {
        let error = inspectError([
            ("Authorization", "OSS4-HMAC-SHA256 Credential=ak/20261127/r/oss/aliyun_v4_request,Signature=ab"),
            ("x-oss-date", "20261127T181556Z"), ("x-oss-content-sha256", "e3b0c44298fc1c149afbf4c8996fb924"),
        ])
        #expect(error?.ec == "0002-00000214")
    }

    @Test func v4ScopeDateMustMatchXOssDate() {
        let error = inspectError([
            ("Authorization", "OSS4-HMAC-SHA256 Credential=ak/20261126/r/oss/aliyun_v4_request,Signature=ab"),
            ("x-oss-date", "20261127T181556Z"),
        ])
        #expect(error?.ec == "0002-00000223")
    }

    @Test func toleratesSpacesInV4Authorization() throws {
        let request = SigningRequest(
            method: "GET", bucket: "b", key: "k", rawQuery: "",
            headers: [
                ("authorization", "OSS4-HMAC-SHA256 Credential=ak/20261127/r/oss/aliyun_v4_request, Signature=ab, AdditionalHeaders=host;Range"),
                ("X-Oss-Date", "20261127T181556Z"),
            ])
        guard case .signed(let info) = try SignatureVerifier.inspect(request, now: now) else {
            Issue.record("expected signed")
            return
        }
        #expect(info.additionalHeaders == ["host", "range"])
        #expect(info.region == "r")
    }

    @Test func constantTimeCompare() {
        #expect(SignatureCrypto.constantTimeEquals("abc", "abc"))
        #expect(!SignatureCrypto.constantTimeEquals("abc", "abd"))
        #expect(!SignatureCrypto.constantTimeEquals("abc", "abcd"))
        #expect(!SignatureCrypto.constantTimeEquals("xbc", "abc"))
        let query = "Signature=abc&x=1"
        let value = query.dropFirst(10).prefix(3)
        #expect(SignatureCrypto.constantTimeEquals("abc", value))
        #expect(!SignatureCrypto.constantTimeEquals("abd", value))
        #expect(!SignatureCrypto.constantTimeEquals("ab", value))
    }

    /// V4 canonicalises the raw query: `+` becomes `%20`, items sort by name then value,
    /// `x-oss-signature` is left out and empty values lose their `=`.
    @Test func v4CanonicalQueryFromRawBytes() {
        #expect(
            SignatureV4.canonicalQuery("b=x+y+z&x-oss-signature=ab&a%2Bc=2&a%2Bc=1&flag=&tag")
                == "a%2Bc=1&a%2Bc=2&b=x%20y%20z&flag&tag")
        #expect(SignatureV4.canonicalQuery("k+1=v") == "k%201=v")
    }

    @Test func datesRoundTrip() {
        let date = Date(timeIntervalSince1970: 1_795_803_356)
        #expect(SignatureDate.rfc1123(date) == "Fri, 27 Nov 2026 18:15:56 GMT")
        #expect(SignatureDate.iso8601Basic(date) == "20261127T181556Z")
        #expect(SignatureDate.parseRFC1123("Fri, 27 Nov 2026 18:15:56 GMT") == 1_795_803_356)
        #expect(SignatureDate.parseRFC1123("Fri, 27 Nov 2026 18:15:56 UTC") == 1_795_803_356)
        #expect(SignatureDate.parseRFC1123("Fri 27 Nov 2026 18:15:56 GMT") == nil)
        #expect(SignatureDate.parseISO8601Basic("20261127T181556Z") == 1_795_803_356)
        #expect(SignatureDate.rfc1123(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }
}
