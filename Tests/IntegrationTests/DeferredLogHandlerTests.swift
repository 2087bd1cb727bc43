import Logging
import OSSServer
import Synchronization
import Testing

/// The log handler ossd serves with: metadata set on a logger is printed with each message,
/// as `StreamLogHandler` prints it, and the message's own metadata wins on a shared key.
@Suite("Deferred log handler")
struct DeferredLogHandlerTests {
    /// Collects what a `StreamLogHandler` writes.
    final class Lines: Sendable {
        let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
    }

    struct Sink: TextOutputStream, Sendable {
        let lines: Lines
        mutating func write(_ string: String) { lines.write(string) }
    }

    static func logger(_ lines: Lines, level: Logger.Level = .info) -> Logger {
        Logger(label: "ossd") { label in
            var handler = DeferredLogHandler(
                output: StreamLogHandler(label: label, stream: Sink(lines: lines), metadataProvider: nil))
            handler.logLevel = level
            return handler
        }
    }

    @Test func metadataSetOnTheLoggerIsPrintedWithEachMessage() {
        let lines = Lines()
        var logger = Self.logger(lines)
        logger[metadataKey: "hb.request.id"] = "req-1"
        logger[metadataKey: "bucket"] = "b"
        logger.info("served")
        let text = lines.text.withLock { $0 }
        #expect(text.contains(" info ossd: bucket=b hb.request.id=req-1 [IntegrationTests] served\n"))
        #expect(logger[metadataKey: "bucket"] == "b")
    }

    @Test func theMessagesOwnMetadataWinsOnASharedKey() {
        let lines = Lines()
        var logger = Self.logger(lines)
        logger[metadataKey: "error"] = "old"
        logger.error("failed", metadata: ["error": "disk full"])
        let text = lines.text.withLock { $0 }
        #expect(text.contains("ossd: error=disk full [IntegrationTests] failed\n"))
    }

    @Test func messagesBelowTheLevelAreNotPrinted() {
        let lines = Lines()
        var logger = Self.logger(lines, level: .warning)
        logger[metadataKey: "k"] = "v"
        logger.info("quiet")
        logger.warning("loud")
        let text = lines.text.withLock { $0 }
        #expect(!text.contains("quiet"))
        #expect(text.contains("k=v [IntegrationTests] loud\n"))
        #expect(logger.logLevel == .warning)
    }
}
