import Foundation
import OSSModel
import OSSStorage
import OSSTesting
import Testing

@Suite("FileBlobStore")
struct FileBlobStoreTests {
    func files(in dir: String) -> [String] {
        (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []).filter {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: dir + "/" + $0, isDirectory: &isDir)
            return !isDir.boolValue
        }
    }

    @Test func commitMovesTheTempFileIntoPlace() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try FileBlobStore(root: dir)
            let writer = try store.makeWriter()
            try Array("payload".utf8).withUnsafeBytes { try writer.write($0) }
            #expect(files(in: dir + "/tmp").count == 1)
            let id = try await writer.commit()
            #expect(files(in: dir + "/tmp").isEmpty)
            #expect(try String(contentsOfFile: store.path(for: id), encoding: .utf8) == "payload")
        }
    }

    /// Many more bytes than the write-behind buffers hold, each chunk after `room()`: no
    /// wake-up is lost (the time limit turns a hang into a failure) and every byte lands
    /// in order.
    @Test(.timeLimit(.minutes(1))) func writesThatWaitForRoomArriveWholeAndInOrder() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try FileBlobStore(root: dir)
            let writer = try store.makeWriter()
            var expected: [UInt8] = []
            for index in 0..<96 {
                let chunk = [UInt8](repeating: UInt8(index), count: 700_000 + index)
                await writer.room()
                try chunk.withUnsafeBytes { try writer.write($0) }
                expected += chunk
            }
            let id = try await writer.commit()
            let stored = try #require(FileManager.default.contents(atPath: store.path(for: id)))
            #expect(stored.count == expected.count)
            #expect(Array(stored) == expected)
        }
    }

    @Test func abortLeavesNothing() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try FileBlobStore(root: dir)
            let writer = try store.makeWriter()
            try Array("x".utf8).withUnsafeBytes { try writer.write($0) }
            writer.abort()
            #expect(files(in: dir).isEmpty)
        }
    }

    @Test func cloneIsAnIndependentCopy() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try FileBlobStore(root: dir)
            let writer = try store.makeWriter()
            try Array("shared bytes".utf8).withUnsafeBytes { try writer.write($0) }
            let id = try await writer.commit()
            let copy = try await store.clone(id)
            #expect(copy != id)
            store.delete(id)
            #expect(try String(contentsOfFile: store.path(for: copy), encoding: .utf8) == "shared bytes")
        }
    }

    @Test func sweepRemovesTempFilesAndUnreferencedBlobs() async throws {
        try await TemporaryDirectory.with { dir in
            let store = try FileBlobStore(root: dir)
            var ids: [String] = []
            for _ in 0..<3 {
                let writer = try store.makeWriter()
                try Array("b".utf8).withUnsafeBytes { try writer.write($0) }
                ids.append(try await writer.commit())
            }
            let crashed = try store.makeWriter()
            try Array("torn".utf8).withUnsafeBytes { try crashed.write($0) }
            let keep = ids[1]
            let removed = try await store.sweep(olderThan: 0) { $0 == keep }
            #expect(try await store.sweep(olderThan: 3600) { _ in false } == 0)
            #expect(removed == 3)
            #expect(files(in: dir).map { ($0 as NSString).lastPathComponent } == [keep])
            crashed.abort()
        }
    }
}
