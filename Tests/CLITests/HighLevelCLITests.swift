import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite(.serialized) struct HighLevelCLITests {
    @Test func makeListAndRemoveBuckets() async throws {
        try await withCLI { _, cli in
            #expect(try await cli.ok(["mb", "oss://bkt-a", "--acl", "public-read"]) == elapsed)
            #expect(try await cli.ok(["-e", cli.environment["OSS_ENDPOINT"]!, "mb", "oss://bkt-b"]) == elapsed)
            let list = try await cli.ok(["ls"])
            #expect(
                list == """
                    CreationTime                                Region    StorageClass    BucketName
                    DATE      oss-cn-hangzhou        Standard    oss://bkt-a
                    DATE      oss-cn-hangzhou        Standard    oss://bkt-b
                    Bucket Number is: 2

                    """ + elapsed)
            #expect(try await cli.ok(["ls", "-s", "-q"]) == "oss://bkt-a\noss://bkt-b\nBucket Number is: 2\n")
            #expect(try await cli.ok(["rb", "oss://bkt-b"]) == elapsed)
            try await cli.ok(["api", "put-object", "--bucket", "bkt-a", "--key", "k", "--body", "x"])
            let notEmpty = try await cli.run(["rb", "oss://bkt-a"])
            #expect(notEmpty.status == 2)
            #expect(notEmpty.stderr.contains("Error Code: BucketNotEmpty. \n"))
            #expect(try await cli.ok(["rb", "oss://bkt-a", "-f"]) == elapsed)
            #expect(try await cli.ok(["ls", "-q"]) == "Bucket Number is: 0\n")
        }
    }

    @Test func listObjectsLongShortAndDirs() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            for key in ["a.txt", "dir/b.txt", "dir/sub/c.txt"] {
                try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", key, "--body", "hello"])
            }
            let long = try await cli.ok(["ls", "oss://bkt"])
            let row = "DATE            5      Standard   5D41402ABC4B2A76B9719D911017C592      "
            #expect(
                long == """
                    LastModifiedTime                   Size(B)  StorageClass   ETAG                                  ObjectName
                    \(row)oss://bkt/a.txt
                    \(row)oss://bkt/dir/b.txt
                    \(row)oss://bkt/dir/sub/c.txt
                    Object Number is: 3

                    """ + elapsed)
            #expect(
                try await cli.ok(["ls", "-s", "-q", "oss://bkt/dir/"])
                    == "oss://bkt/dir/b.txt\noss://bkt/dir/sub/c.txt\nObject Number is: 2\n")
            #expect(
                try await cli.ok(["ls", "-s", "-d", "-q", "oss://bkt/"])
                    == "oss://bkt/a.txt\noss://bkt/dir/\nObject Number is: 2\n")
            let json = try await cli.ok(["ls", "oss://bkt/dir/sub", "--output-format", "json", "-q", "--output-query", "Contents[*].Key"])
            #expect(json == "[\n  \"dir/sub/c.txt\"\n]\n")
        }
    }

    @Test func copyUploadDownloadAndServerSide() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try "twelve bytes".write(toFile: cli.path("up.txt"), atomically: true, encoding: .utf8)
            #expect(
                try await cli.ok(["cp", "up.txt", "oss://bkt/docs/", "--metadata", "owner=me", "--acl", "private"])
                    == "Success: Total 1 file, size 12 B, Upload done:(1 objects, 12 B), avg S\n" + elapsed)
            let stat = try await cli.ok(["stat", "oss://bkt/docs/up.txt"])
            #expect(stat.contains("Content-Type          : text/plain\n"))
            #expect(stat.contains("X-Oss-Meta-Owner      : me\n"))
            #expect(stat.contains("ACL                   : private\n"))
            #expect(
                try await cli.ok(["cp", "oss://bkt/docs/up.txt", "oss://bkt/copy.txt"])
                    == "Success: Total 1 object, size 12 B, Copy done:(1 objects, 12 B), avg S\n" + elapsed)
            #expect(try await cli.ok(["cat", "oss://bkt/copy.txt"]) == "twelve bytes")
            // Standard input upload and standard output download.
            try await cli.ok(["cp", "-", "oss://bkt/stdin.bin"], stdin: "from stdin")
            #expect(try await cli.run(["cp", "oss://bkt/stdin.bin", "-"]).stdout == "from stdin")
            // Recursive, with filters; existing file without -f is kept (no answer on stdin).
            try FileManager.default.createDirectory(atPath: cli.path("tree/sub"), withIntermediateDirectories: true)
            try "1".write(toFile: cli.path("tree/a.jpg"), atomically: true, encoding: .utf8)
            try "22".write(toFile: cli.path("tree/sub/b.txt"), atomically: true, encoding: .utf8)
            try "333".write(toFile: cli.path("tree/sub/c.jpg"), atomically: true, encoding: .utf8)
            #expect(
                try await cli.ok(["cp", "-r", "tree", "oss://bkt/tree", "--include", "*.jpg"])
                    == "Success: Total 2 files, size 4 B, Upload done:(2 objects, 4 B), avg S\n" + elapsed)
            #expect(
                try await cli.ok(["ls", "-s", "-q", "oss://bkt/tree"])
                    == "oss://bkt/tree/a.jpg\noss://bkt/tree/sub/c.jpg\nObject Number is: 2\n")
            #expect(
                try await cli.ok(["cp", "-r", "oss://bkt/tree/", "back"])
                    == "Success: Total 2 objects, size 4 B, Download done:(2 files, 4 B), avg S\n" + elapsed)
            #expect(try String(contentsOfFile: cli.path("back/sub/c.jpg"), encoding: .utf8) == "333")
            try "local".write(toFile: cli.path("back/a.jpg"), atomically: true, encoding: .utf8)
            _ = try await cli.run(["cp", "oss://bkt/tree/a.jpg", "back/a.jpg"])
            #expect(try String(contentsOfFile: cli.path("back/a.jpg"), encoding: .utf8) == "local")
            try await cli.ok(["cp", "-f", "oss://bkt/tree/a.jpg", "back/a.jpg"])
            #expect(try String(contentsOfFile: cli.path("back/a.jpg"), encoding: .utf8) == "1")
        }
    }

    @Test func removeObjectsAndBucket() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            for key in ["keep", "p/1", "p/2"] {
                try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", key, "--body", "x"])
            }
            #expect(try await cli.ok(["rm", "oss://bkt/keep"]) == elapsed)
            #expect(try await cli.ok(["rm", "-r", "oss://bkt/p/"], stdin: "n\n").hasPrefix("Do you really mean"))
            #expect(try await cli.ok(["ls", "-s", "-q", "oss://bkt"]) == "oss://bkt/p/1\noss://bkt/p/2\nObject Number is: 2\n")
            #expect(try await cli.ok(["rm", "-r", "-f", "-b", "oss://bkt"]) == elapsed)
            #expect(try await cli.ok(["ls", "-q"]) == "Bucket Number is: 0\n")
        }
    }

    @Test func statBucketAndObject() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            let bucket = try await cli.ok(["stat", "oss://bkt"])
            #expect(bucket.hasPrefix("ACL                     : private\nAccessMonitor           : Disabled\n"))
            #expect(bucket.contains("Name                    : bkt\n"))
            #expect(bucket.contains("Location                : oss-cn-hangzhou\n"))
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "o", "--body", "abc"])
            let object = try await cli.ok(["stat", "oss://bkt/o", "--output-format", "json", "--output-query", "Etag", "-q"])
            #expect(object == "\"900150983CD24FB0D6963F7D28E17F72\"\n")
        }
    }

    @Test func catRanges() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "o", "--body", "0123456789"])
            #expect(try await cli.ok(["cat", "oss://bkt/o"]) == "0123456789")
            #expect(try await cli.ok(["cat", "oss://bkt/o", "--head", "3"]) == "012")
            #expect(try await cli.ok(["cat", "oss://bkt/o", "--offset", "4", "--count", "2"]) == "45")
        }
    }

    @Test func diskUsage() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "a", "--body", "12345"])
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "b", "--body", "123"])
            #expect(
                try await cli.ok(["du", "oss://bkt"]) == """
                    storage class   object count            sum size
                    ----------------------------------------------------------
                    Standard        2                        8
                    ----------------------------------------------------------
                    total object count: 2                           total object sum size: 8
                    total part count:   0                           total part sum size:   0

                    total du size:8

                    """ + elapsed)
            #expect(
                try await cli.ok(["du", "oss://bkt", "--output-format", "json", "-q"])
                    == "{\n  \"ObjectCount\": 2,\n  \"ObjectSize\": 8,\n  \"StandardObjectCount\": 2,\n  \"StandardObjectSize\": 8,\n  \"Storage\": 8\n}\n"
            )
        }
    }

    @Test func presignedURLsWork() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "a b", "--body", "signed"])
            for version in ["v4", "v1"] {
                let url = try await cli.ok(["presign", "oss://bkt/a b", "--sign-version", version, "-q"])
                #expect(url.hasPrefix("http://HOST/bkt/a%20b?"))
                let real = try await cli.run(["presign", "oss://bkt/a b", "--sign-version", version, "-q"]).stdout
                let (data, response) = try await URLSession.shared.data(
                    from: URL(string: real.trimmingCharacters(in: .newlines))!)
                #expect((response as? HTTPURLResponse)?.statusCode == 200)
                #expect(String(decoding: data, as: UTF8.self) == "signed")
            }
        }
    }

    @Test func setAclAndSetMeta() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "o", "--body", "x", "--metadata", "a=1"])
            #expect(try await cli.ok(["set-meta", "oss://bkt/o", "--metadata", "b=2", "--metadata-directive", "update"]) == elapsed)
            #expect(try await cli.ok(["set-acl", "oss://bkt/o", "public-read"]) == elapsed)
            #expect(try await cli.ok(["set-props", "oss://bkt/o", "--acl", "private", "-q"]) == "")
            let stat = try await cli.ok(["stat", "oss://bkt/o"])
            #expect(stat.contains("ACL                   : private\n"))
            #expect(stat.contains("X-Oss-Meta-A          : 1\n"))
            #expect(stat.contains("X-Oss-Meta-B          : 2\n"))
        }
    }
}
