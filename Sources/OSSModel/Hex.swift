/// Hexadecimal text of bytes, the form of ETags (upper case) and of V4 signatures and
/// hashes (lower case).
public enum Hex {
    private static let upper: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let lower: [UInt8] = Array("0123456789abcdef".utf8)

    /// Two hex digits per byte, in order, no separators.
    public static func encode(_ bytes: some Sequence<UInt8>, uppercase: Bool) -> String {
        let digits = uppercase ? upper : lower
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
