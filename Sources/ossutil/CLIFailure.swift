/// A failure the CLI reports itself: the text after `Error: ` and the exit status.
struct CLIFailure: Error, CustomStringConvertible {
    /// 1 usage, 2 service error, 3 other client error, 4 partial batch failure.
    var exitCode: Int32
    var message: String

    static func usage(_ message: String) -> CLIFailure { CLIFailure(exitCode: 1, message: message) }
    static func client(_ message: String) -> CLIFailure { CLIFailure(exitCode: 3, message: message) }

    var description: String { message }
}
