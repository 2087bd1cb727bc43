import OSSWire

extension OSSClient {
    /// ListBuckets (`GET /` on the service host).
    public func listBuckets(prefix: String? = nil, marker: String? = nil, maxKeys: Int? = nil) async throws
        -> OSSResponse
    {
        var request = OSSRequest(operation: "ListBuckets", method: "GET")
        request.setQuery("prefix", prefix)
        request.setQuery("marker", marker)
        request.setQuery("max-keys", maxKeys.map(String.init))
        return try await send(request)
    }

    /// PutBucket; `acl` goes in `x-oss-acl`, `configuration` is a `CreateBucketConfiguration`
    /// document sent as is.
    public func putBucket(
        _ bucket: String, acl: String? = nil, configuration: [UInt8]? = nil,
        headers: [(name: String, value: String)] = []
    ) async throws -> OSSResponse {
        var request = OSSRequest(operation: "PutBucket", method: "PUT", bucket: bucket, headers: headers)
        request.setHeader("x-oss-acl", acl)
        if let configuration {
            request.body = .bytes(configuration)
            request.setHeader("Content-Type", "application/xml")
        }
        return try await send(request)
    }

    /// DeleteBucket.
    public func deleteBucket(_ bucket: String) async throws -> OSSResponse {
        try await send(OSSRequest(operation: "DeleteBucket", method: "DELETE", bucket: bucket))
    }

    /// GetBucketInfo (`GET /?bucketInfo`).
    public func getBucketInfo(_ bucket: String) async throws -> OSSResponse {
        try await send(
            OSSRequest(operation: "GetBucketInfo", method: "GET", bucket: bucket, query: [("bucketInfo", nil)]))
    }

    /// GetBucketLocation (`GET /?location`).
    public func getBucketLocation(_ bucket: String) async throws -> OSSResponse {
        try await send(
            OSSRequest(operation: "GetBucketLocation", method: "GET", bucket: bucket, query: [("location", nil)]))
    }

    /// PutBucketAcl (`PUT /?acl`, `x-oss-acl`).
    public func putBucketAcl(_ bucket: String, acl: String) async throws -> OSSResponse {
        try await send(
            OSSRequest(
                operation: "PutBucketAcl", method: "PUT", bucket: bucket, query: [("acl", nil)],
                headers: [("x-oss-acl", acl)]))
    }

    /// GetBucketAcl (`GET /?acl`).
    public func getBucketAcl(_ bucket: String) async throws -> OSSResponse {
        try await send(OSSRequest(operation: "GetBucketAcl", method: "GET", bucket: bucket, query: [("acl", nil)]))
    }

    /// ListObjects (v1). `query` holds `prefix`, `delimiter`, `marker`, `max-keys`,
    /// `encoding-type` as given.
    public func listObjects(_ bucket: String, query: [(name: String, value: String?)]) async throws -> OSSResponse {
        try await send(OSSRequest(operation: "ListObjects", method: "GET", bucket: bucket, query: query))
    }

    /// ListObjectsV2 (`list-type=2` is added first).
    public func listObjectsV2(_ bucket: String, query: [(name: String, value: String?)]) async throws
        -> OSSResponse
    {
        try await send(
            OSSRequest(
                operation: "ListObjectsV2", method: "GET", bucket: bucket, query: [("list-type", "2")] + query))
    }
}
