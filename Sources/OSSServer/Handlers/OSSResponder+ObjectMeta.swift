import Foundation
import HTTPTypes
import Hummingbird
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    /// GetObjectMeta: the object's own basic metadata (a link describes itself).
    func getObjectMeta(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        let record = try await ownObject(call, bucket: bucket, key: key.value, kind: .objectRead)
        var headers = HTTPFields()
        ResponseBuilder.add(&headers, "ETag", "\"\(record.etag)\"")
        ResponseBuilder.add(&headers, "Last-Modified", HTTPDate.format(record.lastModified))
        ResponseBuilder.add(&headers, "x-oss-last-access-time", HTTPDate.format(record.lastModified))
        if let crc = record.crc64 { ResponseBuilder.add(&headers, "x-oss-hash-crc64ecma", String(crc)) }
        headers[.contentLength] = String(record.size)
        return Response(status: .ok, headers: headers, body: ResponseBody())
    }

    func deleteObject(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try await authorizeWrite(call, bucket: bucket, key: key.value)
        try await objects.deleteObject(bucket: bucket.name, key: key.value)
        return ResponseBuilder.empty(204)
    }

    /// The record at `key` itself (no link resolution), authorized for `kind`; throws
    /// `NoSuchKey` (after the bucket-level check, so a private bucket leaks nothing).
    func ownObject(_ call: OSSCall, bucket: BucketRecord, key: String, kind: AccessKind, action: String? = nil)
        async throws -> ObjectRecord
    {
        guard let record = try await objects.metadata.object(bucket: bucket.name, key: key) else {
            try authorize(call, kind, bucket: bucket, key: key, action: action)
            throw OSSError.noSuchKey(key)
        }
        try authorize(call, kind, bucket: bucket, key: key, objectACL: record.acl, action: action, existing: record)
        return record
    }

    func putObjectAcl(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: key.value)
        guard let value = call.header("x-oss-object-acl") else { throw OSSError.missingArgument() }
        let acl = try ObjectACL.parse(value)
        try await objects.metadata.setObjectACL(bucket: bucket.name, key: key.value, acl: acl)
        return ResponseBuilder.empty()
    }

    func getObjectAcl(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        let record = try await ownObject(call, bucket: bucket, key: key.value, kind: .ownerOnly)
        return ResponseBuilder.xml(Self.aclDocument(owner: record.ownerID, grant: record.acl.rawValue))
    }

    func putObjectTagging(_ call: OSSCall, request: Request) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: key.value)
        let body = try await RequestBodyReader.collect(request, limit: 64 * 1024, tooLarge: .malformedXML())
        let root = try XMLDocumentParser.parse(body)
        guard root.name == "Tagging" else { throw OSSError.malformedXML() }
        var tags: [ObjectTags.Tag] = []
        for tag in root.child("TagSet")?.children("Tag") ?? [] {
            guard let name = tag.child("Key")?.text else { throw OSSError.malformedXML() }
            tags.append(ObjectTags.Tag(key: name, value: tag.child("Value")?.text ?? ""))
        }
        try await objects.metadata.setObjectTags(bucket: bucket.name, key: key.value, tags: try ObjectTags(tags))
        return ResponseBuilder.empty()
    }

    func getObjectTagging(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        let record = try await ownObject(call, bucket: bucket, key: key.value, kind: .ownerOnly)
        var w = XMLWriter()
        w.open("Tagging")
        w.open("TagSet")
        for tag in record.tags.tags {
            w.open("Tag")
            w.element("Key", tag.key)
            w.element("Value", tag.value)
            w.close("Tag")
        }
        w.close("TagSet")
        w.close("Tagging")
        return ResponseBuilder.xml(w)
    }

    func deleteObjectTagging(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: key.value)
        try await objects.metadata.setObjectTags(bucket: bucket.name, key: key.value, tags: .empty)
        return ResponseBuilder.empty(204)
    }
}
