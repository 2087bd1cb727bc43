import Foundation
import Testing

@Suite(.serialized) struct ApiCLITests {
    @Test func bucketOperations() async throws {
        try await withCLI { _, cli in
            #expect(try await cli.ok(["api", "put-bucket", "--bucket", "bkt", "--acl", "private"]) == elapsed)
            #expect(
                try await cli.ok([
                    "api", "put-bucket", "--bucket", "bkt2", "--create-bucket-configuration",
                    #"{"StorageClass":"Standard"}"#,
                ]) == elapsed)
            #expect(
                try await cli.ok(["api", "get-bucket-location", "--bucket", "bkt", "-q"])
                    == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint>oss-cn-hangzhou</LocationConstraint>\n")
            #expect(try await cli.ok(["api", "put-bucket-acl", "--bucket", "bkt", "--acl", "public-read"]) == elapsed)
            #expect(
                try await cli.ok(["api", "get-bucket-acl", "--bucket", "bkt", "--output-format", "json"]) == """
                    {
                      "Owner": {
                        "ID": "1000000000000000",
                        "DisplayName": "1000000000000000"
                      },
                      "AccessControlList": {
                        "Grant": "public-read"
                      }
                    }

                    """ + elapsed)
            #expect(
                try await cli.ok(["api", "get-bucket-acl", "--bucket", "bkt", "--output-format", "yaml", "-q"]) == """
                    Owner:
                        ID: "1000000000000000"
                        DisplayName: "1000000000000000"
                    AccessControlList:
                        Grant: public-read

                    """)
            #expect(
                try await cli.ok(["api", "get-bucket-info", "--bucket", "bkt", "--output-query", "Bucket.Name", "-q"])
                    == "\"bkt\"\n")
            #expect(
                try await cli.ok(["api", "list-buckets", "--output-query", "Buckets.Bucket[*].Name", "-q"])
                    == "[\n  \"bkt\",\n  \"bkt2\"\n]\n")
            #expect(try await cli.ok(["api", "delete-bucket", "--bucket", "bkt2"]) == elapsed)
            let missing = try await cli.run(["api", "delete-bucket", "--bucket", "bkt2"])
            #expect(missing.status == 2)
        }
    }

    @Test func objectDataOperations() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try "file body".write(toFile: cli.path("body.txt"), atomically: true, encoding: .utf8)
            #expect(
                try await cli.ok([
                    "api", "put-object", "--bucket", "bkt", "--key", "f", "--body", "file://" + cli.path("body.txt"),
                    "--metadata", "x=1", "--metadata", "x-oss-meta-y=2", "--content-type", "text/plain",
                ]) == elapsed)
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "s", "--body", "-"], stdin: "stdin body")
            #expect(try await cli.run(["api", "get-object", "--bucket", "bkt", "--key", "f"]).stdout == "file body")
            #expect(
                try await cli.run(["api", "get-object", "--bucket", "bkt", "--key", "s", "--range", "bytes=0-4"]).stdout
                    == "stdin")
            let head = try await cli.ok(["api", "head-object", "--bucket", "bkt", "--key", "f"])
            #expect(head.contains("Content-Type          : text/plain\n"))
            #expect(head.contains("X-Oss-Meta-X          : 1\n"))
            #expect(head.contains("X-Oss-Meta-Y          : 2\n"))
            let meta = try await cli.ok([
                "api", "get-object-meta", "--bucket", "bkt", "--key", "f", "--output-format", "json", "-q",
                "--output-query", "\"Content-Length\"",
            ])
            #expect(meta == "\"9\"\n")
            let copied = try await cli.ok([
                "api", "copy-object", "--bucket", "bkt", "--key", "c", "--copy-source", "/bkt/f", "--output-format",
                "json", "--output-query", "ETag", "-q",
            ])
            #expect(copied == "\"\\\"C63ECEEA886927F78A294D09EADFD64C\\\"\"\n")
            #expect(try await cli.ok(["api", "delete-object", "--bucket", "bkt", "--key", "c"]) == elapsed)
            let deleted = try await cli.ok([
                "api", "delete-multiple-objects", "--bucket", "bkt", "--delete",
                #"{"Quiet":"false","Object":[{"Key":"f"},{"Key":"s"}]}"#, "-q",
            ])
            #expect(deleted.contains("<Key>f</Key>"))
            #expect(deleted.contains("<Key>s</Key>"))
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "z", "--body", ""])
            #expect(
                try await cli.ok([
                    "api", "delete-multiple-objects", "--bucket", "bkt", "--delete",
                    "<Delete><Quiet>true</Quiet><Object><Key>z</Key></Object></Delete>",
                ]).hasSuffix(elapsed))
            #expect(try await cli.ok(["api", "list-objects", "--bucket", "bkt", "--output-query", "Contents", "-q"]) == "null\n")
            #expect(
                try await cli.ok(["api", "list-objects-v2", "--bucket", "bkt", "--output-query", "KeyCount", "-q"])
                    == "\"0\"\n")
        }
    }

    @Test func objectAclAndTagging() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "o", "--body", "x"])
            #expect(
                try await cli.ok(["api", "put-object-acl", "--bucket", "bkt", "--key", "o", "--object-acl", "public-read"])
                    == elapsed)
            #expect(
                try await cli.ok([
                    "api", "get-object-acl", "--bucket", "bkt", "--key", "o", "--output-query",
                    "AccessControlList.Grant", "-q",
                ]) == "\"public-read\"\n")
            try "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>"
                .write(toFile: cli.path("tags.xml"), atomically: true, encoding: .utf8)
            #expect(
                try await cli.ok([
                    "api", "put-object-tagging", "--bucket", "bkt", "--key", "o", "--tagging", "file://" + cli.path("tags.xml"),
                ]) == elapsed)
            #expect(
                try await cli.ok(["api", "get-object-tagging", "--bucket", "bkt", "--key", "o", "-q"]) == """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Tagging>
                      <TagSet>
                        <Tag>
                          <Key>a</Key>
                          <Value>1</Value>
                        </Tag>
                      </TagSet>
                    </Tagging>

                    """)
            try await cli.ok(
                ["api", "put-object-tagging", "--bucket", "bkt", "--key", "o", "--tagging", "-"],
                stdin: #"{"TagSet":{"Tag":[{"Key":"k1","Value":"v1"},{"Key":"k2","Value":"v2"}]}}"#)
            #expect(
                try await cli.ok([
                    "api", "get-object-tagging", "--bucket", "bkt", "--key", "o", "--output-query", "TagSet.Tag[*].Key",
                    "--output-format", "yaml", "-q",
                ]) == "- k1\n- k2\n")
            #expect(try await cli.ok(["api", "delete-object-tagging", "--bucket", "bkt", "--key", "o"]) == elapsed)
            #expect(
                try await cli.ok([
                    "api", "get-object-tagging", "--bucket", "bkt", "--key", "o", "--output-format", "xml", "-q",
                ]) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tagging>\n  <TagSet></TagSet>\n</Tagging>\n")
        }
    }

    @Test func symlinkFlagsAndDryRun() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try await cli.ok([
                "api", "put-symlink", "--bucket", "bkt", "--key", "l", "--symlink-target", "t", "--object-acl", "private",
                "--storage-class", "Standard", "--metadata", "m=v", "--tagging", "a=b",
            ])
            let again = try await cli.run([
                "api", "put-symlink", "--bucket", "bkt", "--key", "l", "--symlink-target", "u", "--forbid-overwrite", "true",
            ])
            #expect(again.status == 2)
            #expect(again.stderr.contains("Error Code: FileAlreadyExists. \n"))
            let link = try await cli.ok(["api", "get-symlink", "--bucket", "bkt", "--key", "l"])
            #expect(link.contains("X-Oss-Meta-M          : v\n"))
            #expect(link.contains("X-Oss-Symlink-Target  : t\n"))
            #expect(
                try await cli.ok(["-n", "api", "put-symlink", "--bucket", "bkt", "--key", "d", "--symlink-target", "t"])
                    == "dry run: put-symlink request not sent\n" + elapsed)
        }
    }
}
