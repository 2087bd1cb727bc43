/// Percent-encoding in the exact flavours OSS clients expect (oss-api.md §1.8, §2.9).
///
/// Every encoder works on the UTF-8 bytes of its input and writes upper-case `%XX`; none
/// ever writes `+` for a space, so the output survives both `+`-as-space decoders (Go
/// `url.QueryUnescape`, Java `URLDecoder`) and literal ones (Python `unquote`).
public enum PercentEncoding {
    /// Encodes every byte outside `A-Z a-z 0-9 - _ . ~` (`/` becomes `%2F`, space `%20`).
    /// Used for `encoding-type=url` values in listings and multipart responses.
    public static func encodeURLValue(_ s: String) -> String {
        encode(s, keepSlash: false)
    }

    /// Encodes every byte outside `A-Z a-z 0-9 - _ . ~ /`, keeping `/` literal; used for the
    /// `x-oss-symlink-target` value returned by GetSymlink, so a raw `+`, control byte or
    /// non-ASCII character never reaches a header.
    public static func encodeSymlinkTarget(_ s: String) -> String {
        encode(s, keepSlash: true)
    }

    /// Encodes an object key for use as a URI path (V4 canonical URI, `Location` headers):
    /// every byte outside `A-Z a-z 0-9 - _ . ~ /`, `/` kept.
    public static func encodePath(_ s: String) -> String {
        encode(s, keepSlash: true)
    }

    /// Whether `byte` is in RFC 3986's unreserved set `A-Z a-z 0-9 - _ . ~`.
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
            UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func encode(_ s: String, keepSlash: Bool) -> String {
        let utf8 = s.utf8
        // Fast path: nothing to encode.
        if utf8.allSatisfy({ isUnreserved($0) || (keepSlash && $0 == UInt8(ascii: "/")) }) {
            return s
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` sequences (either hex case) into bytes and, when `plusAsSpace` is true,
    /// `+` into a space; returns `nil` when the resulting bytes are not valid UTF-8.
    ///
    /// A `%` not followed by two hex digits is kept literally (as browsers and Go's
    /// lenient `PathUnescape` callers expect), so `100%` and `%zz` decode to themselves.
    /// Raw non-ASCII text passes through unchanged.
    public static func decode(_ s: some StringProtocol, plusAsSpace: Bool) -> String? {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(s)
        }
        return String(validating: decodeBytes(Array(s.utf8), plusAsSpace: plusAsSpace), as: UTF8.self)
    }

    /// The bytes `decode` would produce, without the UTF-8 check.
    static func decodeBytes(_ utf8: [UInt8], plusAsSpace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%"), i + 2 < utf8.count, let high = hexValue(utf8[i + 1]),
                let low = hexValue(utf8[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                i += 1
            }
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
