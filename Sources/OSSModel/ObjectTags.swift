/// An object's tag set: at most 10 tags, unique keys of 1-128 bytes, values up to 256 bytes.
public struct ObjectTags: Sendable, Equatable {
    /// One tag.
    public struct Tag: Sendable, Equatable {
        public var key: String
        public var value: String
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public static let maxCount = 10
    public static let empty = ObjectTags(unchecked: [])

    /// The tags in the order they were given.
    public let tags: [Tag]

    /// Validates `tags`; throws `400 InvalidTag`-style `InvalidArgument` errors on any breach.
    public init(_ tags: [Tag]) throws(OSSError) {
        guard tags.count <= ObjectTags.maxCount else {
            throw OSSError.invalidArgument("Object tags cannot be greater than 10", name: "Tagging")
        }
        var seen = Set<String>()
        for tag in tags {
            guard (1...128).contains(tag.key.utf8.count), tag.value.utf8.count <= 256 else {
                throw OSSError.invalidArgument("The tag provided was not a valid tag.", name: "Tagging", value: tag.key)
            }
            guard !tag.key.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
                !tag.value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else {
                throw OSSError.invalidArgument("The tag provided was not a valid tag.", name: "Tagging", value: tag.key)
            }
            guard seen.insert(tag.key).inserted else {
                throw OSSError.invalidArgument(
                    "Cannot provide multiple Tags with the same key", name: "Tagging", value: tag.key)
            }
        }
        self.tags = tags
    }

    init(unchecked tags: [Tag]) { self.tags = tags }

    public var count: Int { tags.count }
    public var isEmpty: Bool { tags.isEmpty }
}
