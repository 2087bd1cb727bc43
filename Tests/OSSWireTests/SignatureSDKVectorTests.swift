import Foundation
import OSSModel
import Testing

@testable import OSSWire

/// Requests signed by oss2 2.19.1 and alibabacloud-oss-v2 1.4.1 (see Vectors/generate_vectors.py).
@Suite struct SignatureSDKVectorTests {
    @Test func vectorFileIsLoaded() {
        #expect(SDKVector.all.count >= 60)
        #expect(Set(SDKVector.all.map(\.sdk)) == ["oss2", "alibabacloud-oss-v2"])
    }

    @Test(arguments: SDKVector.all)
    func verifierAcceptsSDKSignature(_ vector: SDKVector) throws {
        let info = try #require(try authenticate(vector.request, secret: vector.secret, now: vector.signedAt))
        #expect(info.version == vector.expectedVersion)
        #expect(info.accessKeyId == vector.accessKeyId)
        #expect(info.isPresigned == vector.presigned)
        #expect(info.securityToken == vector.securityToken)
    }

    @Test(arguments: SDKVector.all)
    func alteringASignedComponentIsRejected(_ vector: SDKVector) throws {
        let request = vector.request
        var mutations: [(String, SigningRequest)] = []
        var changed = request
        changed.method = request.method == "GET" ? "HEAD" : "GET"
        mutations.append(("method", changed))
        if request.bucket != nil {  // a service request (ListBuckets) has no key to alter
            changed = request
            changed.key = (request.key ?? "") + "x"
            mutations.append(("key", changed))
        }
        let ossHeader = request.headers.first { $0.name.lowercased().hasPrefix("x-oss-meta-") }?.name ?? "x-oss-meta-extra"
        mutations.append(("x-oss header", request.settingHeader(ossHeader, "tampered")))
        mutations.append(("content-md5", request.settingHeader("Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA==")))
        mutations.append(("content-type", request.settingHeader("Content-Type", "application/x-tampered")))
        changed = request
        changed.rawQuery = request.rawQuery.isEmpty ? "acl" : "acl&" + request.rawQuery
        if request.rawQuery.split(separator: "&").contains(where: { $0.hasPrefix("acl") }) {
            changed.rawQuery = request.rawQuery.replacingOccurrences(of: "acl", with: "tagging")
        }
        mutations.append(("sub-resource", changed))
        for (label, mutated) in mutations {
            let error = signingError { _ = try authenticate(mutated, secret: vector.secret, now: vector.signedAt) }
            #expect(error?.code == "SignatureDoesNotMatch", "\(label) change accepted")
            #expect(error?.status == 403)
        }
        let error = signingError { _ = try authenticate(request, secret: vector.secret + "x", now: vector.signedAt) }
        #expect(error?.code == "SignatureDoesNotMatch")
        #expect(error?.details.contains { $0.name == "StringToSignBytes" } == true)
        #expect(error?.details.first { $0.name == "OSSAccessKeyId" }?.value == vector.accessKeyId)
        if vector.expectedVersion == .v4 {
            #expect(error?.ec == "0002-00000201")
            #expect(error?.details.contains { $0.name == "CanonicalRequest" } == true)
        }
    }

    @Test(arguments: SDKVector.headerSigned)
    func clockSkewBeyondFifteenMinutesIsRejected(_ vector: SDKVector) throws {
        for offset: TimeInterval in [-16 * 60, 16 * 60] {
            let error = signingError {
                _ = try authenticate(vector.request, secret: vector.secret, now: vector.signedAt.addingTimeInterval(offset))
            }
            #expect(error?.code == "RequestTimeTooSkewed")
            #expect(error?.status == 403)
            #expect(error?.details.map { $0.name } == ["RequestTime", "ServerTime"])
        }
        for offset: TimeInterval in [-14 * 60, 14 * 60] {
            #expect(try authenticate(vector.request, secret: vector.secret, now: vector.signedAt.addingTimeInterval(offset)) != nil)
        }
    }

    @Test(arguments: SDKVector.presignedURLs)
    func presignedURLExpires(_ vector: SDKVector) throws {
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(try #require(vector.expiresAt)))
        #expect(try authenticate(vector.request, secret: vector.secret, now: expiresAt) != nil)
        let error = signingError { _ = try authenticate(vector.request, secret: vector.secret, now: expiresAt.addingTimeInterval(1)) }
        #expect(error?.code == "AccessDenied")
        #expect(error?.status == 403)
        #expect(error?.message == "Request has expired.")
    }
}
