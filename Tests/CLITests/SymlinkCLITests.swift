import Foundation
import Testing

@Suite(.serialized) struct SymlinkCLITests {
    @Test func seedCommandWorksVerbatim() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://examplebucket"])
            let result = try await cli.run(
                "api put-symlink --bucket examplebucket --key examplelink --symlink-target targetobject"
                    .split(separator: " ").map(String.init))
            #expect(result.status == 0)
            #expect(result.stderr == "")
            #expect(result.maskedStdout == elapsed)
            #expect(result.stdout.range(of: #"^\n\d+\.\d{6}\(s\) elapsed\n$"#, options: .regularExpression) != nil)
        }
    }

    @Test func getSymlinkShowsTheTarget() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try await cli.ok(["api", "put-symlink", "--bucket", "bkt", "--key", "link", "--symlink-target", "dir/target one"])
            let out = try await cli.ok(["api", "get-symlink", "--bucket", "bkt", "--key", "link"])
            #expect(
                out == """
                    Content-Length        : 0
                    Content-Type          : application/octet-stream
                    Etag                  : "722EDB856C16AAFD3AC84E1263A9015B"
                    Last-Modified         : HTTPDATE
                    X-Oss-Symlink-Target  : dir/target one

                    """ + elapsed)
            let json = try await cli.ok([
                "api", "get-symlink", "--bucket", "bkt", "--key", "link", "--output-query", "\"X-Oss-Symlink-Target\"", "-q",
            ])
            #expect(json == "\"dir/target one\"\n")
        }
    }

    @Test func copyThroughLinkDownloadsTheTargetBytes() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "target", "--body", "target bytes\n"])
            try await cli.ok(["api", "put-symlink", "--bucket", "bkt", "--key", "link", "--symlink-target", "target"])
            let out = try await cli.ok(["cp", "oss://bkt/link", "copy.txt"])
            #expect(out == "Success: Total 1 object, size 13 B, Download done:(1 files, 13 B), avg S\n" + elapsed)
            #expect(try String(contentsOfFile: cli.path("copy.txt"), encoding: .utf8) == "target bytes\n")
            #expect(try await cli.ok(["cat", "oss://bkt/link"]) == "target bytes\n")
        }
    }

    @Test func statOfLinkShowsSymlinkType() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "t", "--body", "abc"])
            try await cli.ok(["api", "put-symlink", "--bucket", "bkt", "--key", "l", "--symlink-target", "t"])
            let out = try await cli.ok(["stat", "oss://bkt/l"])
            #expect(out.contains("X-Oss-Object-Type     : Symlink\n"))
            #expect(out.contains("Content-Length        : 3\n"))
            let list = try await cli.ok(["ls", "oss://bkt"])
            #expect(list.contains("oss://bkt/l -> t\n"))
        }
    }

    @Test func getSymlinkOnPlainObjectIsNotSymlink() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "plain", "--body", "x"])
            let result = try await cli.run(["api", "get-symlink", "--bucket", "bkt", "--key", "plain"])
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(
                result.maskedStderr == """
                    Error: operation error GetSymlink: Error returned by Service. 
                    Http Status Code: 400. 
                    Error Code: NotSymlink. 
                    Request Id: ID. 
                    Message: The object is not symlink..
                    EC: 0043-00000101.
                    Timestamp: T.
                    Request Endpoint: GET http://HOST/bkt/plain?symlink.

                    """)
        }
    }
}
