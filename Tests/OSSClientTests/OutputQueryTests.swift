import OSSClient
import Testing

@Suite struct OutputQueryTests {
    let listing = OutputValue.object([
        .init("Name", .string("b")),
        .init(
            "Contents",
            .array([
                .object([.init("Key", .string("a")), .init("Owner", .object([.init("ID", .string("1"))]))]),
                .object([.init("Key", .string("b"))]),
            ])),
        .init("Tags", .object([.init("x", .string("1")), .init("y", .string("2"))])),
    ])

    func run(_ expression: String) throws -> OutputValue {
        try OutputQuery(expression).apply(to: listing)
    }

    @Test func dottedPathsAndIndexes() throws {
        #expect(try run("Name") == .string("b"))
        #expect(try run("Contents[0].Owner.ID") == .string("1"))
        #expect(try run("Contents[-1].Key") == .string("b"))
        #expect(try run("Contents[5]") == .null)
        #expect(try run("Missing.Deeper") == .null)
    }

    @Test func projectionsDropNulls() throws {
        #expect(try run("Contents[*].Key") == .array([.string("a"), .string("b")]))
        #expect(try run("Contents[*].Owner.ID") == .array([.string("1")]))
        #expect(try run("Tags.*") == .array([.string("1"), .string("2")]))
        #expect(try run("Contents[].Key") == .array([.string("a"), .string("b")]))
        #expect(try run("\"Name\"") == .string("b"))
    }

    @Test func unsupportedSyntaxIsAnError() {
        #expect(throws: OSSClientError.self) { try OutputQuery("Contents[?Key=='a']") }
        #expect(throws: OSSClientError.self) { try OutputQuery("a.") }
        #expect(throws: OSSClientError.self) { try OutputQuery("length(a)") }
    }
}
