import HTTPTypes
import Hummingbird
import NIOCore
import OSSModel
import OSSStorage

extension OSSResponder {
    /// PutBucketPolicy: the JSON document is validated, then stored verbatim.
    func putBucketPolicy(_ call: OSSCall, request: Request) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: nil)
        let body = try await RequestBodyReader.collect(
            request, limit: PolicyDocument.maxBytes,
            tooLarge: OSSError(code: "InvalidPolicyDocument", status: 400, message: "The policy is larger than 16 KB."))
        let text = String(decoding: body, as: UTF8.self)
        _ = try PolicyDocument(text)
        try await objects.metadata.setBucketPolicy(bucket.name, policy: text)
        return ResponseBuilder.empty()
    }

    func getBucketPolicy(_ call: OSSCall) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: nil)
        guard let policy = bucket.policy else { throw OSSError.noSuchBucketPolicy }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: policy)))
    }

    func deleteBucketPolicy(_ call: OSSCall) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: nil)
        try await objects.metadata.setBucketPolicy(bucket.name, policy: nil)
        return ResponseBuilder.empty(204)
    }
}
