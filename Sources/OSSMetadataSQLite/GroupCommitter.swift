import GRDB
import OSSModel
import Synchronization

/// Batches concurrent writes into one SQLite transaction: one durable commit (one fsync of
/// the WAL) acknowledges every write that was waiting when the previous commit finished.
///
/// Each write runs inside its own savepoint, so a write that throws (for example a
/// forbid-overwrite conflict) is rolled back alone and reports its own error, while the
/// others in the batch still commit. A caller is resumed only after the commit returned and
/// the ``RecordCache`` has dropped what the batch changed.
final class GroupCommitter: Sendable {
    private struct Pending: Sendable {
        let work: @Sendable (Database) throws -> Void
        let touch: RecordCache.Touch
        let finish: @Sendable (Result<Void, any Error>) -> Void
    }

    private struct State {
        var queue: [Pending] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    private let cache: RecordCache
    private let state = Mutex(State())
    /// The most writes folded into one transaction.
    private let maxBatch: Int

    init(writer: any DatabaseWriter, cache: RecordCache, maxBatch: Int = 256) {
        self.writer = writer
        self.cache = cache
        self.maxBatch = maxBatch
    }

    /// Runs `work` in the next batch and returns its value once the batch is durable.
    ///
    /// - Parameter touching: what `work` may change among the records point reads return
    ///   (the cache drops it after the commit); by default everything.
    func write<T: Sendable>(
        touching touch: RecordCache.Touch = .everything, _ work: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        let box = Mutex<T?>(nil)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let pending = Pending(
                work: { db in
                    let value = try work(db)
                    box.withLock { $0 = value }
                },
                touch: touch,
                finish: { continuation.resume(with: $0) })
            let startDrain = state.withLock { state -> Bool in
                state.queue.append(pending)
                if state.draining { return false }
                state.draining = true
                return true
            }
            // Not tied to the caller's task: a cancelled request must not cancel a batch that
            // carries other callers' writes.
            if startDrain { commitNextBatch() }
        }
        guard let value = box.withLock({ $0 }) else { throw CancellationError() }
        return value
    }

    /// A full disk is an OSS error the client understands, not an internal one.
    static func translate(_ error: any Error) -> any Error {
        if let database = error as? DatabaseError, database.resultCode == .SQLITE_FULL {
            return OSSError.insufficientStorage
        }
        return error
    }

    /// Takes up to ``maxBatch`` queued writes and commits them in one transaction on the
    /// writer's queue; when the commit returns, resumes their callers and goes on with what
    /// queued meanwhile, until the queue is empty. The loop stays on the writer's dispatch
    /// queue: no task or executor hop between one commit and the next.
    private func commitNextBatch() {
        let batch = state.withLock { state -> [Pending] in
            let taken = Array(state.queue.prefix(maxBatch))
            state.queue.removeFirst(taken.count)
            if taken.isEmpty { state.draining = false }
            return taken
        }
        if batch.isEmpty { return }
        writer.asyncWrite(
            { db in
                let savepoint = try Savepoint(db)
                return try batch.map { item in try savepoint.run(item.work) }
            },
            completion: { _, result in
                self.cache.committed(batch.map(\.touch))
                switch result {
                case .success(let outcomes):
                    for (item, outcome) in zip(batch, outcomes) { item.finish(outcome) }
                case .failure(let error):
                    let failure = Self.translate(error)
                    for item in batch { item.finish(.failure(failure)) }
                }
                self.commitNextBatch()
            })
    }
}
