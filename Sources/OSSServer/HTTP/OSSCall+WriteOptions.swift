import Foundation
import OSSModel
import OSSStorage
import OSSWire

extension OSSCall {
    /// The standard headers and `x-oss-meta-*` of this request as object metadata; the
    /// content type defaults from the key's extension.
    func objectMetadata(for key: ObjectKey) throws(OSSError) -> ObjectMetadata {
        var user: [(name: String, value: String)] = []
        for field in headers {
            let name = field.name.canonicalName
            if name.hasPrefix("x-oss-meta-") {
                user.append((String(name.dropFirst("x-oss-meta-".count)), field.value))
            }
        }
        let contentType = header("content-type").flatMap { $0.isEmpty ? nil : $0 } ?? ContentTypes.forKey(key.value)
        return try ObjectMetadata(
            contentType: contentType, cacheControl: header("cache-control"),
            contentDisposition: header("content-disposition"), contentEncoding: header("content-encoding"),
            contentLanguage: header("content-language"), expires: header("expires"), user: user)
    }

    /// `x-oss-object-acl`, `x-oss-storage-class`, `x-oss-tagging`, `x-oss-forbid-overwrite`
    /// and the metadata headers, as the options of a write.
    func writeOptions(for key: ObjectKey) throws(OSSError) -> WriteOptions {
        WriteOptions(
            metadata: try objectMetadata(for: key),
            acl: try header("x-oss-object-acl").map(ObjectACL.parse) ?? .default,
            storageClass: try header("x-oss-storage-class").map { v throws(OSSError) in try StorageClass.parse(v) },
            tags: try taggingHeader() ?? .empty,
            condition: flag("x-oss-forbid-overwrite") ? .mustNotExist : .overwrite)
    }

    /// Parses `x-oss-tagging` (`k1=v1&k2=v2`, URL-encoded); nil when absent.
    func taggingHeader() throws(OSSError) -> ObjectTags? {
        guard let raw = header("x-oss-tagging") else { return nil }
        let invalid = OSSError.invalidArgument(
            "The header 'x-oss-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
            name: "x-oss-tagging", value: raw)
        if raw.isEmpty { return .empty }
        var tags: [ObjectTags.Tag] = []
        for item in RawQuery(raw).items {
            guard !item.name.isEmpty else { throw invalid }
            tags.append(ObjectTags.Tag(key: item.name, value: item.value ?? ""))
        }
        do {
            return try ObjectTags(tags)
        } catch {
            throw invalid
        }
    }

    /// The decoded `Content-MD5`, nil when absent; throws `InvalidDigest` when malformed.
    func contentMD5() throws(OSSError) -> [UInt8]? {
        guard let raw = header("content-md5") else { return nil }
        guard let data = Data(base64Encoded: raw.trimmingCharacters(in: .whitespaces)), data.count == 16 else {
            throw OSSError.invalidDigest
        }
        return [UInt8](data)
    }
}
