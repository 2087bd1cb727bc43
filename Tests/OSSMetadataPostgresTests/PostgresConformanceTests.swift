import Foundation
import OSSMetadataPostgres
import OSSModel
import OSSTesting
import PostgresNIO
import Testing

/// The database the Postgres suites run against; `scripts/test` starts one and sets it.
let postgresURL = ProcessInfo.processInfo.environment["OSSD_TEST_POSTGRES_URL"]

@Suite(
    "PostgresMetadataStore conformance",
    .enabled(if: postgresURL != nil, "set OSSD_TEST_POSTGRES_URL (scripts/test starts a server)"))
struct PostgresConformanceTests {
    @Test(arguments: MetadataStoreConformance.all.map(\.name))
    func conforms(_ name: String) async throws {
        let check = try #require(MetadataStoreConformance.all.first { $0.name == name }?.check)
        try await FreshSchema.with { schema in
            let store = try await PostgresMetadataStore(url: postgresURL!, schema: schema)
            do {
                try await check(store)
            } catch {
                await store.shutdown()
                throw error
            }
            await store.shutdown()
        }
    }
}

/// A schema of its own for one test, dropped afterwards.
enum FreshSchema {
    static func with(_ body: (String) async throws -> Void) async throws {
        let schema = "ossd_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin("CREATE SCHEMA \(schema)")
        do {
            try await body(schema)
        } catch {
            try? await admin("DROP SCHEMA \(schema) CASCADE")
            throw error
        }
        try await admin("DROP SCHEMA \(schema) CASCADE")
    }

    /// Runs one statement on a short-lived connection.
    static func admin(_ sql: String) async throws {
        let url = try #require(URLComponents(string: postgresURL ?? ""))
        let configuration = PostgresConnection.Configuration(
            host: url.host ?? "127.0.0.1", port: url.port ?? 5432, username: url.user ?? "postgres",
            password: url.password, database: String(url.path.dropFirst()), tls: .disable)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: Logger(label: "ossd.test.admin"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "ossd.test.admin"))
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
