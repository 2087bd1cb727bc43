import OSSWire

extension OSSClient {
    /// PutObject; `headers` carries `Content-Type`, `x-oss-meta-*`, `x-oss-object-acl`, ...
    public func putObject(
        _ bucket: String, key: String, body: OSSRequestBody, headers: [(name: String, value: String)] = [],
        progress: (@Sendable (Int64) -> Void)? = nil
    ) async throws -> OSSResponse {
        var request = OSSRequest(
            operation: "PutObject", method: "PUT", bucket: bucket, key: key, headers: headers, body: body)
        request.progress = progress
        return try await send(request)
    }

    /// GetObject, streaming the data to `consumer`; `headers` carries `Range` and
    /// conditions, `query` `versionId` and `response-*` overrides.
    public func getObject(
        _ bucket: String, key: String, headers: [(name: String, value: String)] = [],
        query: [(name: String, value: String?)] = [], progress: (@Sendable (Int64) -> Void)? = nil,
        consumer: @Sendable ([UInt8]) async throws -> Void
    ) async throws -> OSSResponse {
        var request = OSSRequest(
            operation: "GetObject", method: "GET", bucket: bucket, key: key, query: query, headers: headers)
        request.progress = progress
        return try await send(request, consumer: consumer)
    }

    /// HeadObject: the object's headers (through a link, the target's data headers).
    public func headObject(
        _ bucket: String, key: String, headers: [(name: String, value: String)] = [],
        query: [(name: String, value: String?)] = []
    ) async throws -> OSSResponse {
        try await send(
            OSSRequest(operation: "HeadObject", method: "HEAD", bucket: bucket, key: key, query: query, headers: headers))
    }

    /// GetObjectMeta (`HEAD /key?objectMeta`): ETag, size and mtime of the object itself.
    public func getObjectMeta(_ bucket: String, key: String, versionId: String? = nil) async throws -> OSSResponse {
        var request = OSSRequest(
            operation: "GetObjectMeta", method: "HEAD", bucket: bucket, key: key, query: [("objectMeta", nil)])
        request.setQuery("versionId", versionId)
        return try await send(request)
    }

    /// DeleteObject (204 also when the key does not exist).
    public func deleteObject(_ bucket: String, key: String, versionId: String? = nil) async throws -> OSSResponse {
        var request = OSSRequest(operation: "DeleteObject", method: "DELETE", bucket: bucket, key: key)
        request.setQuery("versionId", versionId)
        return try await send(request)
    }

    /// DeleteMultipleObjects with a ready `Delete` document.
    public func deleteMultipleObjects(_ bucket: String, document: [UInt8], encodingType: String? = nil)
        async throws -> OSSResponse
    {
        var request = OSSRequest(
            operation: "DeleteMultipleObjects", method: "POST", bucket: bucket, query: [("delete", nil)],
            headers: [("Content-Type", "application/xml"), ("Content-MD5", Self.contentMD5(document))],
            body: .bytes(document))
        request.setQuery("encoding-type", encodingType)
        return try await send(request)
    }

    /// DeleteMultipleObjects for `keys` (at most 1000), quiet mode.
    public func deleteObjects(_ bucket: String, keys: [String], quiet: Bool = true) async throws -> OSSResponse {
        var xml = XMLWriter()
        xml.element("Delete") { w in
            w.element("Quiet", quiet)
            for key in keys { w.element("Object") { $0.element("Key", key) } }
        }
        return try await deleteMultipleObjects(bucket, document: xml.bytes)
    }

    /// CopyObject: `x-oss-copy-source: /sourceBucket/url-encoded-key` plus `headers`.
    public func copyObject(
        _ bucket: String, key: String, sourceBucket: String, sourceKey: String,
        headers: [(name: String, value: String)] = []
    ) async throws -> OSSResponse {
        let source = "/" + sourceBucket + "/" + OSSEndpoint.encodePath(sourceKey)
        return try await copyObject(bucket, key: key, copySource: source, headers: headers)
    }

    /// CopyObject with a ready `x-oss-copy-source` value.
    public func copyObject(
        _ bucket: String, key: String, copySource: String, headers: [(name: String, value: String)] = []
    ) async throws -> OSSResponse {
        var request = OSSRequest(operation: "CopyObject", method: "PUT", bucket: bucket, key: key, headers: headers)
        request.setHeader("x-oss-copy-source", copySource)
        return try await send(request)
    }
}
