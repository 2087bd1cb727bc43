import Foundation
import Testing

@Suite(.serialized) struct MultipartCLITests {
    /// Deterministic non-repeating bytes, so a misplaced part changes the content.
    static func pattern(_ count: Int) -> Data {
        var state: UInt32 = 2_463_534_242
        return Data((0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        })
    }

    static let big = ["--bigfile-threshold", "1Mi", "--part-size", "256Ki", "--parallel", "3"]

    @Test func bigFileUploadIsMultipartAndDownloadsIdentically() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            let data = Self.pattern(3 * 1024 * 1024 + 12_345)
            try data.write(to: URL(fileURLWithPath: cli.path("big.bin")))
            #expect(
                try await cli.ok(["cp", "big.bin", "oss://bkt/big.bin"] + Self.big)
                    == "Success: Total 1 file, size 3.01 MiB, Upload done:(1 objects, 3.01 MiB), avg S\n" + elapsed)
            let stat = try await cli.ok(["stat", "oss://bkt/big.bin"])
            #expect(stat.contains("X-Oss-Object-Type     : Multipart\n"))
            #expect(stat.contains("Content-Length        : \(data.count)\n"))
            #expect(stat.contains("-13\n"))  // ETag "<md5>-<parts>": 13 parts of 256 KiB
            try await cli.ok(["cp", "oss://bkt/big.bin", "back.bin"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("back.bin"))) == data)
            // Below the threshold the same file is one PutObject.
            try await cli.ok(["cp", "big.bin", "oss://bkt/small.bin", "--bigfile-threshold", "4Mi"])
            #expect(try await cli.ok(["stat", "oss://bkt/small.bin"]).contains("X-Oss-Object-Type     : Normal\n"))
            // Server-side copy of a big object goes through UploadPartCopy and keeps metadata.
            try await cli.ok(["cp", "big.bin", "oss://bkt/meta.bin", "--metadata", "owner=me"] + Self.big)
            try await cli.ok(["cp", "oss://bkt/meta.bin", "oss://bkt/copy.bin"] + Self.big)
            let copied = try await cli.ok(["stat", "oss://bkt/copy.bin"])
            #expect(copied.contains("X-Oss-Object-Type     : Multipart\n"))
            #expect(copied.contains("X-Oss-Meta-Owner      : me\n"))
            try await cli.ok(["cp", "oss://bkt/copy.bin", "copy.bin"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("copy.bin"))) == data)
            let uploads = try await cli.ok(["api", "list-multipart-uploads", "--bucket", "bkt", "-q"])
            #expect(!uploads.contains("<Upload>"))
        }
    }

    @Test func failedPartAbortsTheUpload() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            try Self.pattern(2 * 1024 * 1024).write(to: URL(fileURLWithPath: cli.path("big.bin")))
            let failed = try await cli.run(
                ["cp", "big.bin", "oss://bkt/big.bin"] + Self.big, environment: ["OSSUTIL_TEST_FAIL_PART": "3"])
            #expect(failed.status == 3)
            #expect(failed.stderr.contains("injected failure of part 3"))
            let uploads = try await cli.ok(["api", "list-multipart-uploads", "--bucket", "bkt", "-q"])
            #expect(uploads.contains("<ListMultipartUploadsResult>"))
            #expect(!uploads.contains("<Upload>"))
            #expect(try await cli.run(["stat", "oss://bkt/big.bin"]).status == 2)
        }
    }

    @Test func apiMultipartCommands() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            let first = Self.pattern(200 * 1024)
            try first.write(to: URL(fileURLWithPath: cli.path("part1.bin")))
            let json = ["--output-format", "json", "-q"]
            func uploadId(_ key: String) async throws -> String {
                let out = try await cli.ok(
                    ["api", "initiate-multipart-upload", "--bucket", "bkt", "--key", key, "--output-query", "UploadId"]
                        + json)
                return out.trimmingCharacters(in: CharacterSet(charactersIn: "\"\n"))
            }
            let id = try await uploadId("obj")
            let part = try await cli.ok([
                "api", "upload-part", "--bucket", "bkt", "--key", "obj", "--upload-id", id, "--part-number", "1",
                "--body", "file://" + cli.path("part1.bin"),
            ])
            #expect(part.contains("Etag"))
            #expect(part.contains("X-Oss-Hash-Crc64ecma"))
            try await cli.ok([
                "api", "upload-part", "--bucket", "bkt", "--key", "obj", "--upload-id", id, "--part-number", "2",
                "--body", "tail",
            ])
            let parts = try await cli.ok(["api", "list-parts", "--bucket", "bkt", "--key", "obj", "--upload-id", id, "-q"])
            #expect(parts.contains("<PartNumber>1</PartNumber>") && parts.contains("<PartNumber>2</PartNumber>"))
            let listed = try await cli.ok(["api", "list-multipart-uploads", "--bucket", "bkt", "-q"])
            #expect(listed.contains("<UploadId>\(id)</UploadId>"))
            let done = try await cli.ok([
                "api", "complete-multipart-upload", "--bucket", "bkt", "--key", "obj", "--upload-id", id,
                "--complete-all", "yes", "-q",
            ])
            #expect(done.contains("<CompleteMultipartUploadResult>"))
            try await cli.ok(["cp", "oss://bkt/obj", "obj.bin"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("obj.bin"))) == first + Data("tail".utf8))

            // upload-part-copy of the first 150 KiB, then complete with a JSON part list.
            let copyId = try await uploadId("copied")
            let etag = try await cli.ok([
                "api", "upload-part-copy", "--bucket", "bkt", "--key", "copied", "--upload-id", copyId,
                "--part-number", "1", "--copy-source", "/bkt/obj", "--copy-source-range", "bytes=0-153599",
                "--output-query", "ETag",
            ] + json).trimmingCharacters(in: .whitespacesAndNewlines)
            let document = #"{"Part":[{"PartNumber":"1","ETag":\#(etag)}]}"#
            try await cli.ok([
                "api", "complete-multipart-upload", "--bucket", "bkt", "--key", "copied", "--upload-id", copyId,
                "--complete-multipart-upload", document,
            ])
            try await cli.ok(["cp", "oss://bkt/copied", "copied.bin"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("copied.bin"))) == first.prefix(150 * 1024))

            // abort: the upload disappears.
            let abortId = try await uploadId("aborted")
            #expect(
                try await cli.ok(["api", "abort-multipart-upload", "--bucket", "bkt", "--key", "aborted", "--upload-id", abortId])
                    == elapsed)
            let after = try await cli.ok(["api", "list-multipart-uploads", "--bucket", "bkt", "-q"])
            #expect(!after.contains("<Upload>"))
        }
    }

    @Test func appendAndRestore() async throws {
        try await withCLI { _, cli in
            try await cli.ok(["mb", "oss://bkt"])
            let first = try await cli.ok(
                ["api", "append-object", "--bucket", "bkt", "--key", "log", "--position", "0", "--body", "hello "])
            #expect(first.contains("X-Oss-Next-Append-Position  : 6\n"))
            try "world".write(toFile: cli.path("more.txt"), atomically: true, encoding: .utf8)
            #expect(try await cli.ok(["append", "more.txt", "oss://bkt/log"]) == elapsed)
            #expect(try await cli.ok(["append", "-", "oss://bkt/log"], stdin: "!") == elapsed)
            #expect(try await cli.run(["cat", "oss://bkt/log"]).stdout == "hello world!")
            #expect(try await cli.ok(["stat", "oss://bkt/log"]).contains(": Appendable\n"))
            #expect(try await cli.ok(["append", "more.txt", "oss://bkt/new.txt"]) == elapsed)
            #expect(try await cli.run(["cat", "oss://bkt/new.txt"]).stdout == "world")
            try await cli.ok(["api", "put-object", "--bucket", "bkt", "--key", "plain", "--body", "x"])
            #expect(try await cli.run(["append", "more.txt", "oss://bkt/plain"]).status != 0)

            for key in ["cold1", "cold2"] {
                try await cli.ok([
                    "api", "put-object", "--bucket", "bkt", "--key", key, "--body", "frozen", "--storage-class", "Archive",
                ])
            }
            #expect(
                try await cli.ok([
                    "api", "restore-object", "--bucket", "bkt", "--key", "cold1", "--restore-request",
                    #"{"Days":"2","JobParameters":{"Tier":"Standard"}}"#,
                ]) == elapsed)
            #expect(try await cli.ok(["stat", "oss://bkt/cold1"]).contains("X-Oss-Restore"))
            #expect(try await cli.ok(["restore", "oss://bkt/cold2", "--days", "1"]) == elapsed)
            #expect(try await cli.ok(["stat", "oss://bkt/cold2"]).contains("X-Oss-Restore"))
            let plain = try await cli.run(["restore", "oss://bkt/plain"])
            #expect(plain.status == 2)
            #expect(plain.stderr.contains("OperationNotSupported"))
        }
    }
}
