import Synchronization

/// The number of connections open at once, shared by every connection of one server.
final class ConnectionCounter: Sendable {
    private let open = Atomic<Int>(0)
    let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    /// Takes a slot; false (and nothing taken) when `limit` connections are open already.
    func acquire() -> Bool {
        var current = open.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = open.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Gives back a slot taken by `acquire()`.
    func release() { open.subtract(1, ordering: .acquiringAndReleasing) }

    /// Connections open now.
    var count: Int { open.load(ordering: .relaxed) }
}
