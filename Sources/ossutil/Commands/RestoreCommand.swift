import ArgumentParser
import OSSClient

/// `ossutil restore oss://bucket/object`: RestoreObject for one archived object
/// (`--days`, `--tier`). Recursive and list modes are not implemented.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore frozen state object to read ready status")
    @Argument(help: "oss://bucket/object") var url: String
    @Option(help: "Days the restored copy stays readable (1..365).") var days: Int?
    @Option(help: "Expedited, Standard or Bulk.") var tier: String?
    @Flag(help: "Accepted; the object's state is not checked first anyway.") var noCheckStatus = false
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        let path = try OSSPath.parse(url)
        guard !path.key.isEmpty, !path.key.hasSuffix("/") else {
            throw CLIFailure.usage("restore needs an object: oss://bucket/object (-r is not supported yet)")
        }
        if let days, !(1...365).contains(days) { throw CLIFailure.usage("invalid --days \(days): use 1 to 365") }
        if globals.dryRun {
            context.line("dry run: restore \(path)")
            return
        }
        _ = try await context.withClient { client in
            try await client.restoreObject(path.bucket, key: path.key, days: days, tier: tier)
        }
        context.finish()
    }
}
