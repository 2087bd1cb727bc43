/// One element of a parsed request document (see ``XMLDocumentParser``).
///
/// Element names are kept exactly as written, prefix included (`ns:Key` stays `ns:Key`);
/// OSS request documents use no namespaces, so lookups compare whole names.
public struct XMLNode: Sendable, Equatable {
    /// One attribute of an element, its value with entities already resolved.
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The element name, e.g. `Key`.
    public var name: String
    /// The attributes in document order (including any `xmlns`), which OSS ignores.
    public var attributes: [Attribute]
    /// The child elements in document order.
    public var children: [XMLNode]
    /// All character data directly inside this element (text and CDATA sections between and
    /// around the children, entities resolved, line ends normalised to `\n`), concatenated and
    /// **not** trimmed, so keys with leading or trailing spaces survive.
    public var text: String

    /// Creates a node; used by the parser and by tests.
    public init(name: String, attributes: [Attribute] = [], children: [XMLNode] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child element named `name`, or `nil`.
    public func child(_ name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    /// Every child element named `name`, in document order.
    public func children(_ name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }

    /// The ``text`` of the first child named `name`, with XML white space (space, tab, CR,
    /// LF) trimmed from both ends, or `nil` when there is no such child. Use
    /// `child(name)?.text` where surrounding spaces matter (object keys).
    public func childText(_ name: String) -> String? {
        child(name)?.trimmedText
    }

    /// ``text`` with XML white space (space, tab, CR, LF) trimmed from both ends; other
    /// Unicode spaces are kept.
    public var trimmedText: String {
        let utf8 = text.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }),
            let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        // `end` follows the last non-space byte, so it sits before ASCII space or at the end:
        // both are scalar boundaries.
        let end = utf8.index(after: last)
        return String(text[first..<end])
    }

    /// The value of the attribute named `name`, or `nil`.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}
