import OSSModel
import Synchronization

/// The bucket and object records the point reads return, kept in memory between writes
/// so a GET or HEAD of a key read before does not step SQLite again.
///
/// Safe because the embedded store has one writer, this process, and every write tells
/// the cache what it changed once it is durable and before its caller resumes (see
/// ``GroupCommitter``): a read that follows an acknowledged write never sees what it
/// replaced. A read that raced a commit must not put back what the commit replaced, so a
/// read notes the ``generation`` before it asks SQLite and stores its answer only when no
/// commit finished in between (each finished commit advances the generation before it
/// removes its keys, under the same shard lock as the store).
///
/// Records missing from the database are cached too (a known 404). Memory is bounded by
/// `budget` bytes (approximate: keys, strings, inline bodies); past it the oldest entries go.
final class RecordCache: Sendable {
    /// What a committed write changed.
    enum Touch: Sendable {
        case object(bucket: String, key: String)
        case bucket(String)
        /// Nothing a point read returns (uploads, parts, users).
        case nothing
        /// Unknown: drop every entry.
        case everything
    }

    /// Keys compare by their bytes, as the database does (see ``ByteString``).
    private enum Key: Hashable, Sendable {
        case object(bucket: ByteString, key: ByteString)
        case bucket(ByteString)
    }

    private enum Value: Sendable {
        case object(ObjectRecord?)
        case bucket(BucketRecord?)
    }

    private struct Entry: Sendable {
        let value: Value
        let cost: Int
        let sequence: UInt64
    }

    /// One lock's worth of entries, evicted oldest first.
    private struct Shard: Sendable {
        var entries: [Key: Entry] = [:]
        /// Insertion order, for eviction; stale slots (entries replaced or removed since) are
        /// skipped by their sequence number.
        var order: [(key: Key, sequence: UInt64)] = []
        var head = 0
        var bytes = 0
        var nextSequence: UInt64 = 0

        /// Stores `value` at `key`, evicting the oldest entries to stay within `budget`.
        mutating func store(_ value: Value, at key: Key, cost: Int, budget: Int) {
            remove(key)
            while bytes + cost > budget, head < order.count {
                let oldest = order[head]
                head += 1
                if entries[oldest.key]?.sequence == oldest.sequence { remove(oldest.key) }
            }
            if order.count - head > 2 * entries.count + 1024 {
                // Mostly stale slots (keys rewritten or invalidated): keep the live ones.
                order = order[head...].filter { entries[$0.key]?.sequence == $0.sequence }
                head = 0
            } else if head > 1024, head * 2 > order.count {
                order.removeFirst(head)
                head = 0
            }
            nextSequence += 1
            entries[key] = Entry(value: value, cost: cost, sequence: nextSequence)
            order.append((key, nextSequence))
            bytes += cost
        }

        mutating func remove(_ key: Key) {
            if let old = entries.removeValue(forKey: key) { bytes -= old.cost }
        }
    }

    /// A shard behind its own lock (a class: `Mutex` cannot sit in an array).
    private final class Locked: Sendable {
        let shard = Mutex(Shard())
    }

    private let shards: [Locked]
    private let shardBudget: Int
    private let commits = Atomic<UInt64>(0)

    /// - Parameter budget: bytes the entries may take in all; 0 caches nothing.
    init(budget: Int, shards count: Int = 8) {
        shards = (0..<max(1, count)).map { _ in Locked() }
        shardBudget = budget / max(1, count)
    }

    /// The number of commits that have finished; pass it to the inserts of a read begun now.
    func generation() -> UInt64 { commits.load(ordering: .acquiring) }

    /// The cached record at `key`: nil when not cached, `.some(nil)` when known missing.
    func object(bucket: String, key: String) -> ObjectRecord?? {
        guard case .object(let record) = cached(.object(bucket: ByteString(bucket), key: ByteString(key))) else { return nil }
        return .some(record)
    }

    /// The cached bucket named `name`: nil when not cached, `.some(nil)` when known missing.
    func bucket(_ name: String) -> BucketRecord?? {
        guard case .bucket(let record) = cached(.bucket(ByteString(name))) else { return nil }
        return .some(record)
    }

    /// Stores what a read begun at generation `readAt` found at `key`, unless a commit
    /// finished since.
    func insert(bucket: String, key: String, _ record: ObjectRecord?, readAt: UInt64) {
        let cost = 160 + bucket.utf8.count + key.utf8.count + (record.map(Self.cost) ?? 0)
        insert(.object(record), at: .object(bucket: ByteString(bucket), key: ByteString(key)), cost: cost, readAt: readAt)
    }

    /// Stores what a read begun at generation `readAt` found for bucket `name`, unless a
    /// commit finished since.
    func insert(bucket name: String, _ record: BucketRecord?, readAt: UInt64) {
        let cost = 160 + name.utf8.count + (record?.policy?.utf8.count ?? 0)
        insert(.bucket(record), at: .bucket(ByteString(name)), cost: cost, readAt: readAt)
    }

    /// Called once a commit is durable, before any of its writers resumes.
    func committed(_ touches: [Touch]) {
        commits.add(1, ordering: .acquiringAndReleasing)
        guard shardBudget > 0 else { return }
        for touch in touches {
            let key: Key
            switch touch {
            case .nothing: continue
            case .object(let bucket, let name): key = .object(bucket: ByteString(bucket), key: ByteString(name))
            case .bucket(let name): key = .bucket(ByteString(name))
            case .everything:
                for locked in shards { locked.shard.withLock { $0 = Shard() } }
                return
            }
            shard(key).shard.withLock { $0.remove(key) }
        }
    }

    /// The bytes the entries take now (for tests).
    var bytes: Int { shards.reduce(0) { total, locked in total + locked.shard.withLock { $0.bytes } } }

    private func cached(_ key: Key) -> Value? {
        guard shardBudget > 0 else { return nil }
        return shard(key).shard.withLock { $0.entries[key]?.value }
    }

    private func insert(_ value: Value, at key: Key, cost: Int, readAt: UInt64) {
        guard shardBudget > 0, cost <= shardBudget / 4 else { return }
        shard(key).shard.withLock { shard in
            guard commits.load(ordering: .acquiring) == readAt else { return }
            shard.store(value, at: key, cost: cost, budget: shardBudget)
        }
    }

    private func shard(_ key: Key) -> Locked {
        shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
    }

    private static func cost(_ record: ObjectRecord) -> Int {
        var total = 256 + record.etag.utf8.count + record.metadata.contentType.utf8.count
        if case .inline(let bytes) = record.body { total += bytes.count }
        if case .segments(let segments) = record.body { total += segments.count * 48 }
        for entry in record.metadata.user { total += 32 + entry.name.utf8.count + entry.value.utf8.count }
        for tag in record.tags.tags { total += 32 + tag.key.utf8.count + tag.value.utf8.count }
        return total + (record.symlinkTarget?.utf8.count ?? 0)
    }
}
