import OSSClient
import OSSWire

/// Deletes every object under a prefix, 1000 keys per DeleteMultipleObjects call, and
/// counts the keys the service refused.
struct ObjectRemover {
    let client: OSSClient

    /// Deletes the keys under `prefix` accepted by `include`.
    ///
    /// - Returns: how many were deleted and how many failed.
    func removeAll(bucket: String, prefix: String, include: (String) -> Bool = { _ in true }) async throws
        -> (deleted: Int, failed: Int)
    {
        var deleted = 0
        var failed = 0
        var batch: [String] = []
        func flush() async throws {
            guard !batch.isEmpty else { return }
            let response = try await client.deleteObjects(bucket, keys: batch, quiet: true)
            let refused = (try? XMLDocumentParser.parse(response.body))?.children("Error").count ?? 0
            failed += refused
            deleted += batch.count - refused
            batch.removeAll()
        }
        // Collect first: deleting while paging would shift continuation tokens.
        var keys: [String] = []
        try await client.listAllObjects(bucket, prefix: prefix) { page in
            keys += page.entries.map(\.key).filter(include)
            return true
        }
        for key in keys {
            batch.append(key)
            if batch.count == 1000 { try await flush() }
        }
        try await flush()
        return (deleted, failed)
    }
}
