import OSSModel

extension XMLScanner {
    static func isNameStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "_"), UInt8(ascii: ":"):
            return true
        default:
            // Non-ASCII name characters are accepted broadly; the input is valid UTF-8.
            return byte >= 0x80
        }
    }

    static func isNameChar(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// Reads an XML name at the cursor.
    mutating func parseName() throws(OSSError) -> [UInt8] {
        guard let first = peek(), Self.isNameStart(first) else { throw Self.fail("expected a name") }
        let start = position
        position += 1
        while let byte = peek(), Self.isNameChar(byte) { position += 1 }
        return Array(input[start..<position])
    }

    /// `<?xml version="1.0" ...?>` at the very start. Only its shape is checked: the input
    /// is required to be UTF-8 whatever `encoding` says.
    mutating func parseDeclaration() throws(OSSError) {
        position += 5  // "<?xml"
        guard let end = find("?>") else { throw Self.fail("unterminated XML declaration") }
        skipSpace()
        guard lookingAt("version") else { throw Self.fail("XML declaration without version") }
        for index in position..<end where input[index] == UInt8(ascii: "<") || input[index] == UInt8(ascii: ">") {
            throw Self.fail("markup inside the XML declaration")
        }
        position = end + 2
    }

    /// `<!-- ... -->`; `--` inside a comment is not well-formed.
    mutating func skipComment() throws(OSSError) {
        position += 4  // "<!--"
        guard let end = find("--") else { throw Self.fail("unterminated comment") }
        guard end + 2 < input.count, input[end + 2] == UInt8(ascii: ">") else {
            throw Self.fail("'--' inside a comment")
        }
        position = end + 3
    }

    /// `<?target ...?>`; a target spelled `xml` in any case is reserved for the declaration.
    mutating func skipProcessingInstruction() throws(OSSError) {
        position += 2  // "<?"
        let target = try parseName()
        if target.count == 3, target.map({ $0 | 0x20 }) == Array("xml".utf8) {
            throw Self.fail("misplaced XML declaration")
        }
        if lookingAt("?>") {
            position += 2
            return
        }
        guard skipSpace(), let end = find("?>") else { throw Self.fail("bad processing instruction") }
        position = end + 2
    }

    /// Reads `<name attr="v" ...>` or `<name .../>`; returns the new element and whether it
    /// was empty (self-closing). Counts the element against `maxNodes`.
    mutating func parseStartTag() throws(OSSError) -> (OpenElement, isEmpty: Bool) {
        nodeCount += 1
        guard nodeCount <= maxNodes else { throw Self.fail("too many elements") }
        position += 1  // "<"
        let name = try parseName()
        var attributes: [XMLNode.Attribute] = []
        var attributeNames = Set<[UInt8]>()
        while true {
            let hadSpace = skipSpace()
            guard let byte = peek() else { throw Self.fail("unterminated start tag") }
            var isEmpty = false
            if byte == UInt8(ascii: "/") {
                position += 1
                isEmpty = true
                guard peek() == UInt8(ascii: ">") else { throw Self.fail("expected '>' after '/'") }
            }
            if peek() == UInt8(ascii: ">") {
                position += 1
                let node = XMLNode(name: String(decoding: name, as: UTF8.self), attributes: attributes)
                return (OpenElement(name: name, node: node), isEmpty)
            }
            guard hadSpace else { throw Self.fail("attributes must be separated by white space") }
            let attributeName = try parseName()
            guard !attributeNames.contains(attributeName) else { throw Self.fail("duplicate attribute") }
            // No OSS request document uses more than a namespace or two.
            guard attributeNames.count < 64 else { throw Self.fail("too many attributes") }
            skipSpace()
            try expect(UInt8(ascii: "="))
            skipSpace()
            let value = try readAttributeValue()
            attributeNames.insert(attributeName)
            attributes.append(
                XMLNode.Attribute(
                    String(decoding: attributeName, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
    }

    /// Reads `</name>` (white space allowed before `>`) and returns the name.
    mutating func parseEndTag() throws(OSSError) -> [UInt8] {
        position += 2  // "</"
        let name = try parseName()
        skipSpace()
        try expect(UInt8(ascii: ">"))
        return name
    }
}
