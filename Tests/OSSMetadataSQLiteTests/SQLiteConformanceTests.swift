import Foundation
import OSSMetadataSQLite
import OSSTesting
import Testing

@Suite("SQLiteMetadataStore conformance")
struct SQLiteConformanceTests {
    @Test(arguments: MetadataStoreConformance.all.map(\.name))
    func conforms(_ name: String) async throws {
        let check = try #require(MetadataStoreConformance.all.first { $0.name == name }?.check)
        try await TemporaryDirectory.with { dir in
            try await check(try SQLiteMetadataStore(path: dir + "/metadata.sqlite"))
        }
    }
}
