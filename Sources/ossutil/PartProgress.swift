import Foundation

/// Sums the running byte counts of parts sent in parallel into one figure for
/// ``Progress``; each part reports its own running count.
final class PartProgress: @unchecked Sendable {
    private let display: Progress
    private let lock = NSLock()
    private var sent: [Int: Int64] = [:]

    init(_ display: Progress) { self.display = display }

    /// The callback for part `number`.
    func callback(part number: Int) -> @Sendable (Int64) -> Void {
        { [self] done in
            lock.lock()
            sent[number] = done
            let total = sent.values.reduce(0, +)
            lock.unlock()
            display.update(total)
        }
    }
}
