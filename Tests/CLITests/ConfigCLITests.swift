import Foundation
import OSSTesting
import Testing

@Suite(.serialized) struct ConfigCLITests {
    @Test func configWritesTheFile() async throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try await cli.run(["config", "-i", "ak1", "-k", "sk1", "--region", "cn-beijing"])
        #expect(result.status == 0)
        #expect(
            try String(contentsOfFile: cli.path(".ossutilconfig"), encoding: .utf8)
                == "[default]\naccessKeyID = ak1\naccessKeySecret = sk1\nregion = cn-beijing\n")
        try await cli.ok(["config", "set", "endpoint", "http://127.0.0.1:9", "--profile", "dev"])
        try await cli.ok(["config", "set", "region", ""])
        #expect(
            try String(contentsOfFile: cli.path(".ossutilconfig"), encoding: .utf8)
                == "[default]\naccessKeyID = ak1\naccessKeySecret = sk1\n\n[profile dev]\nendpoint = http://127.0.0.1:9\n")
        #expect(try await cli.ok(["config", "get", "access-key-id"]) == "ak1\n")
        #expect(try await cli.ok(["config", "list-profiles"]) == "default\ndev\n")
    }

    @Test func interactiveConfigReadsAnswers() async throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try await cli.run(["config"], stdin: "\nid-1\nsecret-1\n\nhttp://127.0.0.1:9\n")
        #expect(result.status == 0)
        #expect(
            try String(contentsOfFile: cli.path(".ossutilconfig"), encoding: .utf8)
                == "[default]\naccessKeyID = id-1\naccessKeySecret = secret-1\nregion = cn-hangzhou\nendpoint = http://127.0.0.1:9\n"
        )
    }

    @Test func flagsBeatEnvironmentBeatFile() async throws {
        try await LiveServer.with { server in
            let cli = try CLIRunner()
            defer { cli.cleanUp() }
            // File: right keys, unreachable endpoint.
            try "[default]\naccessKeyID = \(server.rootKey.id)\naccess_key_secret = \"\(server.rootKey.secret)\"\nregion = cn-hangzhou\nendpoint = http://127.0.0.1:9\n"
                .write(toFile: cli.path(".ossutilconfig"), atomically: true, encoding: .utf8)
            // Environment fixes the endpoint: file < env.
            let env = ["OSS_ENDPOINT": server.endpoint]
            let listed = try await cli.run(["ls", "-q"], environment: env)
            #expect(listed.status == 0)
            #expect(listed.stdout == "Bucket Number is: 0\n")
            // A wrong key in the environment loses to the file? No: env beats file.
            let envKey = try await cli.run(["ls"], environment: env.merging(["OSS_ACCESS_KEY_ID": "wrong"]) { $1 })
            #expect(envKey.status == 2)
            #expect(envKey.stderr.contains("Error Code: InvalidAccessKeyId. \n"))
            // A flag beats the environment.
            let flagKey = try await cli.run(
                ["-i", server.rootKey.id, "ls", "-q"], environment: env.merging(["OSS_ACCESS_KEY_ID": "wrong"]) { $1 })
            #expect(flagKey.status == 0)
            // Flag endpoint beats env endpoint.
            let flagEndpoint = try await cli.run(
                ["ls", "-q", "-e", server.endpoint], environment: ["OSS_ENDPOINT": "http://127.0.0.1:9"])
            #expect(flagEndpoint.status == 0)
            // Named profile via OSSUTIL_PROFILE and -c elsewhere.
            try "[profile p2]\naccess-key-id = \(server.rootKey.id)\naccess-key-secret = \(server.rootKey.secret)\nregion = cn-hangzhou\nendpoint = \(server.endpoint)\n"
                .write(toFile: cli.path("other.ini"), atomically: true, encoding: .utf8)
            let profiled = try await cli.run(
                ["ls", "-q", "-c", cli.path("other.ini")], environment: ["OSSUTIL_PROFILE": "p2"])
            #expect(profiled.status == 0)
            #expect(profiled.stdout == "Bucket Number is: 0\n")
        }
    }
}
