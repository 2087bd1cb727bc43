import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    func putObject(_ call: OSSCall, request: Request) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try await authorizeWrite(call, bucket: bucket, key: key.value)
        if call.header("if-modified-since") != nil || call.header("if-unmodified-since") != nil {
            throw OSSError.notImplemented
        }
        let options = try call.writeOptions(for: key)
        let expectedMD5 = try call.contentMD5()
        let data = try await receiveBody(call, request: request)
        let record = try await objects.putObject(
            bucket: bucket, key: key, data: data, expectedMD5: expectedMD5, options: options,
            ownerID: bucket.ownerID)
        var headers = HTTPFields()
        headers.append(HTTPField(name: .eTag, value: "\"\(record.etag)\""))
        if let md5 = record.contentMD5 { headers.append(HTTPField(name: .ossContentMD5, value: md5)) }
        if let crc = record.crc64 { headers.append(HTTPField(name: .ossHashCRC64, value: String(crc))) }
        return ResponseBuilder.empty(headers: headers)
    }

    /// Streams the request body into an upload (inline or a temp file, hashed in one
    /// pass), checking the declared length and any `x-oss-hash-crc64ecma` the client sent.
    /// - Parameter asBlob: always put the bytes in a blob (parts, large appends).
    func receiveBody(_ call: OSSCall, request: Request, asBlob: Bool = false) async throws -> UploadedData {
        let expectedCRC = try call.header("x-oss-hash-crc64ecma").map { raw throws(OSSError) -> UInt64 in
            guard let value = UInt64(raw) else { throw OSSError.invalidCRC64 }
            return value
        }
        let length = try Self.declaredLength(call)
        let upload = try objects.beginUpload(expectedLength: length)
        do {
            for try await chunk in request.body {
                await upload.room()
                try chunk.withUnsafeReadableBytes { try upload.write($0) }
            }
        } catch let error as OSSError {
            upload.abort()
            throw error
        } catch {
            upload.abort()
            if error is StorageIOError { throw error }
            throw OSSError.incompleteBody
        }
        let data = try await upload.finish(asBlob: asBlob)
        let failure: OSSError?
        if let length, data.size != length {
            failure = .incompleteBody
        } else if let expectedCRC, expectedCRC != data.crc64 {
            failure = .invalidCRC64
        } else {
            failure = nil
        }
        if let failure {
            if case .blob(let writer) = data.storage { writer.abort() }
            throw failure
        }
        return data
    }

    /// The body length the client declared: `Content-Length`, or nil for chunked bodies.
    /// Throws `411 MissingContentLength` when there is neither.
    static func declaredLength(_ call: OSSCall) throws(OSSError) -> Int64? {
        if let raw = call.header("content-length") {
            guard let value = Int64(raw), value >= 0 else {
                throw OSSError.invalidArgument("Content-Length is invalid.", name: "Content-Length", value: raw)
            }
            return value
        }
        if call.header("transfer-encoding")?.lowercased().contains("chunked") == true { return nil }
        throw OSSError.missingContentLength
    }

    /// Checks write access to `key`: for anonymous callers the existing object's ACL (if
    /// any) decides, else the bucket's.
    func authorizeWrite(_ call: OSSCall, bucket: BucketRecord, key: String) async throws {
        if case .root = call.principal { return }
        let existing = try await objects.metadata.object(bucket: bucket.name, key: key)
        try authorize(call, .objectWrite, bucket: bucket, key: key, objectACL: existing?.acl, existing: existing)
        // Tags sent with a write need the tagging permission too (PutSymlink, PutObject...).
        if call.header("x-oss-tagging") != nil, call.operation.action == "oss:PutObject" {
            try authorize(
                call, .objectWrite, bucket: bucket, key: key, objectACL: existing?.acl, action: "oss:PutObjectTagging",
                existing: existing)
        }
    }
}
