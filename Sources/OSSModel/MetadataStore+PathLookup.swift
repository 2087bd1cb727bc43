extension MetadataStore {
    /// The bucket, the record at `key` and (with `followLink`, for a link) its target's
    /// record, read one after another. Drivers that can read them in one snapshot and
    /// one round trip override this.
    public func lookup(bucket name: String, key: String, followLink: Bool) async throws -> PathLookup {
        guard let bucket = try await bucket(named: name) else {
            return PathLookup(bucket: nil, object: nil, target: nil)
        }
        let record = try await object(bucket: name, key: key)
        var target: ObjectRecord?
        if followLink, let record, record.kind == .symlink, let targetKey = record.symlinkTarget {
            target = try await object(bucket: name, key: targetKey)
        }
        return PathLookup(bucket: bucket, object: record, target: target)
    }
}
