import Foundation
import OSSMetadataSQLite
import OSSModel
import OSSTesting
import Testing

@Suite("SQLiteMetadataStore concurrent reads")
struct SQLiteConcurrentReadsTests {
    /// Point lookups (GET), upload and part reads (UploadPart, ListParts), listings and
    /// user reads from many tasks at once must all complete. They once mixed synchronous
    /// reads with GRDB's async reads, which hold a reader across an `await`: with every
    /// cooperative thread waiting for a reader and every reader held by a suspended task,
    /// the server stopped answering. The time limit turns such a hang into a failure.
    @Test(.timeLimit(.minutes(1))) func mixedReadsFromManyTasksAllComplete() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try SQLiteMetadataStore(path: dir + "/metadata.sqlite")
            _ = try await store.createBucket(Fixtures.bucket())
            for index in 0..<20 {
                _ = try await store.putObject(Fixtures.object("k\(index)", body: .inline([UInt8(index)])), condition: .overwrite)
            }
            try await store.createUpload(Fixtures.upload("u1"))
            let completed = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<64 {
                    group.addTask {
                        var done = 0
                        for round in 0..<40 {
                            switch (task + round) % 4 {
                            case 0: _ = try await store.lookup(bucket: "bkt", key: "k\(round % 20)", followLink: true)
                            case 1: _ = try await store.upload(bucket: "bkt", id: "u1")
                            case 2: _ = try await store.parts(uploadID: "u1")
                            default:
                                _ = try await store.listObjects(bucket: "bkt", query: ObjectListQuery(maxKeys: 10))
                            }
                            done += 1
                        }
                        return done
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(completed == 64 * 40)
        }
    }
}
