/// A small, fast builder for the XML documents OSS returns.
///
/// The output always starts with `<?xml version="1.0" encoding="UTF-8"?>` and a newline,
/// followed by the elements in the order they were written, with no indentation and never an
/// `xmlns` attribute (OSS emits none, and some SDK parsers compare element names literally).
///
/// ```swift
/// var xml = XMLWriter()
/// xml.open("ListBucketResult")
/// xml.element("Name", bucket)
/// xml.element("MaxKeys", 100)
/// xml.close("ListBucketResult")
/// let body: [UInt8] = xml.bytes
/// ```
///
/// Text escaping (see ``appendEscaped(_:)``): `&`, `<`, `>`, `"` and `'` become entity
/// references; carriage return becomes `&#xD;` so that it survives XML line-end
/// normalisation; tab and line feed are written raw. Characters that XML 1.0 cannot carry at
/// all, even as a character reference (the C0 controls other than tab, LF and CR, and the
/// non-characters U+FFFE and U+FFFF), are replaced with U+FFFD. Callers that must round-trip
/// such keys exactly should use `encoding-type=url`, which percent-encodes them first.
///
/// Element names are written as given: they are the caller's constants, not user data.
/// The writer does not check that `open` and `close` calls balance.
public struct XMLWriter: Sendable {
    /// The document so far, as UTF-8.
    public private(set) var bytes: [UInt8]

    /// The XML declaration every document starts with, including the trailing newline.
    public static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// Starts a document containing only the XML declaration.
    ///
    /// - Parameter capacity: bytes to reserve up front, to avoid regrowth for big listings.
    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(max(capacity, 64))
        bytes.append(contentsOf: Self.declaration.utf8)
    }

    /// The document so far, as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes `<name>`.
    public mutating func open(_ name: String) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes `</name>`.
    public mutating func close(_ name: String) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes `<name>text</name>` with `text` escaped; an empty `text` gives `<name></name>`.
    public mutating func element(_ name: String, _ text: String) {
        open(name)
        appendEscaped(text)
        close(name)
    }

    /// Writes `<name>value</name>` for an integer, in decimal.
    public mutating func element(_ name: String, _ value: some BinaryInteger) {
        element(name, String(value))
    }

    /// Writes `<name>true</name>` or `<name>false</name>`, the spelling OSS uses.
    public mutating func element(_ name: String, _ value: Bool) {
        element(name, value ? "true" : "false")
    }

    /// Writes `<name>text</name>` only when `text` is not `nil`.
    public mutating func element(_ name: String, ifPresent text: String?) {
        if let text { element(name, text) }
    }

    /// Writes `<name>`, then whatever `body` writes, then `</name>`.
    public mutating func element(_ name: String, _ body: (inout XMLWriter) -> Void) {
        open(name)
        body(&self)
        close(name)
    }

    /// Appends `text` as escaped character data (the rules are in the type's documentation).
    public mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            Self.escape(utf8, into: &bytes)
        }
    }
}
