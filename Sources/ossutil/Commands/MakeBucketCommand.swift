import ArgumentParser
import OSSClient
import OSSWire

/// `ossutil mb oss://bucket`: PutBucket.
struct MakeBucketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mb", abstract: "Creates a bucket")
    @Argument(help: "oss://bucket") var bucketURL: String
    @Option(help: "private, public-read or public-read-write.") var acl: String?
    @Option(help: "Standard, IA, Archive, ColdArchive or DeepColdArchive.") var storageClass: String?
    @Option(help: "LRS or ZRS.") var redundancyType: String?
    @Option var resourceGroupId: String?
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        let path = try OSSPath.parse(bucketURL)
        var document: [UInt8]?
        if storageClass != nil || redundancyType != nil {
            var xml = XMLWriter()
            xml.element("CreateBucketConfiguration") { w in
                w.element("StorageClass", ifPresent: storageClass)
                w.element("DataRedundancyType", ifPresent: redundancyType)
            }
            document = xml.bytes
        }
        if !globals.dryRun {
            var headers: [(name: String, value: String)] = []
            headers.add("x-oss-resource-group-id", resourceGroupId)
            _ = try await context.withClient { client in
                try await client.putBucket(path.bucket, acl: acl, configuration: document, headers: headers)
            }
        }
        context.finish()
    }
}

/// `ossutil rb oss://bucket [-f]`: DeleteBucket; `-f` first deletes every object.
struct RemoveBucketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rb", abstract: "Delete bucket")
    @Argument(help: "oss://bucket") var bucketURL: String
    @Flag(name: [.customShort("f"), .long], help: "Delete all objects first, without asking.") var force = false
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        let path = try OSSPath.parse(bucketURL)
        if !globals.dryRun {
            try await context.withClient { client in
                if force { _ = try await ObjectRemover(client: client).removeAll(bucket: path.bucket, prefix: "") }
                _ = try await client.deleteBucket(path.bucket)
            }
        }
        context.finish()
    }
}
