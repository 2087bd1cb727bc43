import Foundation
import OSSWire

extension OSSClient {
    /// InitiateMultipartUpload (`POST /key?uploads`); `headers` as for PutObject. Returns
    /// the answer and the new upload id.
    ///
    /// - Throws: ``OSSServiceError``, or ``OSSClientError`` (`invalidResponse`) when the
    ///   answer has no `UploadId`.
    public func initiateMultipartUpload(
        _ bucket: String, key: String, headers: [(name: String, value: String)] = [], encodingType: String? = nil
    ) async throws -> (response: OSSResponse, uploadId: String) {
        var request = OSSRequest(
            operation: "InitiateMultipartUpload", method: "POST", bucket: bucket, key: key, query: [("uploads", nil)],
            headers: headers)
        request.setQuery("encoding-type", encodingType)
        let response = try await send(request)
        guard let root = try? XMLDocumentParser.parse(response.body), let id = root.childText("UploadId"), !id.isEmpty
        else { throw OSSClientError(kind: .invalidResponse, message: "malformed InitiateMultipartUploadResult") }
        return (response, id)
    }

    /// UploadPart (`PUT /key?partNumber=N&uploadId=ID`), streamed from `body` (typically
    /// ``OSSRequestBody/fileRange(path:offset:length:)``). With `contentMD5` the part is
    /// hashed first and `Content-MD5` sent. The server's CRC-64 is checked against one
    /// computed here (not for standard input).
    ///
    /// - Throws: ``OSSServiceError``; ``OSSClientError`` for an unreadable file or a CRC
    ///   mismatch.
    public func uploadPart(
        _ bucket: String, key: String, uploadId: String, partNumber: Int, body: OSSRequestBody,
        contentMD5: Bool = false, headers: [(name: String, value: String)] = [],
        progress: (@Sendable (Int64) -> Void)? = nil
    ) async throws -> (response: OSSResponse, part: MultipartPart) {
        let digest = try body.digest(md5: contentMD5)
        var request = OSSRequest(
            operation: "UploadPart", method: "PUT", bucket: bucket, key: key,
            query: [("partNumber", String(partNumber)), ("uploadId", uploadId)], headers: headers, body: body)
        if let md5 = digest?.md5 { request.setHeader("Content-MD5", Data(md5).base64EncodedString()) }
        request.progress = progress
        let response = try await send(request)
        try Self.checkCRC(response, expected: digest?.crc64, operation: "UploadPart")
        let part = MultipartPart(
            partNumber: partNumber, etag: response.header("ETag") ?? "",
            crc64: response.header("x-oss-hash-crc64ecma").flatMap { UInt64($0) } ?? digest?.crc64,
            size: digest?.length)
        return (response, part)
    }

    /// UploadPartCopy: part `partNumber` from `copySource` (`/bucket/url-encoded-key`),
    /// optionally the byte range `range` (`bytes=a-b`); `headers` carries
    /// `x-oss-copy-source-if-*`. The part's ETag comes from the `CopyPartResult` body.
    public func uploadPartCopy(
        _ bucket: String, key: String, uploadId: String, partNumber: Int, copySource: String, range: String? = nil,
        headers: [(name: String, value: String)] = []
    ) async throws -> (response: OSSResponse, part: MultipartPart) {
        var request = OSSRequest(
            operation: "UploadPartCopy", method: "PUT", bucket: bucket, key: key,
            query: [("partNumber", String(partNumber)), ("uploadId", uploadId)], headers: headers)
        request.setHeader("x-oss-copy-source", copySource)
        request.setHeader("x-oss-copy-source-range", range)
        let response = try await send(request)
        let etag = (try? XMLDocumentParser.parse(response.body))?.childText("ETag") ?? response.header("ETag") ?? ""
        let part = MultipartPart(
            partNumber: partNumber, etag: etag, crc64: response.header("x-oss-hash-crc64ecma").flatMap { UInt64($0) })
        return (response, part)
    }

    /// CompleteMultipartUpload with `parts` (sorted here by part number). When every part
    /// has a CRC and a size, the object's `x-oss-hash-crc64ecma` is checked against their
    /// combination.
    ///
    /// - Throws: ``OSSServiceError``; ``OSSClientError`` for a CRC mismatch.
    public func completeMultipartUpload(
        _ bucket: String, key: String, uploadId: String, parts: [MultipartPart],
        headers: [(name: String, value: String)] = []
    ) async throws -> OSSResponse {
        let sorted = parts.sorted { $0.partNumber < $1.partNumber }
        var xml = XMLWriter()
        xml.element("CompleteMultipartUpload") { w in
            for part in sorted {
                w.element("Part") { p in
                    p.element("PartNumber", part.partNumber)
                    p.element("ETag", part.etag)
                }
            }
        }
        let response = try await completeMultipartUpload(
            bucket, key: key, uploadId: uploadId, document: xml.bytes, headers: headers)
        try Self.checkCRC(response, expected: Self.combinedCRC(sorted), operation: "CompleteMultipartUpload")
        return response
    }

    /// CompleteMultipartUpload with a ready `CompleteMultipartUpload` document, or with
    /// `document == nil` and `x-oss-complete-all: yes` in `headers` (all uploaded parts).
    public func completeMultipartUpload(
        _ bucket: String, key: String, uploadId: String, document: [UInt8]?,
        headers: [(name: String, value: String)] = [], encodingType: String? = nil
    ) async throws -> OSSResponse {
        var request = OSSRequest(
            operation: "CompleteMultipartUpload", method: "POST", bucket: bucket, key: key,
            query: [("uploadId", uploadId)], headers: headers)
        request.setQuery("encoding-type", encodingType)
        if let document {
            request.body = .bytes(document)
            request.setHeader("Content-Type", "application/xml")
        }
        return try await send(request)
    }

    /// AbortMultipartUpload (204).
    public func abortMultipartUpload(_ bucket: String, key: String, uploadId: String) async throws -> OSSResponse {
        try await send(
            OSSRequest(
                operation: "AbortMultipartUpload", method: "DELETE", bucket: bucket, key: key,
                query: [("uploadId", uploadId)]))
    }

    /// ListParts of one upload; the answer body is a `ListPartsResult`.
    public func listParts(
        _ bucket: String, key: String, uploadId: String, maxParts: String? = nil, partNumberMarker: String? = nil,
        encodingType: String? = nil
    ) async throws -> OSSResponse {
        var request = OSSRequest(
            operation: "ListParts", method: "GET", bucket: bucket, key: key, query: [("uploadId", uploadId)])
        request.setQuery("max-parts", maxParts)
        request.setQuery("part-number-marker", partNumberMarker)
        request.setQuery("encoding-type", encodingType)
        return try await send(request)
    }

    /// ListMultipartUploads (`GET /?uploads`); the answer body is a
    /// `ListMultipartUploadsResult`.
    public func listMultipartUploads(
        _ bucket: String, prefix: String? = nil, delimiter: String? = nil, keyMarker: String? = nil,
        uploadIdMarker: String? = nil, maxUploads: String? = nil, encodingType: String? = nil
    ) async throws -> OSSResponse {
        var request = OSSRequest(
            operation: "ListMultipartUploads", method: "GET", bucket: bucket, query: [("uploads", nil)])
        request.setQuery("prefix", prefix)
        request.setQuery("delimiter", delimiter)
        request.setQuery("key-marker", keyMarker)
        request.setQuery("upload-id-marker", uploadIdMarker)
        request.setQuery("max-uploads", maxUploads)
        request.setQuery("encoding-type", encodingType)
        return try await send(request)
    }
}
