import Foundation
import OSSWire

/// One page of ListObjects / ListObjectsV2, keys decoded.
public struct ObjectListing: Sendable, Equatable {
    /// One `Contents` entry.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var lastModified: Date?
        /// The ETag without quotes.
        public var etag: String
        /// `Normal`, `Appendable`, `Multipart` or `Symlink`.
        public var type: String
        public var size: Int64
        public var storageClass: String
    }

    public var entries: [Entry]
    /// CommonPrefixes, decoded.
    public var commonPrefixes: [String]
    public var isTruncated: Bool
    /// `NextContinuationToken` (v2) or `NextMarker` (v1), decoded.
    public var next: String?

    /// Parses a `ListBucketResult` document; `url`-encoded fields are decoded when the
    /// document says `<EncodingType>url</EncodingType>`.
    ///
    /// - Throws: ``OSSClientError`` (`invalidResponse`) when the body is not that document.
    public init(parsing body: [UInt8]) throws(OSSClientError) {
        guard let root = try? XMLDocumentParser.parse(body, maxBytes: 64 << 20), root.name == "ListBucketResult"
        else { throw OSSClientError(kind: .invalidResponse, message: "malformed ListBucketResult") }
        let encoded = root.childText("EncodingType") == "url"
        func decode(_ text: String) -> String {
            encoded ? (PercentEncoding.decode(text, plusAsSpace: true) ?? text) : text
        }
        entries = root.children("Contents").map { item in
            Entry(
                key: decode(item.child("Key")?.text ?? ""),
                lastModified: item.childText("LastModified").flatMap(ISO8601Millis.parse),
                etag: (item.childText("ETag") ?? "").replacingOccurrences(of: "\"", with: ""),
                type: item.childText("Type") ?? "Normal", size: Int64(item.childText("Size") ?? "") ?? 0,
                storageClass: item.childText("StorageClass") ?? "Standard")
        }
        commonPrefixes = root.children("CommonPrefixes").map { decode($0.child("Prefix")?.text ?? "") }
        isTruncated = root.childText("IsTruncated") == "true"
        next = (root.childText("NextContinuationToken") ?? root.childText("NextMarker")).map(decode)
    }
}

/// One page of ListBuckets.
public struct BucketListing: Sendable, Equatable {
    /// One `Bucket` entry.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var creationDate: Date?
        /// `oss-cn-hangzhou` style location.
        public var location: String
        public var storageClass: String
    }

    public var buckets: [Entry]
    public var isTruncated: Bool
    public var nextMarker: String?

    /// Parses a `ListAllMyBucketsResult` document.
    public init(parsing body: [UInt8]) throws(OSSClientError) {
        guard let root = try? XMLDocumentParser.parse(body, maxBytes: 64 << 20),
            root.name == "ListAllMyBucketsResult"
        else { throw OSSClientError(kind: .invalidResponse, message: "malformed ListAllMyBucketsResult") }
        buckets = (root.child("Buckets")?.children("Bucket") ?? []).map { item in
            Entry(
                name: item.childText("Name") ?? "",
                creationDate: item.childText("CreationDate").flatMap(ISO8601Millis.parse),
                location: item.childText("Location") ?? "", storageClass: item.childText("StorageClass") ?? "")
        }
        isTruncated = root.childText("IsTruncated") == "true"
        nextMarker = root.childText("NextMarker")
    }
}

extension OSSClient {
    /// Every object under `prefix` (all pages of ListObjectsV2, `encoding-type=url`), or one
    /// level when `delimiter` is set. `handle` is called per page so huge listings stream.
    public func listAllObjects(
        _ bucket: String, prefix: String, delimiter: String? = nil, startAfter: String? = nil,
        pageSize: Int = 1000, handle: (ObjectListing) async throws -> Bool
    ) async throws {
        var token: String?
        var first = true
        repeat {
            var query: [(name: String, value: String?)] = [("prefix", prefix), ("max-keys", String(pageSize))]
            query.append(("encoding-type", "url"))
            if let delimiter { query.append(("delimiter", delimiter)) }
            if first, let startAfter { query.append(("start-after", startAfter)) }
            if let token { query.append(("continuation-token", token)) }
            first = false
            let page = try ObjectListing(parsing: try await listObjectsV2(bucket, query: query).body)
            guard try await handle(page) else { return }
            token = page.isTruncated ? page.next : nil
        } while token != nil
    }
}
