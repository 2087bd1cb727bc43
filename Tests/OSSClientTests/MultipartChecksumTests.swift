import Foundation
import Testing

@testable import OSSClient

@Suite struct MultipartChecksumTests {
    @Test func partCRCsCombineToTheWholeObjectCRC() throws {
        let first = try #require(try OSSRequestBody.bytes(Array("1234".utf8)).digest(md5: false))
        let second = try #require(try OSSRequestBody.bytes(Array("56789".utf8)).digest(md5: false))
        let parts = [
            MultipartPart(partNumber: 1, etag: "a", crc64: first.crc64, size: first.length),
            MultipartPart(partNumber: 2, etag: "b", crc64: second.crc64, size: second.length),
        ]
        #expect(OSSClient.combinedCRC(parts) == 0x995D_C9BB_DF19_39FA)
        #expect(OSSClient.combinedCRC([MultipartPart(partNumber: 1, etag: "a")]) == nil)
    }

    @Test func fileRangeDigestReadsOnlyItsRange() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("range-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("xx123456789yy".utf8).write(to: URL(fileURLWithPath: path))
        let digest = try #require(
            try OSSRequestBody.fileRange(path: path, offset: 2, length: 9).digest(md5: true))
        #expect(digest.crc64 == 0x995D_C9BB_DF19_39FA)
        #expect(digest.length == 9)
        #expect(Data(digest.md5 ?? []).base64EncodedString() == "JfnnlDI7RTiF9RgfG2JNCw==")
        #expect(try OSSRequestBody.standardInput.digest(md5: false) == nil)
    }
}
