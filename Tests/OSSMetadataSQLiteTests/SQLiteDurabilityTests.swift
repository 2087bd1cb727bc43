import Foundation
import OSSMetadataSQLite
import OSSTesting
import Testing

@Suite("SQLiteMetadataStore durability")
struct SQLiteDurabilityTests {
    /// Every commit must fsync the WAL before a write is acknowledged: the writer runs with
    /// `synchronous = FULL` even though DatabasePool's WAL set-up picks NORMAL.
    @Test func writerCommitsWithSynchronousFull() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try SQLiteMetadataStore(path: dir + "/metadata.sqlite")
            #expect(try store.writerSynchronousLevel() == 2)
        }
    }
}
