import Foundation
import OSSModel
import OSSStorage
import OSSTesting
import Synchronization
import Testing

@Suite("Restore and append")
struct RestoreAndAppendTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let current = Mutex(Date(timeIntervalSince1970: 1_700_000_000))
        var now: Date { current.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
    }

    static func withService(
        clock: ManualClock, restoreDelay: TimeInterval = 60, _ body: (ObjectService, BucketRecord) async throws -> Void
    ) async throws {
        try await TemporaryDirectory.with { dir in
            let service = ObjectService(
                metadata: InMemoryMetadataStore(), blobs: try FileBlobStore(root: dir),
                configuration: StorageConfiguration(inlineThreshold: 8, restoreDelay: restoreDelay, now: { clock.now }))
            try await service.createBucket(
                try BucketName("bkt"), acl: .private, storageClass: .standard, redundancy: "LRS", ownerID: "o")
            try await body(service, try await service.bucket("bkt"))
        }
    }

    static func data(_ service: ObjectService, _ bytes: [UInt8]) async throws -> UploadedData {
        let upload = try service.beginUpload(expectedLength: Int64(bytes.count))
        try upload.write(bytes)
        return try await upload.finish()
    }

    @Test func restoreGoesOngoingThenRestoredThenExpires() async throws {
        let clock = ManualClock()
        try await Self.withService(clock: clock) { service, bucket in
            _ = try await service.putObject(
                bucket: bucket, key: try ObjectKey("cold"), data: try await Self.data(service, [1, 2, 3]), expectedMD5: nil,
                options: WriteOptions(metadata: .plain("x"), storageClass: .coldArchive), ownerID: "o")
            var record = try await service.object(bucket: "bkt", key: "cold")
            #expect(!record.isReadable(at: clock.now))
            #expect(try await service.restore(record, days: 2) == .started)
            record = try await service.object(bucket: "bkt", key: "cold")
            #expect(record.restore?.isOngoing(at: clock.now) == true)
            await #expect(throws: OSSError.restoreAlreadyInProgress) { _ = try await service.restore(record, days: 2) }
            clock.advance(61)
            #expect(record.isReadable(at: clock.now))
            #expect(try await service.restore(record, days: 1) == .extended)
            record = try await service.object(bucket: "bkt", key: "cold")
            clock.advance(86_400 - 1)
            #expect(record.isReadable(at: clock.now))
            clock.advance(2)
            #expect(!record.isReadable(at: clock.now))
            #expect(try await service.restore(record, days: 1) == .started)
        }
    }

    @Test func restoreOfStandardObjectIsNotSupported() async throws {
        try await Self.withService(clock: ManualClock()) { service, bucket in
            let record = try await service.putObject(
                bucket: bucket, key: try ObjectKey("warm"), data: try await Self.data(service, [1]), expectedMD5: nil,
                options: WriteOptions(metadata: .plain("x")), ownerID: "o")
            await #expect(throws: OSSError.operationNotSupported) { _ = try await service.restore(record, days: 1) }
        }
    }

    @Test func appendsGrowInlineThenBySegmentsAndChainTheCRC() async throws {
        try await Self.withService(clock: ManualClock()) { service, bucket in
            let key = try ObjectKey("log")
            var all: [UInt8] = []
            var position: Int64 = 0
            for chunk in [[1, 2, 3], [4, 5], [6, 7, 8, 9, 10], [11], Array(repeating: UInt8(12), count: 20)]
                as [[UInt8]]
            {
                let record = try await service.append(
                    bucket: bucket, key: key, position: position, data: try await Self.data(service, chunk), expectedMD5: nil,
                    options: WriteOptions(metadata: .plain("text/plain")), ownerID: "o")
                all += chunk
                position = record.size
                #expect(record.crc64 == CRC64.checksum(all))
                #expect(record.kind == .appendable)
            }
            let stored = try await service.object(bucket: "bkt", key: "log")
            guard case .segments(let segments) = stored.body else {
                Issue.record("a grown appendable object is segmented")
                return
            }
            #expect(segments.map(\.size) == [5, 5, 1, 20])
            #expect(stored.size == Int64(all.count))
            await #expect(throws: OSSError.positionNotEqualToLength(Int64(all.count))) {
                _ = try await service.append(
                    bucket: bucket, key: key, position: 3, data: try await Self.data(service, [0]), expectedMD5: nil,
                    options: WriteOptions(metadata: .plain("x")), ownerID: "o")
            }
        }
    }

    @Test func concurrentAppendsAtOnePositionHaveOneWinner() async throws {
        try await Self.withService(clock: ManualClock()) { service, bucket in
            let key = try ObjectKey("race")
            _ = try await service.append(
                bucket: bucket, key: key, position: 0, data: try await Self.data(service, Array(repeating: 1, count: 20)),
                expectedMD5: nil, options: WriteOptions(metadata: .plain("x")), ownerID: "o")
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await service.append(
                                bucket: bucket, key: key, position: 20,
                                data: try await Self.data(service, Array(repeating: UInt8(writer), count: 30)),
                                expectedMD5: nil,
                                options: WriteOptions(metadata: .plain("x")), ownerID: "o")
                            return true
                        } catch let error as OSSError where error.code == "PositionNotEqualToLength" {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let stored = try await service.object(bucket: "bkt", key: "race")
            #expect(stored.size == 50)
        }
    }
}
