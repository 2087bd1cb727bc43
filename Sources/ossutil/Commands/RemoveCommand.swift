import ArgumentParser
import Foundation
import OSSClient

/// `ossutil rm oss://bucket[/key]`: one object by default; `-r` every object under the
/// prefix (asks first unless `-f`); `-b` also deletes the bucket afterwards.
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Deletes objects")
    @Argument(help: "oss://bucket[/key-or-prefix]") var url: String
    @Flag(name: [.customShort("r"), .long], help: "Delete every object under the prefix.") var recursive = false
    @Flag(name: [.customShort("f"), .long], help: "Do not ask for confirmation.") var force = false
    @Flag(name: [.customShort("b"), .long], help: "Delete the bucket too.") var bucket = false
    @Option(help: "Only keys whose name matches (repeatable).") var include: [String] = []
    @Option(help: "Skip keys whose name matches (repeatable).") var exclude: [String] = []
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        let path = try OSSPath.parse(url)
        guard recursive || bucket || !path.key.isEmpty else {
            throw CLIFailure.usage("rm needs an object, -r for a prefix, or -b for the bucket")
        }
        if recursive, !force,
            !Prompt.confirm("Do you really mean to remove recursively objects of \(path)(y or N)? ", context)
        {
            return
        }
        if globals.dryRun {
            context.line("dry run: would remove \(recursive ? "objects under " : "")\(path)")
            context.finish()
            return
        }
        let filter = NameFilter(include: include, exclude: exclude)
        let failed = try await context.withClient { client -> Int in
            var failed = 0
            if recursive {
                failed = try await ObjectRemover(client: client).removeAll(
                    bucket: path.bucket, prefix: path.key, include: filter.accepts
                ).failed
            } else if !path.key.isEmpty {
                _ = try await client.deleteObject(path.bucket, key: path.key, versionId: versionId)
            }
            if bucket, failed == 0 { _ = try await client.deleteBucket(path.bucket) }
            return failed
        }
        context.finish()
        if failed > 0 { throw CLIFailure(exitCode: 4, message: "\(failed) objects could not be deleted") }
    }
}

/// Yes/no questions on standard input; anything but `y`/`yes` (or end of input) is no.
enum Prompt {
    static func confirm(_ question: String, _ context: CommandContext) -> Bool {
        context.out(question)
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if answer.isEmpty { context.out("\n") }
        return answer == "y" || answer == "yes"
    }
}
