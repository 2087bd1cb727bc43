extension XMLWriter {
    /// Appends `utf8` to `out`, escaped as XML character data. `utf8` must be valid UTF-8
    /// (it comes from a `String`), so a lead byte `0xEF` is always followed by two more bytes.
    static func escape(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var runStart = 0
        var i = 0
        let count = utf8.count
        while i < count {
            let byte = utf8[i]
            let replacement: StaticString?
            var width = 1
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&apos;"
            case 0x0D: replacement = "&#xD;"
            case 0x09, 0x0A: replacement = nil
            case 0x00..<0x20: replacement = "\u{FFFD}"
            case 0xEF where i + 2 < count && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                // U+FFFE / U+FFFF are not XML characters.
                replacement = "\u{FFFD}"
                width = 3
            default: replacement = nil
            }
            if let replacement {
                if runStart < i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                }
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                i += width
                runStart = i
            } else {
                i += 1
            }
        }
        if runStart < count {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
    }
}
