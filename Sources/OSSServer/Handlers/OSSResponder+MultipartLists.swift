import Foundation
import HTTPTypes
import Hummingbird
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    func listParts(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try await authorizeWrite(call, bucket: bucket, key: key.value)
        let upload = try await uploadFor(call, bucket: bucket, key: key)
        let urlEncoded = try Self.encodingType(call.query)
        let maxParts = try Self.maxKeys(call.query["max-parts"], default: 1000, name: "max-parts")
        let marker =
            try call.query["part-number-marker"].flatMap { $0.isEmpty ? nil : $0 }.map { raw throws(OSSError) -> Int in
                guard let value = Int(raw), value >= 0 else {
                    throw OSSError.invalidArgument(
                        "Argument part-number-marker is invalid.", name: "part-number-marker", value: raw)
                }
                return value
            } ?? 0
        let remaining = try await objects.metadata.parts(uploadID: upload.id).filter { $0.number > marker }
        let page = remaining.prefix(maxParts)
        let truncated = remaining.count > maxParts
        var w = XMLWriter(capacity: 512 + page.count * 200)
        w.open("ListPartsResult")
        w.element("Bucket", bucket.name)
        w.element("Key", urlEncoded ? PercentEncoding.encodeURLValue(upload.key) : upload.key)
        w.element("UploadId", upload.id)
        w.element("StorageClass", upload.storageClass.rawValue)
        w.element("PartNumberMarker", marker)
        w.element("NextPartNumberMarker", page.last?.number ?? marker)
        w.element("MaxParts", maxParts)
        w.element("IsTruncated", truncated)
        if urlEncoded { w.element("EncodingType", "url") }
        for part in page {
            w.open("Part")
            w.element("PartNumber", part.number)
            w.element("LastModified", ISO8601Millis.format(part.lastModified))
            w.element("ETag", "\"\(part.etag)\"")
            w.element("HashCrc64ecma", String(part.crc64))
            w.element("Size", part.size)
            w.close("Part")
        }
        w.close("ListPartsResult")
        return ResponseBuilder.xml(w)
    }

    func listMultipartUploads(_ call: OSSCall) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: nil)
        let q = call.query
        let urlEncoded = try Self.encodingType(q)
        let query = UploadListQuery(
            prefix: q["prefix"] ?? "", delimiter: q["delimiter"], keyMarker: q["key-marker"],
            uploadIDMarker: q["upload-id-marker"],
            maxUploads: try Self.maxKeys(q["max-uploads"], default: 1000, name: "max-uploads"))
        let all = try await objects.metadata.uploads(bucket: bucket.name, prefix: query.prefix)
        let page = UploadListing.page(query, uploads: all)
        let encode = { (value: String) -> String in urlEncoded ? PercentEncoding.encodeURLValue(value) : value }
        var w = XMLWriter(capacity: 512 + page.uploads.count * 300)
        w.open("ListMultipartUploadsResult")
        w.element("Bucket", bucket.name)
        w.element("KeyMarker", encode(query.keyMarker ?? ""))
        w.element("UploadIdMarker", query.uploadIDMarker ?? "")
        w.element("NextKeyMarker", encode(page.nextKeyMarker ?? ""))
        w.element("NextUploadIdMarker", page.nextUploadIDMarker ?? "")
        w.element("Delimiter", encode(query.delimiter ?? ""))
        w.element("Prefix", encode(query.prefix))
        w.element("MaxUploads", query.maxUploads)
        w.element("IsTruncated", page.isTruncated)
        if urlEncoded { w.element("EncodingType", "url") }
        for upload in page.uploads {
            w.open("Upload")
            w.element("Key", encode(upload.key))
            w.element("UploadId", upload.id)
            w.element("StorageClass", upload.storageClass.rawValue)
            w.element("Initiated", ISO8601Millis.format(upload.initiated))
            w.close("Upload")
        }
        for prefix in page.commonPrefixes {
            w.open("CommonPrefixes")
            w.element("Prefix", encode(prefix))
            w.close("CommonPrefixes")
        }
        w.close("ListMultipartUploadsResult")
        return ResponseBuilder.xml(w)
    }
}
