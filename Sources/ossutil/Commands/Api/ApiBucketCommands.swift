import ArgumentParser
import OSSClient

/// `api put-bucket`: PutBucket with optional `CreateBucketConfiguration`.
struct ApiPutBucket: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "put-bucket", abstract: "Create a bucket")
    @OptionGroup var target: BucketTarget
    @Option(help: "private, public-read or public-read-write.") var acl: String?
    @Option var resourceGroupId: String?
    @Option(help: "The CreateBucketConfiguration document: XML or JSON, literal, file://path or -.")
    var createBucketConfiguration: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        let document = try createBucketConfiguration.map {
            try ApiInput.document($0, root: "CreateBucketConfiguration")
        }
        var headers: [(name: String, value: String)] = []
        headers.add("x-oss-resource-group-id", resourceGroupId)
        _ = try await client.putBucket(target.bucket, acl: acl, configuration: document, headers: headers)
    }
}

/// `api delete-bucket`: DeleteBucket.
struct ApiDeleteBucket: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "delete-bucket", abstract: "Delete a bucket")
    @OptionGroup var target: BucketTarget
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        _ = try await client.deleteBucket(target.bucket)
    }
}

/// `api list-buckets`: ListBuckets (GetService).
struct ApiListBuckets: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "list-buckets", abstract: "List buckets")
    @Option var prefix: String?
    @Option var marker: String?
    @Option var maxKeys: Int?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        try ApiOutput.printXML(try await client.listBuckets(prefix: prefix, marker: marker, maxKeys: maxKeys), context)
    }
}

/// `api get-bucket-info`: GetBucketInfo.
struct ApiGetBucketInfo: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "get-bucket-info", abstract: "Get bucket information")
    @OptionGroup var target: BucketTarget
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        try ApiOutput.printXML(try await client.getBucketInfo(target.bucket), context)
    }
}

/// `api get-bucket-location`: GetBucketLocation.
struct ApiGetBucketLocation: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "get-bucket-location", abstract: "Get the region of a bucket")
    @OptionGroup var target: BucketTarget
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        try ApiOutput.printXML(try await client.getBucketLocation(target.bucket), context)
    }
}

/// `api list-objects`: ListObjects (v1).
struct ApiListObjects: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "list-objects", abstract: "List objects (v1)")
    @OptionGroup var target: BucketTarget
    @Option var prefix: String?
    @Option var delimiter: String?
    @Option var marker: String?
    @Option var maxKeys: Int?
    @Option var encodingType: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var query: [(name: String, value: String?)] = []
        let items: [(String, String?)] = [
            ("prefix", prefix), ("delimiter", delimiter), ("marker", marker), ("max-keys", maxKeys.map(String.init)),
            ("encoding-type", encodingType),
        ]
        for (name, value) in items { if let value { query.append((name, value)) } }
        try ApiOutput.printXML(try await client.listObjects(target.bucket, query: query), context)
    }
}

/// `api list-objects-v2`: ListObjectsV2.
struct ApiListObjectsV2: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "list-objects-v2", abstract: "List objects (v2)")
    @OptionGroup var target: BucketTarget
    @Option var prefix: String?
    @Option var delimiter: String?
    @Option var startAfter: String?
    @Option var continuationToken: String?
    @Option var maxKeys: Int?
    @Option var fetchOwner: String?
    @Option var encodingType: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var query: [(name: String, value: String?)] = []
        let items: [(String, String?)] = [
            ("prefix", prefix), ("delimiter", delimiter), ("start-after", startAfter),
            ("continuation-token", continuationToken), ("max-keys", maxKeys.map(String.init)),
            ("fetch-owner", fetchOwner), ("encoding-type", encodingType),
        ]
        for (name, value) in items { if let value { query.append((name, value)) } }
        try ApiOutput.printXML(try await client.listObjectsV2(target.bucket, query: query), context)
    }
}

/// `api put-bucket-acl`: PutBucketAcl.
struct ApiPutBucketAcl: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "put-bucket-acl", abstract: "Set a bucket's ACL")
    @OptionGroup var target: BucketTarget
    @Option(help: "private, public-read or public-read-write.") var acl: String
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        _ = try await client.putBucketAcl(target.bucket, acl: acl)
    }
}

/// `api get-bucket-acl`: GetBucketAcl.
struct ApiGetBucketAcl: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "get-bucket-acl", abstract: "Get a bucket's ACL")
    @OptionGroup var target: BucketTarget
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        try ApiOutput.printXML(try await client.getBucketAcl(target.bucket), context)
    }
}
