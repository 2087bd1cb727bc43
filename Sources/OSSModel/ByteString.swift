/// A string that is equal to another only when their UTF-8 bytes are, for dictionary keys.
///
/// Swift's `String` equality and hashing follow Unicode canonical equivalence: `"café"`
/// spelled with U+00E9 and with `e` + U+0301 are one `String` key. OSS keys, secrets and
/// signature scopes are bytes, so two such spellings name two different things.
public struct ByteString: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func == (lhs: ByteString, rhs: ByteString) -> Bool {
        lhs.text.hasSameBytes(as: rhs.text)
    }

    public func hash(into hasher: inout Hasher) {
        var text = self.text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension String {
    /// Whether `other` has the same UTF-8 bytes: the equality of keys, ids and names on the
    /// wire, where `==` would also match a canonically equivalent spelling.
    public func hasSameBytes(as other: String) -> Bool { utf8.elementsEqual(other.utf8) }
}
