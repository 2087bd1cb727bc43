/// The one splitting of a raw query string that routing (``RawQuery``) and the signature
/// checks share: items separated by `&` (empty items skipped), each split on its first `=`.
/// Scans the contiguous UTF-8 bytes once, so no grapheme breaking or index validation runs
/// on the request path.
enum QueryItems {
    /// The raw `name[=value]` items of `raw`, in order; `value` is nil when there is no `=`.
    static func split(_ raw: some StringProtocol) -> [(name: String, value: String?)] {
        var text = String(raw)
        return text.withUTF8 { bytes in
            var items: [(name: String, value: String?)] = []
            var start = 0
            while start < bytes.count {
                var end = start
                var equals = -1
                while end < bytes.count, bytes[end] != UInt8(ascii: "&") {
                    if equals < 0, bytes[end] == UInt8(ascii: "=") { equals = end }
                    end += 1
                }
                if start < end {
                    if equals >= 0 {
                        items.append((string(bytes, start, equals), string(bytes, equals + 1, end)))
                    } else {
                        items.append((string(bytes, start, end), nil))
                    }
                }
                start = end + 1
            }
            return items
        }
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }
}
