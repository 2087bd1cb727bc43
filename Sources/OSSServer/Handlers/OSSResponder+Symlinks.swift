import Foundation
import HTTPTypes
import Hummingbird
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    /// PutSymlink: creates the link without looking at its target.
    func putSymlink(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        guard let rawTarget = call.header("x-oss-symlink-target") else {
            throw OSSError.missingArgument("0043-00000001").with("ArgumentName", "x-oss-symlink-target")
        }
        guard let decoded = PercentEncoding.decode(rawTarget, plusAsSpace: true), !decoded.utf8.contains(0) else {
            throw OSSError.invalidArgument(
                "The symlink target is invalid.", name: "x-oss-symlink-target", value: rawTarget)
        }
        let target: ObjectKey
        do {
            target = try ObjectKey(decoded)
        } catch {
            throw OSSError.invalidArgument(error.message, name: "x-oss-symlink-target", value: rawTarget)
        }
        let bucket = try await objects.bucket(call.bucket)
        try await authorizeWrite(call, bucket: bucket, key: key.value)
        let options = try call.writeOptions(for: key)
        let record = try await symlinks.putSymlink(
            bucket: bucket, key: key, target: target, options: options, ownerID: bucket.ownerID)
        var headers = HTTPFields()
        ResponseBuilder.add(&headers, "ETag", "\"\(record.etag)\"")
        return ResponseBuilder.empty(headers: headers)
    }

    /// GetSymlink: the link's target (percent-encoded) and the link's own metadata.
    func getSymlink(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        let record = try await ownObject(call, bucket: bucket, key: key.value, kind: .objectRead)
        guard record.kind == .symlink, let target = record.symlinkTarget else { throw OSSError.notSymlink }
        var headers = HTTPFields()
        ResponseBuilder.add(&headers, "x-oss-symlink-target", PercentEncoding.encodeSymlinkTarget(target))
        ResponseBuilder.add(&headers, "ETag", "\"\(record.etag)\"")
        ResponseBuilder.add(&headers, "Last-Modified", HTTPDate.format(record.lastModified))
        let meta = record.metadata
        headers[.contentType] = meta.contentType
        if let value = meta.cacheControl { headers[.cacheControl] = value }
        if let value = meta.contentDisposition { headers[.contentDisposition] = value }
        if let value = meta.contentEncoding { headers[.contentEncoding] = value }
        if let value = meta.contentLanguage { headers[.contentLanguage] = value }
        if let value = meta.expires { headers[.expires] = value }
        for entry in meta.user { ResponseBuilder.add(&headers, "x-oss-meta-" + entry.name, entry.value) }
        headers[.contentLength] = "0"
        return Response(status: .ok, headers: headers, body: ResponseBody())
    }
}
