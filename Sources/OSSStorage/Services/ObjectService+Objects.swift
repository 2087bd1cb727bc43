import Foundation
import OSSModel

extension ObjectService {
    /// Stores the bytes of `upload` as a Normal object at `key`.
    ///
    /// - Parameter expectedMD5: the decoded `Content-MD5`, checked before anything is stored
    ///   (`400 InvalidDigest`).
    /// - Returns: the stored record.
    /// - Throws: `NoSuchBucket`, `InvalidDigest`, `FileAlreadyExists`, I/O errors. On any
    ///   failure nothing is stored and the temp file is removed.
    public func putObject(
        bucket: BucketRecord, key: ObjectKey, data: UploadedData, expectedMD5: [UInt8]?, options: WriteOptions,
        ownerID: String
    ) async throws -> ObjectRecord {
        if let expectedMD5, expectedMD5 != data.md5 {
            if case .blob(let writer) = data.storage { writer.abort() }
            throw OSSError.invalidDigest
        }
        let body: ObjectBody
        switch data.storage {
        case .inline(let bytes): body = bytes.isEmpty ? .empty : .inline(bytes)
        case .blob(let writer):
            do {
                body = .blob(try await writer.commit())
            } catch {
                writer.abort()
                throw error
            }
        }
        let record = ObjectRecord(
            bucket: bucket.name, key: key.value, kind: .normal, size: data.size,
            etag: ObjectService.hexETag(data.md5), contentMD5: Data(data.md5).base64EncodedString(),
            crc64: data.crc64, lastModified: configuration.now(),
            storageClass: options.storageClass ?? bucket.storageClass, acl: options.acl,
            metadata: options.metadata, tags: options.tags, symlinkTarget: nil, body: body, ownerID: ownerID)
        return try await commit(record, condition: options.condition)
    }

    /// Commits `record`, releasing its new blobs if the commit fails and the replaced
    /// record's blobs (those the new record does not share) once it succeeds.
    /// - Parameter keepOnFailure: blobs that must survive a failed commit (segments that
    ///   the record shares with an existing object).
    func commit(_ record: ObjectRecord, condition: WriteCondition, keepOnFailure: Set<String> = [])
        async throws -> ObjectRecord
    {
        let previous: ReplacedObject?
        do {
            previous = try await metadata.putObject(record, condition: condition)
        } catch {
            for id in record.body.blobIDs where !keepOnFailure.contains(id) { blobs.delete(id) }
            throw error
        }
        release(previous, keeping: record)
        return record
    }

    /// Releases the blobs of `old` that `new` does not refer to.
    func release(_ old: ReplacedObject?, keeping new: ObjectRecord? = nil) {
        guard let old else { return }
        let kept = Set(new?.body.blobIDs ?? [])
        for id in old.blobIDs where !kept.contains(id) { blobs.delete(id) }
    }

    /// The record at `key` as stored (a link is not followed). Throws `NoSuchKey`.
    public func object(bucket: String, key: String) async throws -> ObjectRecord {
        guard let record = try await metadata.object(bucket: bucket, key: key) else { throw OSSError.noSuchKey(key) }
        return record
    }

    /// Deletes the object at `key` (a link, not its target). Deleting nothing succeeds.
    public func deleteObject(bucket: String, key: String) async throws {
        release(try await metadata.deleteObject(bucket: bucket, key: key)?.replaced)
    }

    /// Copies `source` to `key` in `bucket`. A link is copied as a link; data is copied
    /// without re-reading it (a blob is cloned, inline bytes are duplicated).
    public func copyObject(
        _ source: ObjectRecord, to bucket: BucketRecord, key: ObjectKey, options: WriteOptions, ownerID: String
    ) async throws -> ObjectRecord {
        var body = source.body
        switch source.body {
        case .empty, .inline: break
        case .blob(let id): body = .blob(try await blobs.clone(id))
        case .segments(let segments):
            var copies: [BlobSegment] = []
            do {
                for segment in segments {
                    copies.append(BlobSegment(id: try await blobs.clone(segment.id), size: segment.size))
                }
            } catch {
                for copy in copies { blobs.delete(copy.id) }
                throw error
            }
            body = .segments(copies)
        }
        var kind = source.kind
        if kind == .appendable { kind = .normal }
        let record = ObjectRecord(
            bucket: bucket.name, key: key.value, kind: kind, size: source.size, etag: source.etag,
            contentMD5: source.contentMD5, crc64: source.crc64, lastModified: configuration.now(),
            storageClass: options.storageClass ?? bucket.storageClass, acl: options.acl,
            metadata: options.metadata, tags: options.tags, symlinkTarget: source.symlinkTarget, body: body,
            ownerID: ownerID)
        return try await commit(record, condition: options.condition)
    }

    /// Deletes a bucket that holds no objects. Throws `NoSuchBucket`, `BucketNotEmpty`.
    public func deleteBucket(_ name: String) async throws {
        try await metadata.deleteBucket(name)
    }
}
