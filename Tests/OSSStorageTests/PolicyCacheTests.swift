import Foundation
import OSSModel
import Testing

@testable import OSSStorage

@Suite struct PolicyCacheTests {
    static let allowGet = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject"],"Resource":["acs:oss:*:*:b/*"]}]}"#

    @Test func returnsTheParsedDocumentAndRemembersInvalidText() throws {
        let cache = PolicyCache()
        let first = cache.document(Self.allowGet)
        #expect(first == (try PolicyDocument(Self.allowGet)))
        #expect(cache.document(Self.allowGet) == first)
        #expect(cache.document("{not json") == nil)
        #expect(cache.document("{not json") == nil)
    }

    @Test func staysBoundedAndKeepsAnsweringPastCapacity() throws {
        let cache = PolicyCache()
        for index in 0..<(cache.capacity + 10) {
            let text = Self.allowGet.replacingOccurrences(of: "b/*", with: "b\(index)/*")
            #expect(cache.document(text) == (try PolicyDocument(text)))
            #expect(cache.count <= cache.capacity)
        }
        #expect(cache.document(Self.allowGet) == (try PolicyDocument(Self.allowGet)))
    }
}
