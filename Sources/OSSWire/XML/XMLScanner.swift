import OSSModel

/// The cursor and limits of one parse; the grammar lives in its extensions.
struct XMLScanner {
    let input: [UInt8]
    var position = 0
    let maxDepth: Int
    let maxNodes: Int
    var nodeCount = 0

    /// An element that has been opened but not closed yet.
    struct OpenElement {
        var name: [UInt8]
        var node: XMLNode
        var text: [UInt8] = []
    }

    init(_ input: [UInt8], maxDepth: Int, maxNodes: Int) {
        self.input = input
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    /// The error for every rejection. OSS answers all of them with the same fixed message,
    /// so `reason` only documents the call site and is not sent.
    static func fail(_ reason: String) -> OSSError {
        _ = reason
        return OSSError.malformedXML()
    }

    var atEnd: Bool { position >= input.count }

    /// The byte `offset` past the cursor, or `nil` past the end.
    func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < input.count ? input[index] : nil
    }

    /// Whether the input at the cursor starts with `literal` (ASCII).
    func lookingAt(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard input.count - position >= count else { return false }
        return literal.withUTF8Buffer { pattern in
            for k in 0..<count where input[position + k] != pattern[k] { return false }
            return true
        }
    }

    /// The index of the first occurrence of `literal` at or after the cursor, or `nil`.
    func find(_ literal: StaticString) -> Int? {
        let count = literal.utf8CodeUnitCount
        guard count > 0, input.count >= count else { return nil }
        return literal.withUTF8Buffer { pattern in
            var index = position
            let first = pattern[0]
            while index <= input.count - count {
                if input[index] == first {
                    var k = 1
                    while k < count && input[index + k] == pattern[k] { k += 1 }
                    if k == count { return index }
                }
                index += 1
            }
            return nil
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Skips XML white space; returns whether there was any.
    @discardableResult
    mutating func skipSpace() -> Bool {
        let start = position
        while let byte = peek(), Self.isSpace(byte) { position += 1 }
        return position != start
    }

    /// Consumes `byte` or throws.
    mutating func expect(_ byte: UInt8) throws(OSSError) {
        guard peek() == byte else { throw Self.fail("expected \(Character(Unicode.Scalar(byte)))") }
        position += 1
    }

    /// Parses the whole document: prolog, the root element, then trailing misc items.
    mutating func parseDocument() throws(OSSError) -> XMLNode {
        if lookingAt("\u{FEFF}") { position += 3 }
        if lookingAt("<?xml"), let next = peek(5), Self.isSpace(next) || next == UInt8(ascii: "?") {
            try parseDeclaration()
        }
        try skipMisc()
        guard peek() == UInt8(ascii: "<"), let next = peek(1), Self.isNameStart(next) else {
            throw Self.fail("missing root element")
        }
        let root = try parseRootElement()
        try skipMisc()
        guard atEnd else { throw Self.fail("content after the root element") }
        return root
    }

    /// Skips white space, comments and processing instructions outside the root element.
    mutating func skipMisc() throws(OSSError) {
        while true {
            skipSpace()
            if lookingAt("<!--") {
                try skipComment()
            } else if lookingAt("<?") {
                try skipProcessingInstruction()
            } else {
                return
            }
        }
    }

    /// Parses the root element and everything inside it without recursion.
    mutating func parseRootElement() throws(OSSError) -> XMLNode {
        var stack: [OpenElement] = []
        let (first, firstEmpty) = try parseStartTag()
        if firstEmpty { return first.node }
        stack.append(first)
        while true {
            guard let byte = peek() else { throw Self.fail("unclosed element") }
            if byte == UInt8(ascii: "<") {
                guard let next = peek(1) else { throw Self.fail("truncated markup") }
                if next == UInt8(ascii: "/") {
                    let name = try parseEndTag()
                    guard let open = stack.popLast(), open.name == name else {
                        throw Self.fail("mismatched end tag")
                    }
                    var node = open.node
                    node.text = String(decoding: open.text, as: UTF8.self)
                    guard !stack.isEmpty else { return node }
                    stack[stack.count - 1].node.children.append(node)
                } else if lookingAt("<!--") {
                    try skipComment()
                } else if lookingAt("<![CDATA[") {
                    try readCDATA(into: &stack[stack.count - 1].text)
                } else if next == UInt8(ascii: "?") {
                    try skipProcessingInstruction()
                } else if next == UInt8(ascii: "!") {
                    throw Self.fail("declarations are not allowed")
                } else {
                    guard stack.count < maxDepth else { throw Self.fail("too deep") }
                    let (element, isEmpty) = try parseStartTag()
                    if isEmpty {
                        stack[stack.count - 1].node.children.append(element.node)
                    } else {
                        stack.append(element)
                    }
                }
            } else {
                try readText(into: &stack[stack.count - 1].text)
            }
        }
    }
}
