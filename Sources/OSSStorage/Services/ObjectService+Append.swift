import Crypto
import Foundation
import OSSModel

extension ObjectService {
    /// AppendObject: adds `data` at `position` to the Appendable object at `key`, creating
    /// it at position 0. Existing bytes are never rewritten: a small object stays inline
    /// while it fits, a larger one grows by one blob segment per append.
    ///
    /// - Parameter options: applied only when the append creates the object.
    /// - Throws: `ObjectNotAppendable`, `PositionNotEqualToLength` (checked again inside the
    ///   commit, so concurrent appends at one position have one winner), `InvalidDigest`.
    public func append(
        bucket: BucketRecord, key: ObjectKey, position: Int64, data: UploadedData, expectedMD5: [UInt8]?,
        options: WriteOptions, ownerID: String
    ) async throws -> ObjectRecord {
        var newBlob: String?
        do {
            if let expectedMD5, expectedMD5 != data.md5 { throw OSSError.invalidDigest }
            let existing = try await metadata.object(bucket: bucket.name, key: key.value)
            try WriteCondition.appendAt(position).check(existing: existing?.replaced)
            if data.size == 0, let existing {
                if case .blob(let writer) = data.storage { writer.abort() }
                return existing
            }
            let previousBody = existing?.body ?? .empty
            let total = position + data.size
            var body: ObjectBody
            var shared = Set(previousBody.blobIDs)
            if case .inline(let bytes) = data.storage, total <= Int64(configuration.inlineThreshold) {
                switch previousBody {
                case .inline(let old): body = .inline(old + bytes)
                default: body = .inline(bytes)
                }
            } else {
                var segments: [BlobSegment]
                switch previousBody {
                case .empty: segments = []
                case .inline(let old):
                    segments = [BlobSegment(id: try await writeBlob(old), size: Int64(old.count))]
                    newBlob = segments[0].id
                    shared = []
                case .blob(let id): segments = [BlobSegment(id: id, size: existing?.size ?? 0)]
                case .segments(let list): segments = list
                }
                let id: String
                switch data.storage {
                case .inline(let bytes): id = try await writeBlob(bytes)
                case .blob(let writer): id = try await writer.commit()
                }
                segments.append(BlobSegment(id: id, size: data.size))
                body = .segments(segments)
            }
            let crc =
                existing.flatMap { $0.crc64 }.map { CRC64.combine($0, data.crc64, length2: UInt64(data.size)) }
                ?? data.crc64
            let etagSeed = Array(((existing?.etag ?? "") + ObjectService.hexETag(data.md5)).utf8)
            var record =
                existing
                ?? ObjectRecord(
                    bucket: bucket.name, key: key.value, kind: .appendable, size: 0, etag: "", contentMD5: nil,
                    crc64: nil,
                    lastModified: configuration.now(), storageClass: options.storageClass ?? bucket.storageClass,
                    acl: options.acl, metadata: options.metadata, tags: options.tags, symlinkTarget: nil, body: .empty,
                    ownerID: ownerID)
            record.size = total
            record.crc64 = crc
            record.etag = ObjectService.hexETag(Array(Insecure.MD5.hash(data: etagSeed)))
            record.lastModified = configuration.now()
            record.body = body
            return try await commit(record, condition: .appendAt(position), keepOnFailure: shared)
        } catch {
            if case .blob(let writer) = data.storage { writer.abort() }
            if let newBlob { blobs.delete(newBlob) }
            throw error
        }
    }

    /// Writes `bytes` to a new durable blob.
    func writeBlob(_ bytes: [UInt8]) async throws -> String {
        let writer = try blobs.makeWriter()
        do {
            try bytes.withUnsafeBytes { try writer.write($0) }
            return try await writer.commit()
        } catch {
            writer.abort()
            throw error
        }
    }
}
