import ArgumentParser
import Foundation
import OSSClient
import OSSModel

/// `ossutil append SRC oss://bucket/object`: appends a local file or standard input to an
/// Appendable object, creating it when absent. The position and the CRC-64 so far come from
/// a HEAD, and the CRC-64 after the append is checked (not for standard input).
struct AppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append", abstract: "Append content to a appendable object")
    @Argument(help: "Source: local file or -") var source: String
    @Argument(help: "oss://bucket/object") var destination: String
    @Option(help: "Object ACL (new objects).") var acl: String?
    @Option(help: "Storage class (new objects).") var storageClass: String?
    @Option(help: "User metadata key=value (repeatable; new objects).") var metadata: [String] = []
    @Option(help: "Tags key=value (repeatable; new objects).") var tagging: [String] = []
    @Option var contentType: String?
    @Option var cacheControl: String?
    @Option var contentDisposition: String?
    @Option var contentEncoding: String?
    @Option var expires: String?
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        let path = try OSSPath.parse(destination)
        guard !path.key.isEmpty else { throw CLIFailure.usage("append needs an object: oss://bucket/object") }
        if source.hasPrefix("oss://") { throw CLIFailure.usage("append from an oss:// source is not supported yet") }
        let body: OSSRequestBody = source == "-" ? .standardInput : .file(path: source)
        if source != "-", !FileManager.default.isReadableFile(atPath: source) {
            throw CLIFailure.client("open \(source): no such file or directory")
        }
        if globals.dryRun {
            context.line("dry run: append \(source) to \(path)")
            return
        }
        try await context.withClient { client in
            var position: Int64 = 0
            var crc: UInt64? = 0
            do {
                let head = try await client.headObject(path.bucket, key: path.key)
                guard head.header("x-oss-object-type") == "Appendable" else {
                    throw CLIFailure.client("\(path) exists and is not an appendable object")
                }
                position = Int64(head.header("Content-Length") ?? "") ?? 0
                crc = head.header("x-oss-hash-crc64ecma").flatMap { UInt64($0) }
            } catch let error as OSSServiceError where error.statusCode == 404 {}
            var headers: [(name: String, value: String)] = []
            if position == 0 {
                headers.add("x-oss-object-acl", acl)
                headers.add("x-oss-storage-class", storageClass)
                headers.add("Content-Type", contentType ?? ContentTypes.forKey(path.key))
                headers.add("Cache-Control", cacheControl)
                headers.add("Content-Disposition", contentDisposition)
                headers.add("Content-Encoding", contentEncoding)
                headers.add("Expires", expires)
                let tags = tagging.flatMap { $0.split(separator: "&").map(String.init) }
                headers.add("x-oss-tagging", tags.isEmpty ? nil : tags.joined(separator: "&"))
                headers += try ApiInput.metadataHeaders(metadata)
            }
            _ = try await client.appendObject(
                path.bucket, key: path.key, position: position, body: body, headers: headers, initCRC: crc)
        }
        context.finish()
    }
}
