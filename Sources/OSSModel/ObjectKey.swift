/// A validated object key: UTF-8, 1-1023 bytes, not starting with `/` or `\`.
///
/// Keys order, compare and hash by their UTF-8 bytes, as OSS stores and lists them: `café`
/// spelled with U+00E9 and with `e` + U+0301 are two keys, though equal as `String`s.
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The maximum length of a key in bytes.
    public static let maxLength = 1023

    /// The decoded key.
    public let value: String

    /// Validates `value`; throws `400 InvalidObjectName` with OSS's message for each rule.
    public init(_ value: String) throws(OSSError) {
        let count = value.utf8.count
        if count == 0 { throw OSSError.invalidObjectName("The Object name can not be empty.") }
        if count > ObjectKey.maxLength {
            throw OSSError.invalidObjectName("The Length of Object name must be less than 1024.")
        }
        if let first = value.utf8.first, first == 0x2F || first == 0x5C {
            throw OSSError.invalidObjectName("The specified object is not valid.")
        }
        self.value = value
    }

    /// The key's UTF-8 bytes, the order OSS lists keys in.
    public var bytes: [UInt8] { Array(value.utf8) }

    public var description: String { value }

    public static func == (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        lhs.value.hasSameBytes(as: rhs.value)
    }

    public func hash(into hasher: inout Hasher) {
        ByteString(value).hash(into: &hasher)
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
    }
}
