import OSSModel

extension XMLScanner {
    /// Appends character data up to the next `<` to `text`, resolving references and
    /// normalising CR LF and lone CR to LF.
    mutating func readText(into text: inout [UInt8]) throws(OSSError) {
        while let byte = peek(), byte != UInt8(ascii: "<") {
            switch byte {
            case UInt8(ascii: "&"):
                try readReference(into: &text)
            case UInt8(ascii: "]") where lookingAt("]]>"):
                throw Self.fail("']]>' in text")
            case 0x0D:
                text.append(0x0A)
                position += peek(1) == 0x0A ? 2 : 1
            default:
                text.append(byte)
                position += 1
            }
        }
    }

    /// Appends the content of `<![CDATA[...]]>` verbatim (line ends normalised).
    mutating func readCDATA(into text: inout [UInt8]) throws(OSSError) {
        position += 9  // "<![CDATA["
        guard let end = find("]]>") else { throw Self.fail("unterminated CDATA section") }
        while position < end {
            let byte = input[position]
            if byte == 0x0D {
                text.append(0x0A)
                position += (position + 1 < end && input[position + 1] == 0x0A) ? 2 : 1
            } else {
                text.append(byte)
                position += 1
            }
        }
        position = end + 3
    }

    /// Reads a quoted attribute value, resolving references; white space characters become
    /// spaces, as XML attribute-value normalisation requires.
    mutating func readAttributeValue() throws(OSSError) -> [UInt8] {
        guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw Self.fail("attribute value must be quoted")
        }
        position += 1
        var value: [UInt8] = []
        while true {
            guard let byte = peek() else { throw Self.fail("unterminated attribute value") }
            switch byte {
            case quote:
                position += 1
                return value
            case UInt8(ascii: "<"):
                throw Self.fail("'<' in attribute value")
            case UInt8(ascii: "&"):
                try readReference(into: &value)
            case 0x0D:
                value.append(0x20)
                position += peek(1) == 0x0A ? 2 : 1
            case 0x09, 0x0A:
                value.append(0x20)
                position += 1
            default:
                value.append(byte)
                position += 1
            }
        }
    }

    /// Resolves `&name;`, `&#NN;` or `&#xNN;` at the cursor and appends its UTF-8.
    mutating func readReference(into out: inout [UInt8]) throws(OSSError) {
        position += 1  // "&"
        if peek() == UInt8(ascii: "#") {
            position += 1
            let hex = peek() == UInt8(ascii: "x")
            if hex { position += 1 }
            var value: UInt32 = 0
            var digits = 0
            while let byte = peek(), byte != UInt8(ascii: ";") {
                guard let digit = Self.digitValue(byte, hex: hex) else { throw Self.fail("bad character reference") }
                digits += 1
                // Past eight digits the value could overflow UInt32 (and U+10FFFF needs at most seven).
                guard digits <= 8 else { throw Self.fail("character reference too long") }
                value = value * (hex ? 16 : 10) + digit
                position += 1
            }
            guard digits > 0, peek() == UInt8(ascii: ";"), Self.isXMLChar(value),
                let scalar = Unicode.Scalar(value)
            else { throw Self.fail("invalid character reference") }
            position += 1
            out.append(contentsOf: String(Character(scalar)).utf8)
            return
        }
        let replacement: UInt8
        if lookingAt("amp;") {
            replacement = UInt8(ascii: "&")
        } else if lookingAt("lt;") {
            replacement = UInt8(ascii: "<")
        } else if lookingAt("gt;") {
            replacement = UInt8(ascii: ">")
        } else if lookingAt("quot;") {
            replacement = UInt8(ascii: "\"")
        } else if lookingAt("apos;") {
            replacement = UInt8(ascii: "'")
        } else {
            throw Self.fail("unknown entity")
        }
        while peek() != UInt8(ascii: ";") { position += 1 }
        position += 1
        out.append(replacement)
    }

    static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// XML 1.0 `Char` (tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF), plus
    /// the other C0 controls except NUL: object keys may hold them and oss2 writes them raw
    /// into DeleteMultipleObjects bodies, which OSS accepts.
    static func isXMLChar(_ value: UInt32) -> Bool {
        switch value {
        case 0x01...0x1F, 0x20...0xD7FF, 0xE000...0xFFFD, 0x1_0000...0x10_FFFF: return true
        default: return false
        }
    }

    /// Throws unless `input` is well-formed UTF-8 (no overlong forms, surrogates or values
    /// past U+10FFFF) made only of XML 1.0 characters.
    static func validateCharacters(_ input: [UInt8]) throws(OSSError) {
        var index = 0
        let count = input.count
        while index < count {
            let lead = input[index]
            if lead < 0x80 {
                guard lead != 0 else { throw fail("NUL character") }
                index += 1
                continue
            }
            let length: Int
            var value: UInt32
            switch lead {
            case 0xC2...0xDF:
                length = 2
                value = UInt32(lead & 0x1F)
            case 0xE0...0xEF:
                length = 3
                value = UInt32(lead & 0x0F)
            case 0xF0...0xF4:
                length = 4
                value = UInt32(lead & 0x07)
            default: throw fail("invalid UTF-8 lead byte")
            }
            guard count - index >= length else { throw fail("truncated UTF-8") }
            for k in 1..<length {
                let byte = input[index + k]
                guard byte & 0xC0 == 0x80 else { throw fail("invalid UTF-8 continuation") }
                value = value << 6 | UInt32(byte & 0x3F)
            }
            let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x1_0000
            guard value >= minimum, isXMLChar(value) else { throw fail("invalid character") }
            index += length
        }
    }
}
