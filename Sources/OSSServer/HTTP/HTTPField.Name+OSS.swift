import HTTPTypes

/// The OSS header names on the hot paths (what every GET, HEAD or PUT answer carries, and
/// the copy-source header routing looks for), parsed once: building them from a string
/// (``FieldNames/named(_:)``) costs a dictionary lookup per header per request.
extension HTTPField.Name {
    static let ossRequestID = HTTPField.Name("x-oss-request-id")!
    static let ossServerTime = HTTPField.Name("x-oss-server-time")!
    static let ossObjectType = HTTPField.Name("x-oss-object-type")!
    static let ossStorageClass = HTTPField.Name("x-oss-storage-class")!
    static let ossHashCRC64 = HTTPField.Name("x-oss-hash-crc64ecma")!
    static let ossCopySource = HTTPField.Name("x-oss-copy-source")!
    /// `Content-MD5`, spelled as OSS sends it.
    static let ossContentMD5 = HTTPField.Name("Content-MD5")!
}
