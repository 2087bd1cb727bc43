/// The metadata a client sets on an object: standard HTTP headers and `x-oss-meta-*`.
public struct ObjectMetadata: Sendable, Equatable {
    /// The most user metadata (names plus values, in bytes) an object may carry.
    public static let maxUserMetadataBytes = 8 * 1024

    public var contentType: String
    public var cacheControl: String?
    public var contentDisposition: String?
    public var contentEncoding: String?
    public var contentLanguage: String?
    public var expires: String?
    /// User metadata, names lower-cased without the `x-oss-meta-` prefix, sorted by name.
    public private(set) var user: [(name: String, value: String)]

    /// Creates metadata; throws `400 InvalidArgument` when user metadata is over 8 KB or a
    /// name holds characters other than letters, digits and `-`.
    public init(
        contentType: String,
        cacheControl: String? = nil, contentDisposition: String? = nil, contentEncoding: String? = nil,
        contentLanguage: String? = nil, expires: String? = nil,
        user: [(name: String, value: String)] = []
    ) throws(OSSError) {
        self.contentType = contentType
        self.cacheControl = cacheControl
        self.contentDisposition = contentDisposition
        self.contentEncoding = contentEncoding
        self.contentLanguage = contentLanguage
        self.expires = expires
        var total = 0
        var normalized: [(name: String, value: String)] = []
        for entry in user {
            let name = entry.name.lowercased()
            guard !name.isEmpty, name.utf8.allSatisfy({ ObjectMetadata.isNameByte($0) }) else {
                throw OSSError.invalidArgument("The user metadata name is invalid.", name: "x-oss-meta-" + entry.name)
            }
            total += name.utf8.count + entry.value.utf8.count
            if let index = normalized.firstIndex(where: { $0.name == name }) {
                normalized[index].value += "," + entry.value
            } else {
                normalized.append((name, entry.value))
            }
        }
        guard total <= ObjectMetadata.maxUserMetadataBytes else {
            throw OSSError(
                code: "MetadataTooLarge", status: 400,
                message: "Your metadata headers exceed the maximum allowed metadata size.")
        }
        self.user = normalized.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Metadata with only a content type.
    public static func plain(_ contentType: String) -> ObjectMetadata {
        // A content type alone cannot break any rule.
        (try? ObjectMetadata(contentType: contentType)) ?? ObjectMetadata(uncheckedContentType: contentType)
    }

    private init(uncheckedContentType: String) {
        contentType = uncheckedContentType
        user = []
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || (b >= 0x41 && b <= 0x5A)
    }

    public static func == (lhs: ObjectMetadata, rhs: ObjectMetadata) -> Bool {
        lhs.contentType == rhs.contentType && lhs.cacheControl == rhs.cacheControl
            && lhs.contentDisposition == rhs.contentDisposition && lhs.contentEncoding == rhs.contentEncoding
            && lhs.contentLanguage == rhs.contentLanguage && lhs.expires == rhs.expires
            && lhs.user.elementsEqual(rhs.user, by: { $0.name == $1.name && $0.value == $1.value })
    }
}
