import Foundation
import OSSModel
import Testing

@testable import OSSWire

/// The vectors published in the API notes (section 4), from Go v2's signer tests.
@Suite struct SignaturePublishedVectorTests {
    private let docV1Headers: [(name: String, value: String)] = [
        ("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw=="), ("Content-Type", "text/html"),
        ("x-oss-meta-author", "alice"), ("x-oss-meta-magic", "abracadabra"),
        ("x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT"), ("Date", "Wed, 28 Dec 2022 10:27:41 GMT"),
    ]
    private let docV1Date = Date(timeIntervalSince1970: 1_672_223_261)  // Wed, 28 Dec 2022 10:27:41 GMT

    @Test func v1HeaderVectorMatches() throws {
        let request = SigningRequest(method: "PUT", bucket: "examplebucket", key: "nelson", rawQuery: "", headers: docV1Headers)
        let stringToSign = SignatureV1.stringToSign(request, dateLine: "Wed, 28 Dec 2022 10:27:41 GMT")
        #expect(
            stringToSign
                == "PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson"
        )
        let signed = request.settingHeader("Authorization", "OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=")
        let info = try #require(try authenticate(signed, secret: "sk", now: docV1Date))
        #expect(info.version == .v1)
        #expect(info.accessKeyId == "ak")
    }

    @Test func v1HeaderVectorWithAclSubResourceMatches() throws {
        let request = SigningRequest(
            method: "PUT", bucket: "examplebucket", key: "nelson", rawQuery: "acl",
            headers: docV1Headers + [("Authorization", "OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=")])
        #expect(try authenticate(request, secret: "sk", now: docV1Date) != nil)
        let signer = RequestSigner.signV1(
            SigningRequest(method: "PUT", bucket: "examplebucket", key: "nelson", rawQuery: "acl",
                headers: docV1Headers.filter { $0.name != "Date" }),
            accessKeyId: "ak", secret: "sk", date: docV1Date)
        #expect(signer.value("Authorization") == "OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=")
    }

    @Test func v1PresignVectorMatches() throws {
        let request = SigningRequest(
            method: "GET", bucket: "bucket", key: "key",
            rawQuery: "versionId=versionId&OSSAccessKeyId=ak&Expires=1699807420&Signature=dcLTea%2BYh9ApirQ8o8dOPqtvJXQ%3D",
            headers: [])
        let info = try #require(try authenticate(request, secret: "sk", now: Date(timeIntervalSince1970: 1_699_807_000)))
        #expect(info.isPresigned)
        #expect(SignatureV1.stringToSign(request, dateLine: "1699807420") == "GET\n\n\n1699807420\n/bucket/key?versionId=versionId")
        let query = RequestSigner.presignV1(
            SigningRequest(method: "GET", bucket: "bucket", key: "key", rawQuery: "versionId=versionId", headers: []),
            accessKeyId: "ak", secret: "sk", expires: Date(timeIntervalSince1970: 1_699_807_420))
        #expect(query == "versionId=versionId&OSSAccessKeyId=ak&Expires=1699807420&Signature=dcLTea%2BYh9ApirQ8o8dOPqtvJXQ%3D")
    }

    @Test func v1PresignVectorWithTokenMatches() throws {
        let request = SigningRequest(
            method: "GET", bucket: "bucket", key: "key+123",
            rawQuery: "versionId=versionId&security-token=token&OSSAccessKeyId=ak&Expires=1699808204&Signature=jzKYRrM5y6Br0dRFPaTGOsbrDhY%3D",
            headers: [])
        #expect(
            SignatureV1.stringToSign(request, dateLine: "1699808204")
                == "GET\n\n\n1699808204\n/bucket/key+123?security-token=token&versionId=versionId")
        let info = try #require(try authenticate(request, secret: "sk", now: Date(timeIntervalSince1970: 1_699_808_000)))
        #expect(info.securityToken == "token")
    }

    private let v4Headers: [(name: String, value: String)] = [
        ("x-oss-head1", "value"), ("abc", "value"), ("ZAbc", "value"), ("XYZ", "value"),
        ("content-type", "text/plain"), ("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
    ]
    private let v4Query = "%2Bparam1=value3&%2Bparam2=&param1=value1&param2=&%7Cparam1=value4&%7Cparam2="

    @Test func v4HeaderVectorMatches() throws {
        let date = Date(timeIntervalSince1970: 1_702_743_657)
        let request = SigningRequest(
            method: "PUT", bucket: "bucket", key: "1234+-/123/1.txt", rawQuery: v4Query,
            headers: v4Headers + [("x-oss-date", "20231216T162057Z")])
        #expect(
            SignatureV4.canonicalRequest(request, additionalHeaders: [])
                == "PUT\n/bucket/1234%2B-/123/1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\ncontent-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD"
        )
        let signed = request.settingHeader(
            "Authorization",
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe"
        )
        let info = try #require(try authenticate(signed, secret: "sk", now: date))
        #expect(info.region == "cn-hangzhou")
        let added = RequestSigner.signV4(
            request.settingHeader("x-oss-date", nil).settingHeader("x-oss-content-sha256", nil),
            accessKeyId: "ak", secret: "sk", region: "cn-hangzhou", date: date)
        #expect(added.value("Authorization")?.hasSuffix("Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe") == true)
    }

    @Test func v4HeaderVectorWithAdditionalHeadersMatches() throws {
        let request = SigningRequest(
            method: "PUT", bucket: "bucket", key: "1234+-/123/1.txt", rawQuery: v4Query,
            headers: v4Headers + [
                ("x-oss-date", "20231216T172512Z"),
                ("Authorization", "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request, AdditionalHeaders=abc;zabc, Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f"),
            ])
        let info = try #require(try authenticate(request, secret: "sk", now: Date(timeIntervalSince1970: 1_702_747_512)))
        #expect(info.additionalHeaders == ["abc", "zabc"])
    }

    @Test func v4PresignVectorMatches() throws {
        let date = Date(timeIntervalSince1970: 1_702_781_677)
        let base = SigningRequest(
            method: "PUT", bucket: "bucket", key: "1234+-/123/1.txt", rawQuery: v4Query,
            headers: [("x-oss-head1", "value"), ("abc", "value"), ("ZAbc", "value"), ("XYZ", "value"),
                ("content-type", "application/octet-stream")])
        let query = RequestSigner.presignV4(
            base, accessKeyId: "ak", secret: "sk", region: "cn-hangzhou", date: date, expiresIn: 599)
        var signed = base
        signed.rawQuery = query
        #expect(signed.queryValue("x-oss-signature") == "a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe")
        #expect(
            SignatureV4.canonicalQuery(query).hasSuffix(
                "&param2&x-oss-credential=ak%2F20231217%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20231217T025437Z&x-oss-expires=599&x-oss-signature-version=OSS4-HMAC-SHA256"
            ))
        let info = try #require(try authenticate(signed, secret: "sk", now: date.addingTimeInterval(599)))
        #expect(info.isPresigned && info.version == .v4)
        #expect(signingError { _ = try authenticate(signed, secret: "sk", now: date.addingTimeInterval(600)) }?.code == "AccessDenied")
    }
}
