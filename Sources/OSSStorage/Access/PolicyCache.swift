import OSSModel
import Synchronization

/// Parsed policy documents by their text, so a bucket policy or a user's policies are not
/// parsed again on every request. Parsing is a pure function of the text, so a cached
/// entry can never be stale: a changed policy is a different key. Bounded: the cache is
/// emptied when it reaches ``capacity`` entries.
final class PolicyCache: Sendable {
    static let shared = PolicyCache()
    let capacity = 1024
    private let entries = Mutex<[String: PolicyDocument?]>([:])

    /// How many texts are cached.
    var count: Int { entries.withLock { $0.count } }

    /// The parsed document, or nil when `text` is not a valid policy.
    func document(_ text: String) -> PolicyDocument? {
        if let cached = entries.withLock({ $0[text] }) { return cached }
        let parsed = try? PolicyDocument(text)
        entries.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[text] = .some(parsed)
        }
        return parsed
    }
}
