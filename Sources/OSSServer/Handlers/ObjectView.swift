import Foundation
import HTTPTypes
import OSSModel
import OSSWire

/// What GET and HEAD report for an object, or for a link merged with its target: length,
/// ETag, Content-MD5, CRC-64 and storage class from the data; Last-Modified the later of the
/// two; user metadata and standard headers from the link; object type `Symlink`.
struct ObjectView {
    let link: ObjectRecord?
    let data: ObjectRecord
    /// The server's clock, for the restore state.
    let now: Date

    /// The record whose metadata (user and standard headers, tags) is shown.
    var described: ObjectRecord { link ?? data }
    var etag: String { data.etag }
    var lastModified: Date {
        guard let link else { return data.lastModified }
        return max(link.lastModified, data.lastModified)
    }

    /// The response headers, without Content-Length and Content-Range.
    func headers() -> HTTPFields {
        // Appends, not subscript sets: every name is new here, and a set searches the fields.
        let meta = described.metadata
        var fields = HTTPFields()
        fields.reserveCapacity(12 + meta.user.count)
        fields.append(HTTPField(name: .contentType, value: meta.contentType))
        fields.append(HTTPField(name: .eTag, value: "\"\(etag)\""))
        fields.append(HTTPField(name: .lastModified, value: HTTPDate.format(lastModified)))
        fields.append(HTTPField(name: .acceptRanges, value: "bytes"))
        let kind = link == nil ? data.kind : .symlink
        fields.append(HTTPField(name: .ossObjectType, value: kind.rawValue))
        fields.append(HTTPField(name: .ossStorageClass, value: data.storageClass.rawValue))
        if let crc = data.crc64 { fields.append(HTTPField(name: .ossHashCRC64, value: String(crc))) }
        if let md5 = data.contentMD5 { fields.append(HTTPField(name: .ossContentMD5, value: md5)) }
        if let value = meta.cacheControl { fields.append(HTTPField(name: .cacheControl, value: value)) }
        if let value = meta.contentDisposition { fields.append(HTTPField(name: .contentDisposition, value: value)) }
        if let value = meta.contentEncoding { fields.append(HTTPField(name: .contentEncoding, value: value)) }
        if let value = meta.contentLanguage { fields.append(HTTPField(name: .contentLanguage, value: value)) }
        if let value = meta.expires { fields.append(HTTPField(name: .expires, value: value)) }
        for entry in meta.user { ResponseBuilder.add(&fields, "x-oss-meta-" + entry.name, entry.value) }
        if data.kind == .appendable, link == nil {
            ResponseBuilder.add(&fields, "x-oss-next-append-position", String(data.size))
        }
        if let restore = data.restore, data.storageClass.needsRestore, restore.expiresAt > now {
            let value =
                restore.isOngoing(at: now)
                ? "ongoing-request=\"true\""
                : "ongoing-request=\"false\", expiry-date=\"\(HTTPDate.format(restore.expiresAt))\""
            ResponseBuilder.add(&fields, "x-oss-restore", value)
        }
        if !described.tags.isEmpty { ResponseBuilder.add(&fields, "x-oss-tagging-count", String(described.tags.count)) }
        return fields
    }
}
