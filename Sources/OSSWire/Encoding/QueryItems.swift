/// The one splitting of a raw query string that routing (``RawQuery``) and the signature
/// checks share: items separated by `&` (empty items skipped), each split on its first `=`.
/// Works on UTF-8 code units, so no grapheme breaking runs on the request path.
enum QueryItems {
    /// The raw `name[=value]` items of `raw`, in order; `value` is nil when there is no `=`.
    static func split<S: StringProtocol>(_ raw: S) -> [(name: S.SubSequence, value: S.SubSequence?)] {
        var items: [(name: S.SubSequence, value: S.SubSequence?)] = []
        let utf8 = raw.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "&")) ?? utf8.endIndex
            if start < end {
                if let equals = utf8[start..<end].firstIndex(of: UInt8(ascii: "=")) {
                    items.append((raw[start..<equals], raw[utf8.index(after: equals)..<end]))
                } else {
                    items.append((raw[start..<end], nil))
                }
            }
            start = end == utf8.endIndex ? end : utf8.index(after: end)
        }
        return items
    }
}
