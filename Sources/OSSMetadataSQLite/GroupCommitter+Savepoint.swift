import GRDB

extension GroupCommitter {
    /// One batch item's savepoint inside the batch's transaction, from statements prepared
    /// once per connection. (`Database.inSavepoint` compiles its `SAVEPOINT` and `RELEASE`
    /// text again for every item.)
    struct Savepoint {
        private let db: Database
        private let begin: Statement
        private let release: Statement
        private let rollback: Statement

        /// Must be created inside the batch's transaction.
        init(_ db: Database) throws {
            self.db = db
            begin = try db.cachedStatement(sql: "SAVEPOINT batch_item")
            release = try db.cachedStatement(sql: "RELEASE SAVEPOINT batch_item")
            rollback = try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT batch_item")
        }

        /// Runs `work` inside the savepoint: kept when it returns, rolled back alone when it
        /// throws, and the item's error is its outcome.
        ///
        /// - Throws: `work`'s error when SQLite rolled the whole transaction back, or the
        ///   savepoint's own; the batch then fails as a whole.
        func run(_ work: (Database) throws -> Void) throws -> Result<Void, any Error> {
            try begin.execute()
            do {
                try work(db)
            } catch {
                // SQLite rolls the whole transaction back on some errors (a full disk, for
                // one): the items before this one are gone too, so the batch fails with it.
                guard db.isInsideTransaction else { throw error }
                try rollback.execute()
                try release.execute()
                return .failure(GroupCommitter.translate(error))
            }
            try release.execute()
            return .success(())
        }
    }
}
