import Foundation
import OSSMetadataPostgres
import OSSModel
import OSSTesting
import Testing

@Suite(
    "PostgresMetadataStore driver",
    .enabled(if: postgresURL != nil, "set OSSD_TEST_POSTGRES_URL (scripts/test starts a server)"))
struct PostgresDriverTests {
    @Test func nodesStartingTogetherMigrateOnce() async throws {
        try await FreshSchema.with { schema in
            let stores = try await withThrowingTaskGroup(of: PostgresMetadataStore.self) { group in
                for _ in 0..<4 { group.addTask { try await PostgresMetadataStore(url: postgresURL!, schema: schema) } }
                var stores: [PostgresMetadataStore] = []
                for try await store in group { stores.append(store) }
                return stores
            }
            _ = try await stores[0].createBucket(Fixtures.bucket())
            #expect(try await stores[3].bucket(named: "bkt") != nil)
            for store in stores { await store.shutdown() }
        }
    }

    @Test func twoStoresSeeOneNamespace() async throws {
        try await FreshSchema.with { schema in
            let a = try await PostgresMetadataStore(url: postgresURL!, schema: schema)
            let b = try await PostgresMetadataStore(url: postgresURL!, schema: schema)
            _ = try await a.createBucket(Fixtures.bucket())
            #expect(try await a.putObject(Fixtures.object("k", body: .inline([1])), condition: .mustNotExist) == nil)
            await #expect(throws: OSSError.fileAlreadyExists) {
                _ = try await b.putObject(Fixtures.object("k", body: .inline([2])), condition: .mustNotExist)
            }
            #expect(try await b.object(bucket: "bkt", key: "k")?.body == .inline([1]))
            await a.shutdown()
            await b.shutdown()
        }
    }

    @Test func droppedConnectionsAreReplaced() async throws {
        try await FreshSchema.with { schema in
            let name = "ossd-test-" + UUID().uuidString
            let store = try await PostgresMetadataStore(url: postgresURL!, schema: schema, applicationName: name)
            _ = try await store.createBucket(Fixtures.bucket())
            _ = try await store.putObject(Fixtures.object("k", body: .inline([1])), condition: .overwrite)
            // The server ends every connection of this store, as a restart or failover would.
            try await FreshSchema.admin(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(name)'")
            try await Task.sleep(for: .milliseconds(200))
            // Reads are retried once on a fresh connection.
            #expect(try await store.object(bucket: "bkt", key: "k")?.body == .inline([1]))
            for _ in 0..<3 {
                do {
                    _ = try await store.putObject(Fixtures.object("k", body: .inline([2])), condition: .overwrite)
                } catch let error as OSSError {
                    // A write on a connection that died under it is answered 503, never a crash.
                    #expect(error == OSSError.serviceUnavailable)
                }
            }
            #expect(try await store.object(bucket: "bkt", key: "k")?.body == .inline([2]))
            await store.shutdown()
        }
    }
}

@Suite("PostgresMetadataStore URLs")
struct PostgresURLTests {
    @Test func malformedURLIsRejected() async throws {
        await #expect(throws: (any Error).self) {
            _ = try await PostgresMetadataStore(url: "mysql://x@y/z")
        }
    }
}
