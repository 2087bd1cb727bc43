import Foundation
import HTTPTypes
import Hummingbird
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    /// ListObjects (`version` 1) and ListObjectsV2 (`version` 2).
    func listObjects(_ call: OSSCall, version: Int) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .bucketList, bucket: bucket, key: nil)
        let q = call.query
        let prefix = q["prefix"] ?? ""
        let delimiter = q["delimiter"] ?? ""
        let maxKeys = try Self.maxKeys(q["max-keys"], default: 100)
        let urlEncoded = try Self.encodingType(q)
        let startAfter = q["start-after"]
        let token = q["continuation-token"]
        var marker: String?
        if version == 1 {
            marker = q["marker"]
        } else if let token, !token.isEmpty {
            guard let decoded = ContinuationToken.decode(token) else {
                throw OSSError.invalidArgument(
                    "The continuation token provided is incorrect.", name: "continuation-token", value: token)
            }
            marker = decoded
        } else {
            marker = startAfter
        }
        for (name, value) in [("prefix", prefix), ("marker", marker ?? ""), ("delimiter", delimiter)]
        where value.utf8.count > 1023 {
            throw OSSError.invalidArgument("Argument \(name) is too long.", name: name, value: value)
        }
        let page = try await objects.metadata.listObjects(
            bucket: bucket.name,
            query: ObjectListQuery(prefix: prefix, delimiter: delimiter, marker: marker, maxKeys: maxKeys))
        let encode = { (value: String) -> String in urlEncoded ? PercentEncoding.encodeURLValue(value) : value }

        var w = XMLWriter(capacity: 512 + page.objects.count * 400)
        w.open("ListBucketResult")
        w.element("Name", bucket.name)
        w.element("Prefix", encode(prefix))
        if version == 1 {
            w.element("Marker", encode(marker ?? ""))
        } else {
            if let startAfter { w.element("StartAfter", encode(startAfter)) }
            if let token { w.element("ContinuationToken", encode(token)) }
        }
        w.element("MaxKeys", maxKeys)
        w.element("Delimiter", encode(delimiter))
        if urlEncoded { w.element("EncodingType", "url") }
        w.element("IsTruncated", page.isTruncated)
        if let next = page.nextMarker {
            if version == 1 {
                w.element("NextMarker", encode(next))
            } else {
                w.element("NextContinuationToken", encode(ContinuationToken.encode(next)))
            }
        }
        if version == 2 { w.element("KeyCount", page.objects.count + page.commonPrefixes.count) }
        let withOwner = version == 1 || q["fetch-owner"]?.lowercased() == "true"
        for object in page.objects {
            w.open("Contents")
            w.element("Key", encode(object.key))
            w.element("LastModified", ISO8601Millis.format(object.lastModified))
            w.element("ETag", "\"\(object.etag)\"")
            w.element("Type", object.kind.rawValue)
            w.element("Size", object.size)
            w.element("StorageClass", object.storageClass.rawValue)
            if withOwner { writeOwner(&w, object.ownerID) }
            w.close("Contents")
        }
        for common in page.commonPrefixes {
            w.open("CommonPrefixes")
            w.element("Prefix", encode(common))
            w.close("CommonPrefixes")
        }
        w.close("ListBucketResult")
        return ResponseBuilder.xml(w)
    }

    /// `encoding-type`: only `url` is accepted.
    static func encodingType(_ query: RawQuery) throws(OSSError) -> Bool {
        guard let value = query["encoding-type"], !value.isEmpty else { return false }
        guard value.lowercased() == "url" else {
            throw OSSError.invalidArgument(
                "The encoding-type parameter is invalid.", name: "encoding-type", value: value)
        }
        return true
    }
}

/// ListObjectsV2 continuation tokens: the last key returned, base64url without padding.
enum ContinuationToken {
    static func encode(_ key: String) -> String {
        Data(key.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ token: String) -> String? {
        var text = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { return nil }
        return String(bytes: data, encoding: .utf8)
    }
}
