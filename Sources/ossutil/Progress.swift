import Foundation

/// A one-line progress display on a terminal: bytes so far (and percent when the size is
/// known), redrawn at most ten times a second. Never shown when standard output is not a
/// terminal or with `--no-progress`, so scripted output stays clean.
final class Progress: @unchecked Sendable {
    private let total: Int64
    private let lock = NSLock()
    private var lastDraw = Date.distantPast

    private init(total: Int64) { self.total = total }

    /// A progress display, or `nil` when it must not be shown.
    static func make(_ context: CommandContext, _ disabled: Bool, total: Int64) -> Progress? {
        guard !disabled, !context.globals.quiet, context.stdoutIsTerminal else { return nil }
        return Progress(total: total)
    }

    /// Records `done` bytes and redraws when due.
    @Sendable func update(_ done: Int64) {
        lock.lock()
        defer { lock.unlock() }
        guard Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        var text = "\r" + Formatting.size(Double(done))
        if total > 0 { text += String(format: " / %@ %3d%%", Formatting.size(Double(total)), Int(done * 100 / total)) }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Erases the progress line.
    func clear() {
        FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8))
    }
}
