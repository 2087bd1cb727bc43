import OSSStorage
import OSSTesting
import Testing

@Suite("InMemoryMetadataStore conformance")
struct InMemoryConformanceTests {
    @Test(arguments: MetadataStoreConformance.all.map(\.name))
    func conforms(_ name: String) async throws {
        let check = try #require(MetadataStoreConformance.all.first { $0.name == name }?.check)
        try await check(InMemoryMetadataStore())
    }
}
