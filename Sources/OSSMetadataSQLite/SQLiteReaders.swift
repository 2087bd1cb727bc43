import Foundation
import GRDB
import Synchronization

/// Read-only connections to the store's database, one per core, each taken by one thread
/// at a time with an atomic flag: the point reads of GET and HEAD run on whichever event
/// loop thread received the request, and a shared pool would make those threads queue on
/// its locks (at every read, the pool's queue and semaphore). A connection is a GRDB
/// `DatabaseQueue`, so its statement cache and its SQLite handle stay on one thread while
/// it is held.
///
/// When every connection is taken (more concurrent readers than cores) ``read(_:)`` returns
/// nil and the caller reads from the pool instead.
final class SQLiteReaders: Sendable {
    private final class Slot: Sendable {
        let taken = Atomic<Bool>(false)
        let queue: DatabaseQueue

        init(queue: DatabaseQueue) { self.queue = queue }
    }

    private let slots: [Slot]

    /// Opens `count` read-only connections to the WAL database at `path` (which the
    /// writer has created and migrated).
    init(path: String, count: Int) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "ossd.reader"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA busy_timeout = 10000")
        }
        slots = try (0..<max(1, count)).map { _ in
            Slot(queue: try DatabaseQueue(path: path, configuration: configuration))
        }
    }

    /// Runs `body` on a free connection, outside any explicit transaction (each statement
    /// reads the latest commit on its own), or returns nil when none is free.
    func read<T>(_ body: (Database) throws -> T) throws -> T? {
        for slot in slots where slot.taken.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            defer { slot.taken.store(false, ordering: .releasing) }
            return try slot.queue.inDatabase(body)
        }
        return nil
    }
}
