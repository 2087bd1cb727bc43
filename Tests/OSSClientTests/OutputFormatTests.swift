import OSSClient
import OSSWire
import Testing

@Suite struct OutputFormatTests {
    let cors = """
        <?xml version="1.0" encoding="UTF-8"?>
        <CORSConfiguration><CORSRule><AllowedOrigin>www.aliyun.com</AllowedOrigin>\
        <AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod>\
        <MaxAgeSeconds>10000</MaxAgeSeconds></CORSRule></CORSConfiguration>
        """

    func value() throws -> OutputValue {
        OutputValue(xmlContentOf: try XMLDocumentParser.parse(Array(cors.utf8)))
    }

    @Test func xmlBecomesJSONWithStringLeavesAndArraysForRepeats() throws {
        #expect(
            try value().json() == """
                {
                  "CORSRule": {
                    "AllowedOrigin": "www.aliyun.com",
                    "AllowedMethod": [
                      "PUT",
                      "GET"
                    ],
                    "MaxAgeSeconds": "10000"
                  }
                }
                """)
    }

    @Test func yamlNestsByFourAndQuotesNumbers() throws {
        #expect(
            try value().yaml() == """
                CORSRule:
                    AllowedOrigin: www.aliyun.com
                    AllowedMethod:
                        - PUT
                        - GET
                    MaxAgeSeconds: "10000"

                """)
        #expect(OutputValue.array([.object([.init("Key", .string("k")), .init("Value", .string("true"))])]).yaml()
            == "- Key: k\n  Value: \"true\"\n")
    }

    @Test func xmlRendering() throws {
        let root = try XMLDocumentParser.parse(Array(cors.utf8))
        #expect(
            OutputValue.prettyXML(root) == """
                <?xml version="1.0" encoding="UTF-8"?>
                <CORSConfiguration>
                  <CORSRule>
                    <AllowedOrigin>www.aliyun.com</AllowedOrigin>
                    <AllowedMethod>PUT</AllowedMethod>
                    <AllowedMethod>GET</AllowedMethod>
                    <MaxAgeSeconds>10000</MaxAgeSeconds>
                  </CORSRule>
                </CORSConfiguration>

                """)
        #expect(
            OutputValue.object([.init("A", .array([.string("1"), .string("a<b")]))]).xml()
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root>\n  <A>1</A>\n  <A>a&lt;b</A>\n</root>\n")
    }

    @Test func jsonEscaping() {
        #expect(OutputValue.string("a\"b\\c\n\u{1}").json() == #""a\"b\\c\n\u0001""#)
        #expect(OutputValue.object([]).json() == "{}")
        #expect(OutputValue.object([.init("n", .number("3"))]).json() == "{\n  \"n\": 3\n}")
    }
}
