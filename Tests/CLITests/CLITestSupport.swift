import Foundation
import OSSTesting

/// Runs `body` with a fresh server and a runner pointed at it; both are cleaned up.
func withCLI(_ body: (LiveServer, CLIRunner) async throws -> Void) async throws {
    try await LiveServer.with { server in
        let cli = try CLIRunner.against(server)
        defer { cli.cleanUp() }
        try await body(server, cli)
    }
}

extension CLIRunner {
    /// Runs a command that must succeed and returns its masked stdout.
    @discardableResult
    func ok(_ arguments: [String], stdin: String? = nil) async throws -> String {
        let result = try await run(arguments, stdin: stdin)
        guard result.status == 0 else {
            throw CocoaError(
                .featureUnsupported,
                userInfo: [NSLocalizedDescriptionKey: "\(arguments) failed \(result.status): \(result.stderr)"])
        }
        return result.maskedStdout
    }
}
