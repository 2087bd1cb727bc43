import OSSModel
import Testing

@testable import OSSWire

@Suite struct XMLWriterTests {
    @Test func writesDeclarationAndElementsWithoutNamespace() {
        var xml = XMLWriter()
        xml.open("ListBucketResult")
        xml.element("Name", "bucket")
        xml.element("Prefix", "")
        xml.element("MaxKeys", 100)
        xml.element("IsTruncated", false)
        xml.element("Contents") { xml in
            xml.element("Key", "a/b.txt")
        }
        xml.element("NextMarker", ifPresent: nil)
        xml.close("ListBucketResult")
        #expect(
            xml.string
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult><Name>bucket</Name>"
                + "<Prefix></Prefix><MaxKeys>100</MaxKeys><IsTruncated>false</IsTruncated>"
                + "<Contents><Key>a/b.txt</Key></Contents></ListBucketResult>")
        #expect(!xml.string.contains("xmlns"))
        #expect(xml.bytes == Array(xml.string.utf8))
    }

    @Test func escapesMarkupCharacters() {
        var xml = XMLWriter()
        xml.element("K", "a&b<c>d\"e'f")
        #expect(xml.string.hasSuffix("<K>a&amp;b&lt;c&gt;d&quot;e&apos;f</K>"))
    }

    @Test func keepsTabAndNewlineAndEncodesCarriageReturn() {
        var xml = XMLWriter()
        xml.element("K", "a\tb\nc\rd")
        #expect(xml.string.hasSuffix("<K>a\tb\nc&#xD;d</K>"))
    }

    @Test func replacesCharactersXMLCannotHold() {
        var xml = XMLWriter()
        xml.element("K", "a\u{0}b\u{1}c\u{0C}d\u{1F}e\u{FFFE}f\u{FFFF}g")
        #expect(xml.string.hasSuffix("<K>a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g</K>"))
    }

    @Test func keepsNonASCIIText() {
        var xml = XMLWriter()
        xml.element("Key", "世界/中国.txt 🎉 \u{FFFD}\u{FFFC}")
        #expect(xml.string.hasSuffix("<Key>世界/中国.txt 🎉 \u{FFFD}\u{FFFC}</Key>"))
    }

    @Test func outputParsesBackToTheSameText() throws {
        let samples = ["plain", "", " lead and trail ", "a&b<c>d\"e'f", "x\r\ny\rz\n", "世界🎉", "]]>", "&amp;"]
        var xml = XMLWriter()
        xml.open("Root")
        for sample in samples { xml.element("V", sample) }
        xml.close("Root")
        let root = try XMLDocumentParser.parse(xml.bytes)
        #expect(root.children("V").map(\.text) == samples)
    }

    @Test func escapingLongTextIsLinear() {
        let text = String(repeating: "abc&<>def", count: 100_000)
        var xml = XMLWriter()
        xml.element("K", text)
        #expect(xml.bytes.count > text.utf8.count)
    }
}
