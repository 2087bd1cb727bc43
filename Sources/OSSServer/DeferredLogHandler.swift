import Logging

/// A log handler that keeps its metadata as values and formats them only when a message
/// is emitted, then hands the message to `output` (a `StreamLogHandler`).
///
/// Why: Hummingbird sets `hb.request.id` on a fresh logger for every request, and
/// `StreamLogHandler` formats its whole metadata (sorted, joined) on every set, so each
/// request paid for a string that is read only when something is logged. With this
/// handler a set is a dictionary write. Lines look as `output` prints them; on a key that
/// appears twice the message's own metadata wins over this handler's, which wins over the
/// metadata provider's.
public struct DeferredLogHandler: LogHandler {
    private var output: StreamLogHandler
    /// The metadata attached to every message of this logger, formatted when one is emitted.
    public var metadata = Logger.Metadata()

    /// - Parameter output: where messages go; its own metadata is kept, below this handler's.
    public init(output: StreamLogHandler) {
        self.output = output
    }

    public var logLevel: Logger.Level {
        get { output.logLevel }
        set { output.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { output.metadataProvider }
        set { output.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        }
        output.log(event: event)
    }
}
