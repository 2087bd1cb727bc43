/// A parsed `oss://bucket[/key]` argument.
struct OSSPath: Equatable, CustomStringConvertible {
    var bucket: String
    /// The key or prefix after the bucket; `""` for the bucket itself.
    var key: String

    /// Parses `text`, or returns `nil` when it does not start with `oss://` (any case).
    init?(_ text: String) {
        guard text.lowercased().hasPrefix("oss://") else { return nil }
        let rest = text.dropFirst(6)
        let slash = rest.firstIndex(of: "/")
        bucket = String(rest[..<(slash ?? rest.endIndex)])
        key = slash.map { String(rest[rest.index(after: $0)...]) } ?? ""
    }

    init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// Parses `text` or throws a usage error naming `what`.
    static func parse(_ text: String, _ what: String = "argument") throws -> OSSPath {
        guard let path = OSSPath(text), !path.bucket.isEmpty else {
            throw CLIFailure.usage("invalid \(what) \"\(text)\": expected oss://bucket[/object]")
        }
        return path
    }

    var description: String { "oss://\(bucket)/\(key)" }
}
