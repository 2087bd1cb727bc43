import GRDB
import OSSModel
import Testing

@testable import OSSMetadataSQLite

@Suite("GroupCommitter.Savepoint")
struct GroupCommitterSavepointTests {
    private struct Refused: Error {}

    /// One item's failure undoes that item's statements only, inside one transaction, and
    /// the savepoint can be reused by the items after it.
    @Test func aFailedItemRollsBackAloneAndTheOthersCommit() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY)") }
        let outcomes = try queue.write { db in
            let savepoint = try GroupCommitter.Savepoint(db)
            return try [1, 2, 3, 4].map { id in
                try savepoint.run { db in
                    try db.execute(sql: "INSERT INTO t (id) VALUES (?)", arguments: [id])
                    if id.isMultiple(of: 2) { throw Refused() }
                }
            }
        }
        #expect(outcomes.map { (try? $0.get()) != nil } == [true, false, true, false])
        #expect(outcomes.allSatisfy { outcome in
            guard case .failure(let error) = outcome else { return true }
            return error is Refused
        })
        let ids = try queue.read { db in try Int.fetchAll(db, sql: "SELECT id FROM t ORDER BY id") }
        #expect(ids == [1, 3])
    }

    /// An item's full-disk error is its own OSS error, `InsufficientStorage`.
    @Test func aFullDiskIsReportedAsInsufficientStorage() throws {
        let queue = try DatabaseQueue()
        let outcome = try queue.write { db in
            try GroupCommitter.Savepoint(db).run { _ in throw DatabaseError(resultCode: .SQLITE_FULL) }
        }
        guard case .failure(let error) = outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect((error as? OSSError)?.code == "InsufficientStorage")
    }

    /// When SQLite has rolled the whole transaction back under an item, the earlier items
    /// are gone too: the item's error ends the batch instead of becoming one outcome.
    @Test func anItemWhoseErrorEndedTheTransactionFailsTheBatch() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY)") }
        #expect(throws: Refused.self) {
            try queue.write { db in
                let savepoint = try GroupCommitter.Savepoint(db)
                _ = try savepoint.run { db in try db.execute(sql: "INSERT INTO t (id) VALUES (1)") }
                _ = try savepoint.run { db in
                    try db.execute(sql: "ROLLBACK")
                    throw Refused()
                }
            }
        }
        let count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") }
        #expect(count == 0)
    }
}
