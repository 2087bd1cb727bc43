/// A raw URL query string split into its items, in order, keeping both the bytes as sent
/// (V4 signing needs them untouched, oss-api.md §7.3) and the decoded forms (routing and
/// V1 sub-resources).
///
/// Splitting: items are separated by `&`; empty items (`a&&b`, a trailing `&`) are skipped;
/// the first `=` splits name from value. `symlink` has value `nil`, `symlink=` has value
/// `""`. Names and values are decoded with `+` as space (``PercentEncoding/decode(_:plusAsSpace:)``);
/// a part whose decoded bytes are not UTF-8 falls back to its raw text, so a bad parameter
/// can be reported by name instead of failing the whole query.
public struct RawQuery: Sendable, Equatable {
    /// One `name[=value]` item.
    public struct Item: Sendable, Equatable {
        /// The name exactly as sent.
        public var rawName: String
        /// The value exactly as sent; `nil` when the item had no `=`.
        public var rawValue: String?
        /// The decoded name.
        public var name: String
        /// The decoded value; `nil` when the item had no `=`.
        public var value: String?
    }

    /// The items in the order they appear.
    public let items: [Item]

    /// Splits `raw`, the text after `?` (without the `?`).
    public init(_ raw: some StringProtocol) {
        var items: [Item] = []
        for (rawName, rawValue) in QueryItems.split(raw) {
            items.append(
                Item(
                    rawName: rawName, rawValue: rawValue, name: Self.decodeLeniently(rawName),
                    value: rawValue.map(Self.decodeLeniently)))
        }
        self.items = items
    }

    /// The decoded value of the first item named `name` (decoded name, case-sensitive);
    /// `nil` when there is no such item **or** it had no `=` (use ``has(_:)`` for presence).
    public subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// Whether any item has the decoded name `name`, with or without a value.
    public func has(_ name: String) -> Bool {
        items.contains { $0.name == name }
    }

    /// Every decoded value of items named `name`, in order (`nil` for items without `=`).
    public func values(_ name: String) -> [String?] {
        items.filter { $0.name == name }.map(\.value)
    }

    private static func decodeLeniently(_ raw: String) -> String {
        PercentEncoding.decode(raw, plusAsSpace: true) ?? raw
    }
}
