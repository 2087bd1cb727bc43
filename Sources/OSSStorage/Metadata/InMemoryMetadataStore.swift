import OSSModel

/// The reference `MetadataStore`: everything in memory, nothing durable. Used by tests and
/// as the executable specification the SQL drivers are checked against.
public actor InMemoryMetadataStore: MetadataStore {
    private var buckets: [String: BucketRecord] = [:]
    /// Objects per bucket, keyed by the key's UTF-8 bytes.
    private var objects: [String: [[UInt8]: ObjectRecord]] = [:]

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

    public func deleteBucket(_ name: String) async throws {
        guard buckets[name] != nil else { throw OSSError.noSuchBucket(name) }
        guard objects[name]?.isEmpty ?? true else { throw OSSError.bucketNotEmpty }
        buckets[name] = nil
        objects[name] = nil
    }

    public func object(bucket: String, key: String) async throws -> ObjectRecord? {
        objects[bucket]?[Array(key.utf8)]
    }

    public func putObject(_ record: ObjectRecord, condition: WriteCondition) async throws -> ObjectRecord? {
        guard objects[record.bucket] != nil else { throw OSSError.noSuchBucket(record.bucket) }
        let id = Array(record.key.utf8)
        let previous = objects[record.bucket]?[id]
        if condition == .mustNotExist, previous != nil { throw OSSError.fileAlreadyExists }
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

    public func isBlobReferenced(_ id: String) async throws -> Bool {
        objects.values.contains { $0.values.contains { $0.body.blobID == id } }
    }

    private func modify(bucket: String, key: String, _ change: (inout ObjectRecord) -> Void) throws {
        guard objects[bucket] != nil else { throw OSSError.noSuchBucket(bucket) }
        let id = Array(key.utf8)
        guard var record = objects[bucket]?[id] else { throw OSSError.noSuchKey(key) }
        change(&record)
        objects[bucket]?[id] = record
    }
}
