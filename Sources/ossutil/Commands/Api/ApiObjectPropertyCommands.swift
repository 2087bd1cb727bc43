import ArgumentParser
import OSSClient

/// `api put-object-acl`: PutObjectACL.
struct ApiPutObjectAcl: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "put-object-acl", abstract: "Set an object's ACL")
    @OptionGroup var target: ObjectTarget
    @Option(help: "private, public-read, public-read-write or default.") var objectAcl: String
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        _ = try await client.putObjectAcl(target.bucket, key: target.key, acl: objectAcl, versionId: versionId)
    }
}

/// `api get-object-acl`: GetObjectACL; prints the AccessControlPolicy.
struct ApiGetObjectAcl: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "get-object-acl", abstract: "Get an object's ACL")
    @OptionGroup var target: ObjectTarget
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        try ApiOutput.printXML(
            try await client.getObjectAcl(target.bucket, key: target.key, versionId: versionId), context)
    }
}

/// `api put-object-tagging`: PutObjectTagging with a `Tagging` document.
struct ApiPutObjectTagging: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "put-object-tagging", abstract: "Set an object's tags")
    @OptionGroup var target: ObjectTarget
    @Option(help: "The Tagging document: XML or JSON, literal, file://path or -.") var tagging: String
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        let document = try ApiInput.document(tagging, root: "Tagging")
        _ = try await client.putObjectTagging(target.bucket, key: target.key, document: document, versionId: versionId)
    }
}

/// `api get-object-tagging`: GetObjectTagging; prints the Tagging document.
struct ApiGetObjectTagging: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "get-object-tagging", abstract: "Get an object's tags")
    @OptionGroup var target: ObjectTarget
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        try ApiOutput.printXML(
            try await client.getObjectTagging(target.bucket, key: target.key, versionId: versionId), context)
    }
}

/// `api delete-object-tagging`: DeleteObjectTagging.
struct ApiDeleteObjectTagging: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "delete-object-tagging", abstract: "Delete an object's tags")
    @OptionGroup var target: ObjectTarget
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        _ = try await client.deleteObjectTagging(target.bucket, key: target.key, versionId: versionId)
    }
}
