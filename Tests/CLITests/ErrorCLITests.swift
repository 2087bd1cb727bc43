import Foundation
import OSSTesting
import Testing

@Suite(.serialized) struct ErrorCLITests {
    @Test func noCredentialsIsClientError() async throws {
        let cli = try CLIRunner(environment: ["OSS_REGION": "cn-hangzhou", "OSS_ENDPOINT": "http://127.0.0.1:9"])
        defer { cli.cleanUp() }
        let result = try await cli.run(["ls"])
        #expect(result.status == 3)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "Error: credentials is null or empty: set --access-key-id and --access-key-secret, OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or the config file\n"
        )
    }

    @Test func missingRegionWithV4() async throws {
        let cli = try CLIRunner(environment: ["OSS_ACCESS_KEY_ID": "a", "OSS_ACCESS_KEY_SECRET": "b"])
        defer { cli.cleanUp() }
        let result = try await cli.run(["ls", "-e", "http://127.0.0.1:9"])
        #expect(result.status == 3)
        #expect(result.stderr == "Error: region must be set in sign version 4\n")
    }

    @Test func connectionRefusedIsClientError() async throws {
        // A port that was just free: bind, read the number, close.
        let port = try await LiveServer.with { server in server.port }
        let cli = try CLIRunner(environment: [
            "OSS_ACCESS_KEY_ID": "a", "OSS_ACCESS_KEY_SECRET": "b", "OSS_REGION": "cn-hangzhou",
        ])
        defer { cli.cleanUp() }
        let result = try await cli.run(["--retry-times", "1", "-e", "http://127.0.0.1:\(port)", "ls"])
        #expect(result.status == 3)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "Error: operation error ListBuckets: exceeded maximum number of attempts, 2, request error: Get \"http://127.0.0.1:\(port)/?max-keys=1000\": connect: connection refused\n"
        )
    }

    @Test func missingBucketIsServiceError() async throws {
        try await withCLI { _, cli in
            let result = try await cli.run(["ls", "oss://nosuchbucket"])
            #expect(result.status == 2)
            #expect(
                result.maskedStderr == """
                    Error: operation error ListObjectsV2: Error returned by Service. 
                    Http Status Code: 404. 
                    Error Code: NoSuchBucket. 
                    Request Id: ID. 
                    Message: The specified bucket does not exist..
                    EC: 0015-00000101.
                    Timestamp: T.
                    Request Endpoint: GET http://HOST/nosuchbucket/?list-type=2&prefix=&max-keys=1000&encoding-type=url.

                    """)
        }
    }

    @Test func headErrorDecodesTheErrHeader() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            let result = try await cli.run(["api", "head-object", "--bucket", "bkt", "--key", "nope"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("Error Code: NoSuchKey. \n"))
            #expect(result.stderr.contains("EC: 0026-00000001.\n"))
        }
    }

    @Test func usageErrorsExitOne() async throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let unknown = try await cli.run(["bogus"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("Error: Unexpected argument 'bogus'\n"))
        let missing = try await cli.run(["api", "put-symlink", "--bucket", "b", "--key", "k"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("Error: Missing expected argument '--symlink-target <symlink-target>'\n"))
        let format = try await cli.run(["ls", "--output-format", "csv"])
        #expect(format.status == 1)
        #expect(format.stderr == "Error: invalid output format csv: use raw, json, yaml or xml\n")
    }
}
