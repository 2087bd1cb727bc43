import OSSModel
import Testing

@Suite("Names, metadata and tags")
struct NamingTests {
    @Test(arguments: ["abc", "my-bucket-1", String(repeating: "a", count: 63)])
    func validBucketNames(_ name: String) throws {
        #expect(try BucketName(name).value == name)
    }

    @Test(arguments: [
        "ab", "Upper", "under_score", "-lead", "trail-", "dot.name", String(repeating: "a", count: 64), "",
    ])
    func invalidBucketNamesAreInvalidBucketName(_ name: String) {
        #expect(throws: OSSError.invalidBucketName(name)) { try BucketName(name) }
    }

    @Test func objectKeyRules() throws {
        #expect(try ObjectKey("a/b c+文件").value == "a/b c+文件")
        #expect(try ObjectKey(String(repeating: "k", count: 1023)).value.utf8.count == 1023)
        #expect(throws: OSSError.invalidObjectName("The Length of Object name must be less than 1024.")) {
            try ObjectKey(String(repeating: "k", count: 1024))
        }
        #expect(throws: OSSError.invalidObjectName("The Object name can not be empty.")) { try ObjectKey("") }
        #expect(throws: OSSError.invalidObjectName()) { try ObjectKey("/abs") }
        #expect(throws: OSSError.invalidObjectName()) { try ObjectKey("\\win") }
        // 342 three-byte characters are 1026 bytes: the limit counts bytes, not characters.
        #expect(throws: OSSError.self) { try ObjectKey(String(repeating: "文", count: 342)) }
    }

    @Test func keysOrderByUTF8Bytes() throws {
        #expect(try ObjectKey("Z") < ObjectKey("a"))
        #expect(try ObjectKey("a") < ObjectKey("é"))
        #expect(try ObjectKey("é") < ObjectKey("文"))
    }

    @Test func keysThatAreCanonicallyEquivalentStringsAreTwoKeys() throws {
        let composed = try ObjectKey("caf\u{E9}")
        let decomposed = try ObjectKey("cafe\u{301}")
        #expect(composed.value == decomposed.value)  // Swift's String equality
        #expect(composed != decomposed)
        #expect(Set([composed, decomposed, try ObjectKey("caf\u{E9}")]).count == 2)
        #expect(decomposed < composed)
        #expect("caf\u{E9}".hasSameBytes(as: "caf\u{E9}"))
        #expect(!"caf\u{E9}".hasSameBytes(as: "cafe\u{301}"))
    }

    @Test func userMetadataIsLowerCasedSortedAndBounded() throws {
        let meta = try ObjectMetadata(contentType: "text/plain", user: [("Zeta", "1"), ("alpha", "2")])
        #expect(meta.user.map(\.name) == ["alpha", "zeta"])
        #expect(throws: OSSError.self) {
            try ObjectMetadata(contentType: "x", user: [("big", String(repeating: "v", count: 8 * 1024))])
        }
        #expect(throws: OSSError.self) { try ObjectMetadata(contentType: "x", user: [("bad_name", "v")]) }
    }

    @Test func tagRules() throws {
        let ten = (0..<10).map { ObjectTags.Tag(key: "k\($0)", value: "v") }
        #expect(try ObjectTags(ten).count == 10)
        #expect(throws: OSSError.self) { try ObjectTags(ten + [ObjectTags.Tag(key: "k10", value: "v")]) }
        #expect(throws: OSSError.self) {
            try ObjectTags([ObjectTags.Tag(key: "a", value: "1"), ObjectTags.Tag(key: "a", value: "2")])
        }
        #expect(throws: OSSError.self) { try ObjectTags([ObjectTags.Tag(key: "", value: "1")]) }
        #expect(throws: OSSError.self) {
            try ObjectTags([ObjectTags.Tag(key: String(repeating: "k", count: 129), value: "")])
        }
    }

    @Test func objectACLInheritsBucketACL() {
        #expect(ObjectACL.default.effective(in: .publicRead) == .publicRead)
        #expect(ObjectACL.private.effective(in: .publicReadWrite) == .private)
        #expect(ObjectACL.publicReadWrite.effective(in: .private) == .publicReadWrite)
    }

    @Test func storageClassParsesCaseInsensitively() throws {
        #expect(try StorageClass.parse("STANDARD") == .standard)
        #expect(try StorageClass.parse("coldarchive") == .coldArchive)
        #expect(throws: OSSError.self) { try StorageClass.parse("Glacier") }
    }
}
