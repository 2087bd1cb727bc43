import OSSWire

/// A format-neutral response tree, the common ground of ossutil's `--output-format` and
/// `--output-query`: XML documents and header sets convert into it, and the JSON, YAML
/// and XML writers render it.
public indirect enum OutputValue: Sendable, Equatable {
    /// Leaf text; XML conversions produce only strings, as ossutil does.
    case string(String)
    /// A JSON number, written without quotes (du totals).
    case number(String)
    /// `true` / `false`.
    case bool(Bool)
    /// A JSON null (a query that selects nothing).
    case null
    case array([OutputValue])
    /// Keys in document order.
    case object([Field])

    /// One key of an object.
    public struct Field: Sendable, Equatable {
        public var key: String
        public var value: OutputValue
        public init(_ key: String, _ value: OutputValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value of `key` in an object, or `nil`.
    public subscript(key: String) -> OutputValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// Converts an XML element's content (the element itself is dropped, as ossutil drops
    /// the root): an element without children becomes its text; children become keys in
    /// first-appearance order, and a name that repeats becomes an array in document order.
    public init(xmlContentOf node: XMLNode) {
        guard !node.children.isEmpty else {
            self = .string(node.text)
            return
        }
        var order: [String] = []
        var groups: [String: [OutputValue]] = [:]
        for child in node.children {
            if groups[child.name] == nil { order.append(child.name) }
            groups[child.name, default: []].append(OutputValue(xmlContentOf: child))
        }
        self = .object(
            order.map { name in
                let values = groups[name] ?? []
                return Field(name, values.count == 1 ? values[0] : .array(values))
            })
    }
}
