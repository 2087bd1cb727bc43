import ArgumentParser
import Foundation
import OSSClient

/// `ossutil cat oss://bucket/object`: the object's bytes on standard output (through a
/// link, the target's bytes). No elapsed line, so the output is exactly the data.
struct CatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Concatenate an object to standard output")
    @Argument(help: "oss://bucket/object") var url: String
    @Option(help: "Print the first N bytes.") var head: Int?
    @Option(help: "Print the last N bytes.") var tail: Int?
    @Option(help: "Start at this byte offset.") var offset: Int?
    @Option(help: "Print this many bytes (-1 = to the end).") var count: Int = -1
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        let path = try OSSPath.parse(url)
        guard !path.key.isEmpty else { throw CLIFailure.usage("cat needs an object: oss://bucket/object") }
        var range: String?
        if let head, head > 0 {
            range = "bytes=0-\(head - 1)"
        } else if let tail, tail > 0 {
            range = "bytes=-\(tail)"
        } else if let offset {
            range = count > 0 ? "bytes=\(offset)-\(offset + count - 1)" : "bytes=\(offset)-"
        } else if count > 0 {
            range = "bytes=0-\(count - 1)"
        }
        var headers: [(name: String, value: String)] = []
        headers.add("Range", range)
        let query: [(name: String, value: String?)] = versionId.map { [("versionId", $0)] } ?? []
        _ = try await context.withClient { client in
            try await client.getObject(path.bucket, key: path.key, headers: headers, query: query) { chunk in
                FileHandle.standardOutput.write(Data(chunk))
            }
        }
    }
}
