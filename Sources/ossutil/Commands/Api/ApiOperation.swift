import ArgumentParser
import OSSClient

/// An `api` subcommand: resolve the context, call ``perform(_:_:)`` with a client, print
/// the elapsed line. With `--dry-run` nothing is sent.
protocol ApiOperation: AsyncParsableCommand {
    var globals: GlobalOptions { get }
    /// Sends the request and prints the result.
    func perform(_ client: OSSClient, _ context: CommandContext) async throws
    /// Whether the result goes to standard output as object data (no elapsed line then).
    var writesData: Bool { get }
}

extension ApiOperation {
    var writesData: Bool { false }

    mutating func run() async throws {
        let context = try CommandContext(globals)
        if globals.dryRun {
            context.line("dry run: \(Self.configuration.commandName ?? "api") request not sent")
            context.finish()
            return
        }
        try await context.withClient { client in try await perform(client, context) }
        if !writesData { context.finish() }
    }
}

extension Array where Element == (name: String, value: String) {
    /// Appends `name: value` when `value` is present.
    mutating func add(_ name: String, _ value: String?) {
        if let value { append((name, value)) }
    }
}
