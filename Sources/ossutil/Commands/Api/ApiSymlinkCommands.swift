import ArgumentParser
import OSSClient

/// `api put-symlink`: PutSymlink.
struct ApiPutSymlink: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "put-symlink", abstract: "Create a symbolic link")
    @OptionGroup var target: ObjectTarget
    @Option(help: "The object the link points to (same bucket).")
    var symlinkTarget: String
    @Option(help: "private, public-read, public-read-write or default.")
    var objectAcl: String?
    @Option(help: "true refuses to overwrite an existing object.")
    var forbidOverwrite: String?
    @Option(help: "Standard, IA, Archive, ColdArchive or DeepColdArchive.")
    var storageClass: String?
    @Option(help: "User metadata key=value (repeatable).")
    var metadata: [String] = []
    @Option(help: "Tags as k1=v1&k2=v2.")
    var tagging: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var headers: [(name: String, value: String)] = []
        headers.add("x-oss-object-acl", objectAcl)
        headers.add("x-oss-forbid-overwrite", forbidOverwrite)
        headers.add("x-oss-storage-class", storageClass)
        headers.add("x-oss-tagging", tagging)
        headers += try ApiInput.metadataHeaders(metadata)
        _ = try await client.putSymlink(target.bucket, key: target.key, target: symlinkTarget, headers: headers)
    }
}

/// `api get-symlink`: GetSymlink; prints the link's headers, target decoded.
struct ApiGetSymlink: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "get-symlink", abstract: "Get a symbolic link")
    @OptionGroup var target: ObjectTarget
    @Option(help: "The version of the link.")
    var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        let response = try await client.getSymlink(target.bucket, key: target.key, versionId: versionId)
        ApiOutput.printHeaders(response, context)
    }
}
