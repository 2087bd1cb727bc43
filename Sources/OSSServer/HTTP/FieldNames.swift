import HTTPTypes

/// Parsed `HTTPField.Name`s for the header names the request path uses on every call, so
/// a lookup does not validate and lower-case the same literal again per request.
enum FieldNames {
    private static let common: [String: HTTPField.Name] = {
        let names = [
            "range", "x-oss-range-behavior", "if-match", "if-none-match", "if-modified-since",
            "if-unmodified-since", "content-md5", "content-length", "content-type", "transfer-encoding",
            "user-agent", "x-oss-copy-source", "x-oss-request-id", "x-oss-server-time", "x-oss-object-type",
            "x-oss-storage-class", "x-oss-hash-crc64ecma", "Content-MD5", "x-oss-forbid-overwrite",
            "x-oss-object-acl", "x-oss-tagging", "x-oss-symlink-target", "x-oss-next-append-position",
            "x-oss-tagging-count", "x-oss-restore", "ETag", "Last-Modified", "Content-Range",
        ]
        var table: [String: HTTPField.Name] = [:]
        for name in names { table[name] = HTTPField.Name(name) }
        return table
    }()

    /// The field name for `name`, or nil when `name` is not a valid HTTP token.
    static func named(_ name: String) -> HTTPField.Name? {
        common[name] ?? HTTPField.Name(name)
    }
}
