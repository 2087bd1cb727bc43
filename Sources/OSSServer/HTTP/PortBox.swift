import Synchronization

/// The port the server actually listens on, known once it is bound (port 0 picks one).
final class PortBox: Sendable {
    private let port: Mutex<Int>
    init(_ port: Int) { self.port = Mutex(port) }
    var value: Int { port.withLock { $0 } }
    func set(_ newValue: Int) { port.withLock { $0 = newValue } }
}
