import Crypto
import Foundation
import OSSWire

extension OSSClient {
    /// PutObjectACL (`PUT /key?acl`, `x-oss-object-acl`).
    public func putObjectAcl(_ bucket: String, key: String, acl: String, versionId: String? = nil) async throws
        -> OSSResponse
    {
        var request = OSSRequest(
            operation: "PutObjectAcl", method: "PUT", bucket: bucket, key: key, query: [("acl", nil)],
            headers: [("x-oss-object-acl", acl)])
        request.setQuery("versionId", versionId)
        return try await send(request)
    }

    /// GetObjectACL (`GET /key?acl`).
    public func getObjectAcl(_ bucket: String, key: String, versionId: String? = nil) async throws -> OSSResponse {
        var request = OSSRequest(
            operation: "GetObjectAcl", method: "GET", bucket: bucket, key: key, query: [("acl", nil)])
        request.setQuery("versionId", versionId)
        return try await send(request)
    }

    /// PutObjectTagging with a ready `Tagging` document.
    public func putObjectTagging(_ bucket: String, key: String, document: [UInt8], versionId: String? = nil)
        async throws -> OSSResponse
    {
        var request = OSSRequest(
            operation: "PutObjectTagging", method: "PUT", bucket: bucket, key: key, query: [("tagging", nil)],
            headers: [("Content-Type", "application/xml"), ("Content-MD5", Self.contentMD5(document))],
            body: .bytes(document))
        request.setQuery("versionId", versionId)
        return try await send(request)
    }

    /// GetObjectTagging.
    public func getObjectTagging(_ bucket: String, key: String, versionId: String? = nil) async throws
        -> OSSResponse
    {
        var request = OSSRequest(
            operation: "GetObjectTagging", method: "GET", bucket: bucket, key: key, query: [("tagging", nil)])
        request.setQuery("versionId", versionId)
        return try await send(request)
    }

    /// DeleteObjectTagging.
    public func deleteObjectTagging(_ bucket: String, key: String, versionId: String? = nil) async throws
        -> OSSResponse
    {
        var request = OSSRequest(
            operation: "DeleteObjectTagging", method: "DELETE", bucket: bucket, key: key, query: [("tagging", nil)])
        request.setQuery("versionId", versionId)
        return try await send(request)
    }

    /// PutSymlink: `x-oss-symlink-target` is sent unescaped, as Go SDK v2 does;
    /// `headers` carries `x-oss-object-acl`, `x-oss-forbid-overwrite`, `x-oss-storage-class`,
    /// `x-oss-meta-*` and `x-oss-tagging`.
    public func putSymlink(
        _ bucket: String, key: String, target: String, headers: [(name: String, value: String)] = []
    ) async throws -> OSSResponse {
        var request = OSSRequest(
            operation: "PutSymlink", method: "PUT", bucket: bucket, key: key, query: [("symlink", nil)],
            headers: headers)
        request.setHeader("x-oss-symlink-target", target)
        return try await send(request)
    }

    /// GetSymlink: the answer's `x-oss-symlink-target` is the percent-encoded target.
    public func getSymlink(_ bucket: String, key: String, versionId: String? = nil) async throws -> OSSResponse {
        var request = OSSRequest(
            operation: "GetSymlink", method: "GET", bucket: bucket, key: key, query: [("symlink", nil)])
        request.setQuery("versionId", versionId)
        return try await send(request)
    }

    /// Base64 of the MD5 of `bytes`, for `Content-MD5`.
    static func contentMD5(_ bytes: [UInt8]) -> String {
        Data(Insecure.MD5.hash(data: bytes)).base64EncodedString()
    }
}
