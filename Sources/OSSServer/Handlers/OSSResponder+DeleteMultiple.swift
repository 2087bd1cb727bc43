import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    /// DeleteMultipleObjects: `<Delete><Quiet/><Object><Key/></Object>...</Delete>`, at most
    /// 1000 keys and 2 MB. Links are deleted, never their targets.
    func deleteMultipleObjects(_ call: OSSCall, request: Request) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        let urlEncoded = try Self.encodingType(call.query)
        let body = try await RequestBodyReader.collect(request, limit: 2 << 20, tooLarge: .malformedXML())
        if let expected = try call.contentMD5(), Array(Insecure.MD5.hash(data: body)) != expected {
            throw OSSError.invalidDigest
        }
        let root = try XMLDocumentParser.parse(body)
        guard root.name == "Delete" else { throw OSSError.malformedXML() }
        let quiet = root.childText("Quiet")?.lowercased() == "true"
        let entries = root.children("Object")
        guard !entries.isEmpty, entries.count <= 1000 else { throw OSSError.malformedXML() }
        var keys: [String] = []
        for entry in entries {
            guard let key = entry.child("Key")?.text, !key.isEmpty else { throw OSSError.malformedXML() }
            keys.append(key)
        }
        var w = XMLWriter()
        w.open("DeleteResult")
        if urlEncoded { w.element("EncodingType", "url") }
        for key in keys {
            try await authorizeWrite(call, bucket: bucket, key: key)
            try await objects.deleteObject(bucket: bucket.name, key: key)
            if !quiet {
                w.open("Deleted")
                w.element("Key", urlEncoded ? PercentEncoding.encodeURLValue(key) : key)
                w.close("Deleted")
            }
        }
        w.close("DeleteResult")
        return ResponseBuilder.xml(w)
    }
}
