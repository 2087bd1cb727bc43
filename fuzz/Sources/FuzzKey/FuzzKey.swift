import FuzzSupport
import OSSModel
import OSSWire

/// Feeds the bytes to the key and query decoding the server applies to request paths,
/// `x-oss-symlink-target` values and query strings: `PercentEncoding.decode`, `ObjectKey`
/// validation and `RawQuery`, and checks that every accepted key re-encodes and decodes to
/// itself in each of the encodings ossd writes keys in.
enum FuzzKey {
    static func run(_ bytes: [UInt8]) {
        let raw = String(decoding: bytes, as: UTF8.self)
        // A request path after the bucket: decoded without `+` as space.
        if let decoded = PercentEncoding.decode(raw, plusAsSpace: false) {
            checkKey(decoded)
        }
        // A symlink target header: `+` is a space, NUL is refused before validation.
        if let decoded = PercentEncoding.decode(raw, plusAsSpace: true), !decoded.utf8.contains(0) {
            checkKey(decoded)
        }
        // Bytes that are already UTF-8 text (XML bodies, listing markers).
        if let text = String(validating: bytes, as: UTF8.self) {
            checkKey(text)
        }
        checkQuery(raw)
    }

    /// Validates `text` as a key and, when accepted, checks its invariants.
    static func checkKey(_ text: String) {
        let key: ObjectKey
        do {
            key = try ObjectKey(text)
        } catch {
            FuzzCheck.require(
                error.code == "InvalidObjectName" && error.status == 400, "key threw \(error.code) \(error.status)")
            let count = text.utf8.count
            FuzzCheck.require(
                count == 0 || count > ObjectKey.maxLength || text.utf8.first == 0x2F || text.utf8.first == 0x5C,
                "valid key \(text.debugDescription) refused")
            return
        }
        FuzzCheck.require(key.value == text, "key value differs from its text")
        FuzzCheck.require((1...ObjectKey.maxLength).contains(key.bytes.count), "key length \(key.bytes.count) accepted")
        FuzzCheck.require(key.bytes.first != 0x2F && key.bytes.first != 0x5C, "key starting with a slash accepted")
        FuzzCheck.require((try? ObjectKey(key.value)) == key, "a key's own value does not validate again")
        FuzzCheck.require(!(key < key), "key orders before itself")
        for (encoded, keepsSlash) in [
            (PercentEncoding.encodePath(key.value), true),
            (PercentEncoding.encodeSymlinkTarget(key.value), true),
            (PercentEncoding.encodeURLValue(key.value), false),
        ] {
            FuzzCheck.require(
                encoded.utf8.allSatisfy { isEncodedByte($0, keepsSlash: keepsSlash) },
                "encoding of \(text.debugDescription) has a byte that should be escaped: \(encoded)")
            for plusAsSpace in [false, true] {
                FuzzCheck.require(
                    PercentEncoding.decode(encoded, plusAsSpace: plusAsSpace) == key.value,
                    "\(encoded) does not decode back to \(text.debugDescription)")
            }
        }
    }

    /// Whether `byte` may appear in a percent-encoded key: unreserved, `%`, hex digits, and `/` when kept.
    static func isEncodedByte(_ byte: UInt8, keepsSlash: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "%"):
            return true
        case UInt8(ascii: "/"):
            return keepsSlash
        default:
            return false
        }
    }

    /// Splits `raw` as a query and checks the items against the text they came from.
    static func checkQuery(_ raw: String) {
        let query = RawQuery(raw)
        FuzzCheck.require(query.items.count <= raw.utf8.count, "more query items than bytes")
        for item in query.items {
            FuzzCheck.require(!item.rawName.utf8.contains(UInt8(ascii: "&")), "item name holds &")
            FuzzCheck.require(!item.rawName.utf8.contains(UInt8(ascii: "=")), "item name holds =")
            FuzzCheck.require(!(item.rawValue?.utf8.contains(UInt8(ascii: "&")) ?? false), "item value holds &")
            FuzzCheck.require((item.rawValue == nil) == (item.value == nil), "value presence differs when decoded")
            FuzzCheck.require(
                item.name == PercentEncoding.decode(item.rawName, plusAsSpace: true) ?? item.rawName,
                "name not decoded as documented")
            FuzzCheck.require(!item.rawName.isEmpty || item.rawValue != nil, "empty item kept")
            FuzzCheck.require(query.has(item.name), "has() misses an item")
        }
        let rebuilt = query.items.map { item in item.rawValue.map { item.rawName + "=" + $0 } ?? item.rawName }
            .joined(separator: "&")
        FuzzCheck.require(RawQuery(rebuilt) == query, "rejoined query splits differently")
    }
}
