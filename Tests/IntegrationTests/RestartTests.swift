import Foundation
import OSSModel
import OSSTesting
import Testing

@Suite("Restart and recovery")
struct RestartTests {
    @Test func acknowledgedWritesSurviveARestartAndOrphansAreSwept() async throws {
        try await TemporaryDirectory.with { dir in
            let small = Array("inline bytes".utf8)
            let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let first = try await LiveServer.start(dataDirectory: dir)
            #expect(try await SignedRequest("PUT", bucket: "bkt").send(to: first).status == 200)
            #expect(
                try await SignedRequest("PUT", bucket: "bkt", key: "small", body: small).send(to: first).status == 200)
            #expect(
                try await SignedRequest("PUT", bucket: "bkt", key: "large", body: large).send(to: first).status == 200)
            _ = try await SignedRequest(
                "PUT", bucket: "bkt", key: "link", query: "symlink", headers: [("x-oss-symlink-target", "large")]
            ).send(to: first)
            await first.stop()

            // What a crash mid-upload leaves: a temp file, and a blob renamed into place whose
            // metadata commit never happened.
            let objects = dir + "/objects"
            FileManager.default.createFile(atPath: objects + "/tmp/deadbeef.part", contents: Data([1]))
            let shard = objects + "/blobs/ff"
            try FileManager.default.createDirectory(atPath: shard, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: shard + "/ff000000000000000000000000000000", contents: Data([2]))

            let second = try await LiveServer.start(dataDirectory: dir)
            #expect(second.swept == 2)
            #expect(try await SignedRequest("GET", bucket: "bkt", key: "small").send(to: second).body == small)
            #expect(try await SignedRequest("GET", bucket: "bkt", key: "large").send(to: second).body == large)
            #expect(try await SignedRequest("GET", bucket: "bkt", key: "link").send(to: second).body == large)
            await second.stop()
        }
    }
}
