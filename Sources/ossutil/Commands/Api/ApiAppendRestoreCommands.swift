import ArgumentParser
import Foundation
import OSSClient

/// `api append-object`: AppendObject at `--position`; prints the answer's headers
/// (`X-Oss-Next-Append-Position`, `X-Oss-Hash-Crc64ecma`).
struct ApiAppendObject: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "append-object", abstract: "Append data to an appendable object")
    @OptionGroup var target: ObjectTarget
    @Option(help: "The current length of the object (0 creates it).") var position: Int64
    @Option(help: "The data: literal text, file://path or - for stdin.") var body: String?
    @Option var cacheControl: String?
    @Option var contentDisposition: String?
    @Option var contentEncoding: String?
    @Option var contentType: String?
    @Option var contentMd5: String?
    @Option var expires: String?
    @Option(help: "User metadata key=value (repeatable).") var metadata: [String] = []
    @Option var objectAcl: String?
    @Option var storageClass: String?
    @Option(help: "Tags as k1=v1&k2=v2.") var tagging: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var headers: [(name: String, value: String)] = []
        headers.add("Cache-Control", cacheControl)
        headers.add("Content-Disposition", contentDisposition)
        headers.add("Content-Encoding", contentEncoding)
        headers.add("Content-Type", contentType)
        headers.add("Content-MD5", contentMd5)
        headers.add("Expires", expires)
        headers.add("x-oss-object-acl", objectAcl)
        headers.add("x-oss-storage-class", storageClass)
        headers.add("x-oss-tagging", tagging)
        headers += try ApiInput.metadataHeaders(metadata)
        let response = try await client.appendObject(
            target.bucket, key: target.key, position: position, body: try ApiInput.body(body), headers: headers,
            initCRC: position == 0 ? 0 : nil)
        ApiOutput.printHeaders(response, context)
    }
}

/// `api restore-object`: RestoreObject with an optional `RestoreRequest` document.
struct ApiRestoreObject: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "restore-object", abstract: "Restore an archived object")
    @OptionGroup var target: ObjectTarget
    @Option(help: "The RestoreRequest: XML or JSON, literal, file://path or -.") var restoreRequest: String?
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        let document = try restoreRequest.map { try ApiInput.document($0, root: "RestoreRequest") }
        _ = try await client.restoreObject(target.bucket, key: target.key, document: document, versionId: versionId)
    }
}
