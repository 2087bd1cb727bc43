import Hummingbird
import OSSModel
import OSSStorage

extension OSSResponder {
    /// AppendObject. Normal objects, multipart objects and links are never appendable
    /// (`409 ObjectNotAppendable`); appending itself is not implemented yet.
    func appendObject(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try await authorizeWrite(call, bucket: bucket, key: key.value)
        if let existing = try await objects.metadata.object(bucket: bucket.name, key: key.value),
            existing.kind != .appendable
        {
            throw OSSError.objectNotAppendable
        }
        throw OSSError(
            code: "NotImplemented", status: 501,
            message: "A header you provided implies functionality that is not implemented.")
    }
}
