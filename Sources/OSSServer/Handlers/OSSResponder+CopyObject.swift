import Foundation
import HTTPTypes
import Hummingbird
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    /// CopyObject: `x-oss-copy-source: /bucket/key` to the request's key. A link source is
    /// copied as a link; data is cloned without re-reading it.
    func copyObject(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let (sourceBucketName, sourceKey) = try Self.copySource(call.header("x-oss-copy-source") ?? "")
        let destination = try await objects.bucket(call.bucket)
        let sourceBucket = try await objects.bucket(sourceBucketName)
        let source = try await ownObject(
            call, bucket: sourceBucket, key: sourceKey, kind: .objectRead, action: "oss:GetObject")
        try await authorizeWrite(call, bucket: destination, key: key.value)
        try Self.evaluateCopyConditions(call, source: source)

        let sameObject = sourceBucketName == destination.name && sourceKey.hasSameBytes(as: key.value)
        let replaceMetadata = call.header("x-oss-metadata-directive")?.uppercased() == "REPLACE" || sameObject
        let replaceTags = call.header("x-oss-tagging-directive")?.lowercased() == "replace"
        var options = try call.writeOptions(for: key)
        if !replaceMetadata { options.metadata = source.metadata }
        options.tags = replaceTags ? (try call.taggingHeader() ?? .empty) : source.tags
        if options.storageClass == nil { options.storageClass = source.storageClass }
        let record = try await objects.copyObject(
            source, to: destination, key: key, options: options, ownerID: destination.ownerID)
        var w = XMLWriter()
        w.open("CopyObjectResult")
        w.element("ETag", "\"\(record.etag)\"")
        w.element("LastModified", ISO8601Millis.format(record.lastModified))
        w.close("CopyObjectResult")
        var headers = HTTPFields()
        if let crc = record.crc64 { ResponseBuilder.add(&headers, "x-oss-hash-crc64ecma", String(crc)) }
        return ResponseBuilder.xml(w, headers: headers)
    }

    /// Splits `/bucket/key` (URL-encoded, `+` as space, optional `?versionId=`).
    static func copySource(_ raw: String) throws(OSSError) -> (bucket: String, key: String) {
        let invalid = OSSError.invalidArgument(
            "Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.",
            name: "x-oss-copy-source", value: raw)
        var path = Substring(raw)
        if let q = path.firstIndex(of: "?") { path = path[..<q] }
        guard let decoded = PercentEncoding.decode(path, plusAsSpace: true) else { throw invalid }
        var text = Substring(decoded)
        if text.hasPrefix("/") { text = text.dropFirst() }
        guard let slash = text.firstIndex(of: "/") else { throw invalid }
        let bucket = String(text[..<slash])
        let key = String(text[text.index(after: slash)...])
        guard !bucket.isEmpty, !key.isEmpty else { throw invalid }
        return (bucket, key)
    }

    /// `x-oss-copy-source-if-*`: 412 PreconditionFailed, or 304 for if-none-match /
    /// if-modified-since as GET does.
    static func evaluateCopyConditions(_ call: OSSCall, source: ObjectRecord) throws(OSSError) {
        let modified = floor(source.lastModified.timeIntervalSince1970)
        if let value = call.header("x-oss-copy-source-if-match"), !ETagMatch.matches(value, source.etag) {
            throw OSSError.preconditionFailed
        }
        if let raw = call.header("x-oss-copy-source-if-unmodified-since"), let date = HTTPDate.parse(raw),
            modified > date.timeIntervalSince1970
        {
            throw OSSError.preconditionFailed
        }
        if let value = call.header("x-oss-copy-source-if-none-match"), ETagMatch.matches(value, source.etag) {
            throw OSSError(code: "NotModified", status: 304, message: "Not Modified")
        }
        if let raw = call.header("x-oss-copy-source-if-modified-since"), let date = HTTPDate.parse(raw),
            modified <= date.timeIntervalSince1970
        {
            throw OSSError(code: "NotModified", status: 304, message: "Not Modified")
        }
    }
}
