import OSSModel

/// The reference `MetadataStore`: everything in memory, nothing durable. Used by tests and
/// as the executable specification the SQL drivers are checked against.
public actor InMemoryMetadataStore: MetadataStore {
    private var buckets: [String: BucketRecord] = [:]
    /// Objects per bucket, keyed by the key's UTF-8 bytes.
    private var objects: [String: [[UInt8]: ObjectRecord]] = [:]
    private var uploads: [String: MultipartUpload] = [:]
    private var parts: [String: [Int: UploadedPart]] = [:]

    public init() {}

    public func createBucket(_ bucket: BucketRecord) async throws -> BucketCreation {
        if let existing = buckets[bucket.name] { return .alreadyExists(existing) }
        buckets[bucket.name] = bucket
        objects[bucket.name] = [:]
        return .created
    }

    public func bucket(named name: String) async throws -> BucketRecord? { buckets[name] }

    public func listBuckets(prefix: String, marker: String?, limit: Int) async throws -> [BucketRecord] {
        let sorted = buckets.values.filter { $0.name.hasPrefix(prefix) }.sorted { $0.name < $1.name }
        let after = sorted.filter { marker == nil || $0.name > marker! }
        return Array(after.prefix(limit))
    }

    public func setBucketACL(_ name: String, acl: BucketACL) async throws {
        guard buckets[name] != nil else { throw OSSError.noSuchBucket(name) }
        buckets[name]?.acl = acl
    }

    public func setBucketPolicy(_ name: String, policy: String?) async throws {
        guard buckets[name] != nil else { throw OSSError.noSuchBucket(name) }
        buckets[name]?.policy = policy
    }

    public func deleteBucket(_ name: String) async throws {
        guard buckets[name] != nil else { throw OSSError.noSuchBucket(name) }
        guard objects[name]?.isEmpty ?? true, !uploads.values.contains(where: { $0.bucket == name }) else {
            throw OSSError.bucketNotEmpty
        }
        buckets[name] = nil
        objects[name] = nil
    }

    public func object(bucket: String, key: String) async throws -> ObjectRecord? {
        objects[bucket]?[Array(key.utf8)]
    }

    public func putObject(_ record: ObjectRecord, condition: WriteCondition) async throws -> ReplacedObject? {
        guard objects[record.bucket] != nil else { throw OSSError.noSuchBucket(record.bucket) }
        let id = Array(record.key.utf8)
        let previous = objects[record.bucket]?[id]?.replaced
        try condition.check(existing: previous)
        objects[record.bucket]?[id] = record
        return previous
    }

    public func deleteObject(bucket: String, key: String) async throws -> ObjectRecord? {
        guard objects[bucket] != nil else { throw OSSError.noSuchBucket(bucket) }
        return objects[bucket]?.removeValue(forKey: Array(key.utf8))
    }

    public func setObjectACL(bucket: String, key: String, acl: ObjectACL) async throws {
        try modify(bucket: bucket, key: key) { $0.acl = acl }
    }

    public func setObjectTags(bucket: String, key: String, tags: ObjectTags) async throws {
        try modify(bucket: bucket, key: key) { $0.tags = tags }
    }

    public func listObjects(bucket: String, query: ObjectListQuery) async throws -> ObjectListPage {
        guard let entries = objects[bucket] else { throw OSSError.noSuchBucket(bucket) }
        let sorted = entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        return try await ObjectListing.page(query) { prefix, after, limit in
            var found: [ObjectSummary] = []
            for (id, record) in sorted where id.starts(with: prefix) {
                if let after, !after.lexicographicallyPrecedes(id) { continue }
                found.append(record.summary)
                if found.count == limit { break }
            }
            return found
        }
    }

    public func setObjectRestore(bucket: String, key: String, restore: RestoreState) async throws {
        try modify(bucket: bucket, key: key) { $0.restore = restore }
    }

    public func createUpload(_ upload: MultipartUpload) async throws {
        guard buckets[upload.bucket] != nil else { throw OSSError.noSuchBucket(upload.bucket) }
        uploads[upload.id] = upload
        parts[upload.id] = [:]
    }

    public func upload(bucket: String, id: String) async throws -> MultipartUpload? {
        uploads[id].flatMap { $0.bucket == bucket ? $0 : nil }
    }

    public func putPart(_ part: UploadedPart) async throws -> UploadedPart? {
        guard uploads[part.uploadID] != nil else { throw OSSError.noSuchUpload }
        let previous = parts[part.uploadID]?[part.number]
        parts[part.uploadID]?[part.number] = part
        return previous
    }

    public func parts(uploadID: String) async throws -> [UploadedPart] {
        (parts[uploadID] ?? [:]).values.sorted { $0.number < $1.number }
    }

    public func uploads(bucket: String, prefix: String) async throws -> [MultipartUpload] {
        uploads.values.filter { $0.bucket == bucket && $0.key.utf8.starts(with: prefix.utf8) }.sorted(
            by: UploadListing.precedes)
    }

    public func completeUpload(
        bucket: String, id: String, object: ObjectRecord, usedParts: [Int: String], condition: WriteCondition
    ) async throws -> (previous: ReplacedObject?, unusedParts: [UploadedPart]) {
        guard let upload = uploads[id], upload.bucket == bucket else { throw OSSError.noSuchUpload }
        for (number, blob) in usedParts where parts[id]?[number]?.blobID != blob { throw OSSError.invalidPart }
        let previous = try await putObject(object, condition: condition)
        let unused = (parts[id] ?? [:]).values.filter { usedParts[$0.number] == nil }
        uploads[id] = nil
        parts[id] = nil
        return (previous, unused.sorted { $0.number < $1.number })
    }

    public func abortUpload(bucket: String, id: String) async throws -> [UploadedPart] {
        guard let upload = uploads[id], upload.bucket == bucket else { throw OSSError.noSuchUpload }
        let removed = (parts[id] ?? [:]).values.sorted { $0.number < $1.number }
        uploads[id] = nil
        parts[id] = nil
        return removed
    }

    public func referencedBlobIDs() async throws -> Set<String> {
        var ids = Set<String>()
        for bucket in objects.values { for record in bucket.values { ids.formUnion(record.body.blobIDs) } }
        for upload in parts.values { for part in upload.values { ids.insert(part.blobID) } }
        return ids
    }

    private func modify(bucket: String, key: String, _ change: (inout ObjectRecord) -> Void) throws {
        guard objects[bucket] != nil else { throw OSSError.noSuchBucket(bucket) }
        let id = Array(key.utf8)
        guard var record = objects[bucket]?[id] else { throw OSSError.noSuchKey(key) }
        change(&record)
        objects[bucket]?[id] = record
    }
}
