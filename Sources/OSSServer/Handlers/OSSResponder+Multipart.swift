import Foundation
import HTTPTypes
import Hummingbird
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    func initiateMultipartUpload(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try await authorizeWrite(call, bucket: bucket, key: key.value)
        let urlEncoded = try Self.encodingType(call.query)
        let upload = try await multipart.initiate(
            bucket: bucket, key: key, options: try call.writeOptions(for: key), ownerID: bucket.ownerID)
        var w = XMLWriter()
        w.open("InitiateMultipartUploadResult")
        w.element("Bucket", bucket.name)
        w.element("Key", urlEncoded ? PercentEncoding.encodeURLValue(upload.key) : upload.key)
        w.element("UploadId", upload.id)
        if urlEncoded { w.element("EncodingType", "url") }
        w.close("InitiateMultipartUploadResult")
        return ResponseBuilder.xml(w)
    }

    func uploadPart(_ call: OSSCall, request: Request) async throws -> Response {
        let (bucket, upload, number) = try await partTarget(call)
        let expectedMD5 = try call.contentMD5()
        let data = try await receiveBody(call, request: request, asBlob: true)
        let part = try await multipart.uploadPart(upload, number: number, data: data, expectedMD5: expectedMD5)
        _ = bucket
        var headers = HTTPFields()
        ResponseBuilder.add(&headers, "ETag", "\"\(part.etag)\"")
        ResponseBuilder.add(&headers, "x-oss-hash-crc64ecma", String(part.crc64))
        return ResponseBuilder.empty(headers: headers)
    }

    func uploadPartCopy(_ call: OSSCall) async throws -> Response {
        let (_, upload, number) = try await partTarget(call)
        let (sourceBucketName, sourceKey) = try Self.copySource(call.header("x-oss-copy-source") ?? "")
        let found = try await objects.metadata.lookup(bucket: sourceBucketName, key: sourceKey, followLink: true)
        guard let sourceBucket = found.bucket else { throw OSSError.noSuchBucket(sourceBucketName) }
        let (_, source) = try authorizeRead(call, found, bucket: sourceBucket, key: sourceKey)
        guard source.isReadable(at: objects.configuration.now()) else { throw OSSError.invalidObjectState }
        try Self.evaluateCopyConditions(call, source: source)
        var range: Range<Int64> = 0..<source.size
        if let raw = call.header("x-oss-copy-source-range") {
            guard case .partial(let first, let last) = ByteRange.resolve(raw, size: source.size, standard: true) else {
                throw OSSError.invalidArgument(
                    "The x-oss-copy-source-range is invalid.", name: "x-oss-copy-source-range", value: raw)
            }
            range = first..<(last + 1)
        }
        let receiver = try objects.beginUpload(expectedLength: range.count > 0 ? Int64(range.count) : nil)
        do {
            try await objects.copyBytes(of: source, range: range, into: receiver)
        } catch {
            receiver.abort()
            throw error
        }
        let part = try await multipart.uploadPart(
            upload, number: number, data: try await receiver.finish(asBlob: true), expectedMD5: nil)
        var w = XMLWriter()
        w.open("CopyPartResult")
        w.element("LastModified", ISO8601Millis.format(part.lastModified))
        w.element("ETag", "\"\(part.etag)\"")
        w.close("CopyPartResult")
        var headers = HTTPFields()
        ResponseBuilder.add(&headers, "ETag", "\"\(part.etag)\"")
        ResponseBuilder.add(&headers, "x-oss-hash-crc64ecma", String(part.crc64))
        return ResponseBuilder.xml(w, headers: headers)
    }

    func completeMultipartUpload(_ call: OSSCall, request: Request) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try await authorizeWrite(call, bucket: bucket, key: key.value)
        let upload = try await uploadFor(call, bucket: bucket, key: key)
        let urlEncoded = try Self.encodingType(call.query)
        let body = try await RequestBodyReader.collect(request, limit: 2 << 20, tooLarge: .malformedXML())
        var chosen: [(number: Int, etag: String)]?
        if call.header("x-oss-complete-all")?.lowercased() == "yes" {
            // oss2 sends an empty <CompleteMultipartUpload/> along with the header; only a
            // document that lists parts contradicts it.
            if !body.isEmpty, !(try XMLDocumentParser.parse(body).children("Part").isEmpty) {
                throw OSSError.invalidArgument("Should not specify both complete all header and http body.")
            }
        } else {
            let root = try XMLDocumentParser.parse(body)
            guard root.name == "CompleteMultipartUpload" else { throw OSSError.malformedXML() }
            chosen = try root.children("Part").map { part throws(OSSError) in
                guard let number = part.childText("PartNumber").flatMap(Int.init), let etag = part.childText("ETag")
                else {
                    throw OSSError.malformedXML()
                }
                return (number, etag)
            }
        }
        let record = try await multipart.complete(
            upload, bucket: bucket, chosen: chosen, forbidOverwrite: call.flag("x-oss-forbid-overwrite"))
        let encode = { (value: String) -> String in urlEncoded ? PercentEncoding.encodeURLValue(value) : value }
        var w = XMLWriter()
        w.open("CompleteMultipartUploadResult")
        if urlEncoded { w.element("EncodingType", "url") }
        w.element("Location", "http://\(call.host)/\(bucket.name)/\(encode(record.key))")
        w.element("Bucket", bucket.name)
        w.element("Key", encode(record.key))
        w.element("ETag", "\"\(record.etag)\"")
        w.close("CompleteMultipartUploadResult")
        var headers = HTTPFields()
        ResponseBuilder.add(&headers, "ETag", "\"\(record.etag)\"")
        if let crc = record.crc64 { ResponseBuilder.add(&headers, "x-oss-hash-crc64ecma", String(crc)) }
        return ResponseBuilder.xml(w, headers: headers)
    }

    func abortMultipartUpload(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try await authorizeWrite(call, bucket: bucket, key: key.value)
        let upload = try await uploadFor(call, bucket: bucket, key: key)
        try await multipart.abort(bucket: bucket.name, id: upload.id)
        return ResponseBuilder.empty(204)
    }

    /// The bucket, upload and part number an UploadPart(Copy) names, authorized for writing.
    func partTarget(_ call: OSSCall) async throws -> (BucketRecord, MultipartUpload, Int) {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try await authorizeWrite(call, bucket: bucket, key: key.value)
        let raw = call.query["partNumber"]
        guard let raw, let number = Int(raw), (1...MultipartService.maxPartNumber).contains(number) else {
            throw OSSError.invalidArgument(
                "Part number must be an integer between 1 and 10000, inclusive.", name: "partNumber", value: raw)
        }
        return (bucket, try await uploadFor(call, bucket: bucket, key: key), number)
    }

    /// The upload named by `uploadId`, which must belong to `key`. Throws `NoSuchUpload`.
    func uploadFor(_ call: OSSCall, bucket: BucketRecord, key: ObjectKey) async throws -> MultipartUpload {
        guard let id = call.query["uploadId"], !id.isEmpty else { throw OSSError.noSuchUpload }
        let upload = try await multipart.upload(bucket: bucket.name, id: id)
        guard upload.key.hasSameBytes(as: key.value) else { throw OSSError.noSuchUpload }
        return upload
    }
}
