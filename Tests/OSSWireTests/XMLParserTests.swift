import OSSModel
import Testing

@testable import OSSWire

private func parse(_ text: String) throws -> XMLNode {
    try XMLDocumentParser.parse(Array(text.utf8))
}

private func rejects(_ text: String, maxBytes: Int = 2 << 20, maxDepth: Int = 32, maxNodes: Int = 100_000) -> Bool {
    do throws(OSSError) {
        _ = try XMLDocumentParser.parse(Array(text.utf8), maxBytes: maxBytes, maxDepth: maxDepth, maxNodes: maxNodes)
        return false
    } catch {
        return error.code == "MalformedXML" && error.status == 400
    }
}

@Suite struct XMLParserTests {
    @Test func parsesDeleteDocument() throws {
        let root = try parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Delete>
              <Quiet>true</Quiet>
              <Object><Key>a.txt</Key></Object>
              <Object><Key> spaced key </Key><VersionId>v1</VersionId></Object>
            </Delete>
            """)
        #expect(root.name == "Delete")
        #expect(root.childText("Quiet") == "true")
        let objects = root.children("Object")
        #expect(objects.count == 2)
        #expect(objects[0].childText("Key") == "a.txt")
        #expect(objects[1].child("Key")?.text == " spaced key ")
        #expect(objects[1].childText("Key") == "spaced key")
        #expect(objects[1].childText("VersionId") == "v1")
        #expect(root.childText("Missing") == nil)
    }

    @Test func parsesTaggingAndCompleteMultipartAndRestore() throws {
        let tagging = try parse(
            "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key><Value></Value></Tag></TagSet></Tagging>"
        )
        let tags = tagging.child("TagSet")?.children("Tag") ?? []
        #expect(tags.map { $0.childText("Key") } == ["a", "b"])
        #expect(tags.map { $0.childText("Value") } == ["1", ""])

        let complete = try parse(
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"3349DC700140D7F86A0784842780****\"</ETag></Part></CompleteMultipartUpload>"
        )
        #expect(complete.child("Part")?.childText("ETag") == "\"3349DC700140D7F86A0784842780****\"")

        let restore = try parse(
            "<RestoreRequest><Days>2</Days><JobParameters><Tier>Standard</Tier></JobParameters></RestoreRequest>")
        #expect(restore.child("JobParameters")?.childText("Tier") == "Standard")
    }

    @Test func acceptsAttributesNamespacesCommentsAndProcessingInstructions() throws {
        let root = try parse(
            """
            \u{FEFF}<?xml version='1.0' encoding='utf-8' standalone="yes"?>
            <!-- leading comment --><?pi some data?>
            <AccessControlPolicy xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com" a = 'x &amp; y'>
              <!-- inner --><AccessControlList><Grant>public-read</Grant></AccessControlList><?inner?>
              <Empty/><Empty2 k="v" />
            </AccessControlPolicy>
            <!-- trailing comment -->
            """)
        #expect(root.name == "AccessControlPolicy")
        #expect(root.attribute("xmlns") == "http://doc.oss-cn-hangzhou.aliyuncs.com")
        #expect(root.attribute("a") == "x & y")
        #expect(root.child("AccessControlList")?.childText("Grant") == "public-read")
        #expect(root.child("Empty")?.text == "")
        #expect(root.child("Empty2")?.attribute("k") == "v")
    }

    @Test func resolvesEntitiesCharacterReferencesAndCDATA() throws {
        let root = try parse("<K>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x4e16;&#x1F389;<![CDATA[<raw>&amp;]]>世界</K>")
        #expect(root.text == "&<>\"'AB世🎉<raw>&amp;世界")
    }

    @Test func textIsConcatenatedUntrimmedAndLineEndsNormalised() throws {
        let root = try parse("<R> a <C/> b\r\nc\rd&#xD;</R>")
        #expect(root.text == " a  b\nc\nd\r")
        #expect(root.trimmedText == "a  b\nc\nd")
    }

    @Test func rejectsDoctypeAndEntityDeclarations() {
        #expect(rejects("<!DOCTYPE r><r/>"))
        #expect(
            rejects(
                "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>"))
        #expect(rejects("<r><!ENTITY a \"b\"></r>"))
        #expect(rejects("<r><!DOCTYPE x></r>"))
        let billionLaughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <lolz>&lol3;</lolz>
            """
        #expect(rejects(billionLaughs))
        #expect(rejects("<r>&xxe;</r>"))
    }

    @Test func rejectsUnknownEntitiesAndBadReferences() {
        for doc in [
            "<r>&nbsp;</r>", "<r>&amp</r>", "<r>& </r>", "<r>&#;</r>", "<r>&#x;</r>", "<r>&#0;</r>",
            "<r>&#xD800;</r>", "<r>&#xFFFE;</r>", "<r>&#x110000;</r>", "<r>&#99999999999;</r>",
            "<r>&#12a;</r>", "<r a='&bogus;'/>",
        ] {
            #expect(rejects(doc), "\(doc)")
        }
    }

    @Test func rejectsStructuralErrors() {
        for doc in [
            "", "   ", "text", "<r>", "<r></s>", "<r><a></r></a>", "<r/><r/>", "<r/>garbage", "garbage<r/>",
            "<r></r>x", "<r a=b/>", "<r a='1' a='2'/>", "<r a='1'b='2'/>", "<r a='<'/>", "<r a='1/>",
            "<r><!-- a -- b --></r>", "<r><!-- open</r>", "<r><![CDATA[open</r>", "<r>]]></r>", "<1r/>",
            "<r><?xml version='1.0'?></r>", "<r/><?xml version='1.0'?>", " <?xml version='1.0'?><r/>",
            "<?xml encoding='UTF-8'?><r/>", "<r / >", "</r>", "<r><</r>", "<r></ r>", "<r><?pi", "<r",
        ] {
            #expect(rejects(doc), "\(doc)")
        }
    }

    @Test func acceptsControlCharactersThatObjectKeysMayHold() throws {
        // oss2 writes such keys raw into DeleteMultipleObjects; OSS accepts them.
        let raw = try XMLDocumentParser.parse(Array("<r>a".utf8) + [0x0C, 0x01] + Array("b</r>".utf8))
        #expect(raw.text == "a\u{0C}\u{01}b")
        #expect(try XMLDocumentParser.parse(Array("<r>&#x1;&#12;</r>".utf8)).text == "\u{01}\u{0C}")
    }

    @Test func rejectsInvalidUTF8AndForbiddenCharacters() {
        let bad: [[UInt8]] = [
            Array("<r>".utf8) + [0xFF] + Array("</r>".utf8),
            Array("<r>".utf8) + [0xC0, 0xAF] + Array("</r>".utf8),  // overlong '/'
            Array("<r>".utf8) + [0xED, 0xA0, 0x80] + Array("</r>".utf8),  // surrogate
            Array("<r>".utf8) + [0xE4, 0xB8] + Array("</r>".utf8),  // truncated
            Array("<r>".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("</r>".utf8),  // > U+10FFFF
            Array("<r>".utf8) + [0x00] + Array("</r>".utf8),
            Array("<r>".utf8) + [0xEF, 0xBF, 0xBF] + Array("</r>".utf8),  // U+FFFF
        ]
        for doc in bad {
            #expect(throws: OSSError.self) { try XMLDocumentParser.parse(doc) }
        }
    }

    @Test func enforcesLimits() throws {
        #expect(rejects("<r>0123456789</r>", maxBytes: 10))
        #expect(try XMLDocumentParser.parse(Array("<r>0</r>".utf8), maxBytes: 8).text == "0")

        let deep = String(repeating: "<a>", count: 33) + String(repeating: "</a>", count: 33)
        #expect(rejects(deep))
        let ok = String(repeating: "<a>", count: 32) + String(repeating: "</a>", count: 32)
        #expect(!rejects(ok))
        #expect(rejects(String(repeating: "<a>", count: 100_000)))

        let many = "<r>" + String(repeating: "<k/>", count: 10) + "</r>"
        #expect(rejects(many, maxNodes: 10))
        #expect(!rejects(many, maxNodes: 11))
    }

    @Test func acceptsNonArrayCollections() throws {
        let text = "<r><k>v</k></r>"
        #expect(try XMLDocumentParser.parse(text.utf8).childText("k") == "v")
        #expect(try XMLDocumentParser.parse(ArraySlice(Array(text.utf8))).childText("k") == "v")
    }
}

@Suite("XML parser bounds")
struct XMLParserBoundsTests {
    /// An element may carry at most 64 attributes, which bounds the duplicate check (a
    /// 20,000-attribute element once cost seconds of CPU).
    @Test func attributesPerElementAreBounded() throws {
        func document(_ count: Int) -> [UInt8] {
            let attributes = (0..<count).map { "a\($0)=\"v\"" }.joined(separator: " ")
            return Array("<Delete \(attributes)><Quiet>true</Quiet></Delete>".utf8)
        }
        #expect(try XMLDocumentParser.parse(document(64)).attributes.count == 64)
        #expect(throws: OSSError.self) { try XMLDocumentParser.parse(document(65)) }
        #expect(throws: OSSError.self) { try XMLDocumentParser.parse(document(20_000)) }
    }
}
