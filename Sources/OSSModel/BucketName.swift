/// A validated bucket name: 3-63 characters of lower-case letters, digits and `-`, starting
/// and ending with a letter or digit.
public struct BucketName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name as it appears on the wire.
    public let value: String

    /// Validates `value`; throws `400 InvalidBucketName` when it breaks the naming rules.
    public init(_ value: String) throws(OSSError) {
        guard BucketName.isValid(value) else { throw OSSError.invalidBucketName(value) }
        self.value = value
    }

    /// Whether `value` satisfies OSS's bucket naming rules.
    public static func isValid(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        func isAlnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == 0x2D }
    }

    public var description: String { value }
    public static func < (lhs: BucketName, rhs: BucketName) -> Bool { lhs.value < rhs.value }
}
