import OSSModel

/// A strict, bounded parser for the small XML request bodies OSS accepts (`Delete`,
/// `Tagging`, `CreateBucketConfiguration`, `CompleteMultipartUpload`, `RestoreRequest`,
/// `AccessControlPolicy`...).
///
/// Accepted: an optional UTF-8 byte-order mark and XML declaration, comments, processing
/// instructions, one root element with nested elements and attributes (parsed, kept, and
/// otherwise ignored, `xmlns` included), text, CDATA sections, the five predefined entities
/// (`&amp; &lt; &gt; &quot; &apos;`) and numeric character references (`&#NN;`, `&#xNN;`)
/// that name an XML 1.0 character.
///
/// Rejected with `400 MalformedXML`: any `<!DOCTYPE` or other `<!` declaration (so no DTD,
/// no entity expansion and no external entities are ever processed), unknown entities,
/// references to code points XML forbids, mismatched or unclosed tags, duplicate attributes,
/// anything but comments, processing instructions and white space after the root element,
/// text outside the root, invalid UTF-8 or characters XML 1.0 forbids, and documents past
/// `maxBytes`, nesting past `maxDepth` elements or more than `maxNodes` elements.
///
/// The parser is iterative (an explicit stack bounded by `maxDepth`), indexes the input only
/// after bounds checks, and never traps on any input.
public enum XMLDocumentParser {
    /// Parses `bytes` into the root element.
    ///
    /// - Parameters:
    ///   - maxBytes: the largest accepted document, in bytes (default 2 MiB, the OSS limit for
    ///     DeleteMultipleObjects).
    ///   - maxDepth: the deepest accepted element nesting; the root is depth 1.
    ///   - maxNodes: the most elements accepted in the whole document.
    /// - Throws: `OSSError.malformedXML` for every rejection listed on the type.
    public static func parse(
        _ bytes: some Collection<UInt8>, maxBytes: Int = 2 << 20, maxDepth: Int = 32, maxNodes: Int = 100_000
    ) throws(OSSError) -> XMLNode {
        guard bytes.count <= maxBytes else {
            throw OSSError.malformedXML("The XML you provided was larger than the maximum allowed size.")
        }
        let buffer = Array(bytes)
        try XMLScanner.validateCharacters(buffer)
        var scanner = XMLScanner(buffer, maxDepth: maxDepth, maxNodes: maxNodes)
        return try scanner.parseDocument()
    }
}
