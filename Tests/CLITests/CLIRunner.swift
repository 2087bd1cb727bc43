import Foundation
import OSSTesting

/// What one `ossutil` run produced.
struct CLIResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// `stdout` with the elapsed seconds replaced by `X`: `\nX(s) elapsed\n`.
    var maskedStdout: String { CLIRunner.mask(stdout) }
    /// `stderr` with request ids and timestamps masked.
    var maskedStderr: String { CLIRunner.mask(stderr) }
}

/// Runs the built `ossutil` binary as a subprocess with a private HOME, never blocking a
/// Swift concurrency thread (the in-process server needs them).
struct CLIRunner: Sendable {
    /// A temporary HOME (and work directory) removed by ``cleanUp()``.
    let home: String
    /// Base environment: HOME plus whatever the test adds.
    var environment: [String: String]

    init(environment: [String: String] = [:]) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("ossutil-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        self.environment = ["HOME": home, "PATH": "/usr/bin:/bin", "TZ": "UTC"].merging(environment) { $1 }
    }

    /// A runner whose environment points at `server` with its root key.
    static func against(_ server: LiveServer) throws -> CLIRunner {
        try CLIRunner(environment: [
            "OSS_ACCESS_KEY_ID": server.rootKey.id, "OSS_ACCESS_KEY_SECRET": server.rootKey.secret,
            "OSS_REGION": "cn-hangzhou", "OSS_ENDPOINT": server.endpoint,
        ])
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: home)
    }

    /// Path of a file under HOME.
    func path(_ name: String) -> String { home + "/" + name }

    /// Runs `ossutil` with `arguments` (and optional standard input) in HOME.
    func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) async throws
        -> CLIResult
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: home)
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            exited.continuation.yield(finished.terminationStatus)
            exited.continuation.finish()
        }
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        async let stdout = Self.readAll(out.fileHandleForReading)
        async let stderr = Self.readAll(err.fileHandleForReading)
        var iterator = exited.stream.makeAsyncIterator()
        let status = await iterator.next() ?? -1
        return CLIResult(status: status, stdout: await stdout, stderr: await stderr)
    }

    /// Reads a pipe to its end on a GCD thread.
    private static func readAll(_ handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: String(decoding: handle.readDataToEndOfFile(), as: UTF8.self))
            }
        }
    }

    /// The built `ossutil`: searched next to the running test bundle and in its parents,
    /// then in `<package>/.build-cli/debug` and `<package>/.build/debug`.
    static func binary() throws -> String {
        var candidates: [URL] = []
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(directory.appendingPathComponent("ossutil"))
            directory = directory.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for scratch in [".build-cli", ".build"] {
            candidates.append(root.appendingPathComponent(scratch).appendingPathComponent("debug/ossutil"))
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build ossutil first"])
        }
        return found.path
    }

    /// Masks elapsed seconds, request ids, timestamps, Last-Modified values, ports and
    /// transfer speeds.
    static func mask(_ text: String) -> String {
        var masked = text
        let rules: [(String, String)] = [
            (#"\d+\.\d{6}\(s\) elapsed"#, "X(s) elapsed"),
            (#"Request Id: [0-9A-F]+\."#, "Request Id: ID."),
            (#"Timestamp: [^\n]*"#, "Timestamp: T."),
            (#"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC"#, "DATE"),
            (#"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT"#, "HTTPDATE"),
            (#"127\.0\.0\.1:\d+"#, "HOST"),
            (#"avg [0-9.]+ [KMGT]?i?B/s"#, "avg S"),
        ]
        for (pattern, replacement) in rules {
            masked = masked.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return masked
    }
}

/// The masked elapsed tail every command prints.
let elapsed = "\nX(s) elapsed\n"
