import Crypto
import Foundation
import OSSModel

/// Multipart uploads: parts stream into blobs of their own; completion turns the chosen
/// parts into the object's segments in one metadata transaction, without copying bytes.
public struct MultipartService: Sendable {
    public let objects: ObjectService
    /// The smallest size of every part but the last (OSS: 100 KiB).
    public static let minimumPartSize: Int64 = 100 * 1024
    public static let maxPartNumber = 10_000

    public init(objects: ObjectService) {
        self.objects = objects
    }

    /// Starts an upload for `key` with the settings its object will get.
    public func initiate(bucket: BucketRecord, key: ObjectKey, options: WriteOptions, ownerID: String) async throws
        -> MultipartUpload
    {
        var id = ""
        for _ in 0..<2 { id += String(format: "%016llX", UInt64.random(in: 0...UInt64.max)) }
        let upload = MultipartUpload(
            id: id, bucket: bucket.name, key: key.value, initiated: objects.configuration.now(),
            metadata: options.metadata, acl: options.acl, storageClass: options.storageClass ?? bucket.storageClass,
            tags: options.tags, forbidOverwrite: options.condition == .mustNotExist, ownerID: ownerID)
        try await objects.metadata.createUpload(upload)
        return upload
    }

    /// The upload `id` in `bucket`; throws `NoSuchUpload`.
    public func upload(bucket: String, id: String) async throws -> MultipartUpload {
        guard let upload = try await objects.metadata.upload(bucket: bucket, id: id) else {
            throw OSSError.noSuchUpload
        }
        return upload
    }

    /// Stores part `number` from `data` (which must be a blob: `finish(asBlob: true)`).
    /// Throws `InvalidDigest`, `NoSuchUpload`; a replaced part's blob is released.
    public func uploadPart(
        _ upload: MultipartUpload, number: Int, data: UploadedData, expectedMD5: [UInt8]?
    ) async throws -> UploadedPart {
        guard case .blob(let writer) = data.storage else { throw OSSError.internalError }
        if let expectedMD5, expectedMD5 != data.md5 {
            writer.abort()
            throw OSSError.invalidDigest
        }
        let blob: String
        do {
            blob = try await writer.commit()
        } catch {
            writer.abort()
            throw error
        }
        let part = UploadedPart(
            uploadID: upload.id, number: number, blobID: blob, size: data.size, etag: ObjectService.hexETag(data.md5),
            crc64: data.crc64, lastModified: objects.configuration.now())
        do {
            if let replaced = try await objects.metadata.putPart(part) { objects.blobs.delete(replaced.blobID) }
        } catch {
            objects.blobs.delete(blob)
            throw error
        }
        return part
    }

    /// Completes `upload` with `chosen` parts (number and ETag, in the request's order), or
    /// every uploaded part when `chosen` is nil (`x-oss-complete-all: yes`).
    /// - Throws: `InvalidPartOrder`, `InvalidPart`, `EntityTooSmall`, `FileAlreadyExists`
    ///   (forbid-overwrite from the initiate request), `NoSuchUpload`.
    /// - Parameter forbidOverwrite: `x-oss-forbid-overwrite` on the complete request; the
    ///   initiate request's value applies too.
    public func complete(
        _ upload: MultipartUpload, bucket: BucketRecord, chosen: [(number: Int, etag: String)]?,
        forbidOverwrite: Bool = false
    ) async throws -> ObjectRecord {
        let stored = try await objects.metadata.parts(uploadID: upload.id)
        let byNumber = Dictionary(stored.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        var used: [UploadedPart] = []
        if let chosen {
            guard !chosen.isEmpty else { throw OSSError.malformedXML() }
            var last = 0
            for item in chosen {
                guard item.number > last else { throw OSSError.invalidPartOrder }
                last = item.number
                let wanted = item.etag.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
                guard let part = byNumber[item.number], part.etag.caseInsensitiveCompare(wanted) == .orderedSame else {
                    throw OSSError.invalidPart
                }
                used.append(part)
            }
        } else {
            used = stored
            guard !used.isEmpty else { throw OSSError.invalidPart }
        }
        for part in used.dropLast() where part.size < Self.minimumPartSize { throw OSSError.entityTooSmall }

        var crc = used[0].crc64
        for part in used.dropFirst() { crc = CRC64.combine(crc, part.crc64, length2: UInt64(part.size)) }
        let etagDigest = Array(Insecure.MD5.hash(data: Array(used.map(\.etag).joined().utf8)))
        let record = ObjectRecord(
            bucket: bucket.name, key: upload.key, kind: .multipart, size: used.reduce(0) { $0 + $1.size },
            etag: ObjectService.hexETag(etagDigest) + "-\(used.count)", contentMD5: nil, crc64: crc,
            lastModified: objects.configuration.now(), storageClass: upload.storageClass, acl: upload.acl,
            metadata: upload.metadata, tags: upload.tags, symlinkTarget: nil,
            body: .segments(used.map { BlobSegment(id: $0.blobID, size: $0.size) }), ownerID: upload.ownerID)
        let (previous, unused) = try await objects.metadata.completeUpload(
            bucket: bucket.name, id: upload.id, object: record,
            usedParts: Dictionary(used.map { ($0.number, $0.blobID) }, uniquingKeysWith: { a, _ in a }),
            condition: upload.forbidOverwrite || forbidOverwrite ? .mustNotExist : .overwrite)
        objects.release(previous, keeping: record)
        for part in unused { objects.blobs.delete(part.blobID) }
        return record
    }

    /// Aborts `id`, releasing its parts' blobs. Throws `NoSuchUpload`.
    public func abort(bucket: String, id: String) async throws {
        for part in try await objects.metadata.abortUpload(bucket: bucket, id: id) { objects.blobs.delete(part.blobID) }
    }
}
