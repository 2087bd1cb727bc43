/// Byte-level string helpers shared by the signers: percent-encoding and decoding, query
/// splitting, trimming and ordering. OSS signatures are defined over bytes, so nothing here
/// applies Unicode normalisation.
enum SignatureText {
    /// Splits a raw query on `&` and each item on its first `=`, without decoding.
    /// Empty items (`a&&b`) are skipped.
    static func rawItems(_ rawQuery: String) -> [(name: String, value: String)] {
        guard !rawQuery.isEmpty else { return [] }
        return QueryItems.split(rawQuery).map { ($0.name, $0.value ?? "") }
    }

    /// Percent-decodes `text`; malformed escapes are kept literally and invalid UTF-8 is
    /// repaired with U+FFFD.
    static func decode(_ text: String, plusAsSpace: Bool) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) })
        else { return text }
        return String(decoding: PercentEncoding.decodeBytes(Array(text.utf8), plusAsSpace: plusAsSpace), as: UTF8.self)
    }

    /// Percent-encodes every byte except `A-Z a-z 0-9 - _ . ~` (and `/` when `keepSlash`),
    /// with upper-case hex.
    static func encode(_ text: String, keepSlash: Bool) -> String {
        keepSlash ? PercentEncoding.encodePath(text) : PercentEncoding.encodeURLValue(text)
    }

    /// Removes leading and trailing spaces and tabs (HTTP optional whitespace).
    static func trim(_ text: String) -> String {
        let utf8 = text.utf8
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        if first == utf8.startIndex, utf8.index(after: last) == utf8.endIndex { return text }
        return String(text[first...last])
    }

    /// Orders strings by their UTF-8 bytes, as the SDKs' sorts do.
    static func bytesLess(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// Orders query items by name, then value, byte-wise.
    static func itemLess(_ lhs: (name: String, value: String), _ rhs: (name: String, value: String)) -> Bool {
        lhs.name == rhs.name ? bytesLess(lhs.value, rhs.value) : bytesLess(lhs.name, rhs.name)
    }

    /// `name=value`, or the bare `name` when the value is empty, joined by `&`.
    static func joinItems(_ items: [(name: String, value: String)]) -> String {
        items.map { $0.value.isEmpty ? $0.name : $0.name + "=" + $0.value }.joined(separator: "&")
    }
}
