/// One uploaded part of a multipart upload, as CompleteMultipartUpload needs it.
public struct MultipartPart: Sendable, Equatable {
    /// 1...10000.
    public var partNumber: Int
    /// The ETag as the server sent it (quoted).
    public var etag: String
    /// The part's CRC-64 (`x-oss-hash-crc64ecma`), when known.
    public var crc64: UInt64?
    /// The part's length in bytes, when known (needed to combine CRCs).
    public var size: Int64?

    /// Creates a part record.
    public init(partNumber: Int, etag: String, crc64: UInt64? = nil, size: Int64? = nil) {
        self.partNumber = partNumber
        self.etag = etag
        self.crc64 = crc64
        self.size = size
    }
}
