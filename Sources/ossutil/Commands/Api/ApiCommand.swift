import ArgumentParser

/// `ossutil api <op>`: one subcommand per OSS API, named in kebab-case, one flag per
/// header or query parameter and one flag for the request body (ossutil-cli.md §4).
struct ApiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api", abstract: "The API-level commands",
        subcommands: [
            ApiPutSymlink.self, ApiGetSymlink.self, ApiPutObject.self, ApiGetObject.self, ApiHeadObject.self,
            ApiGetObjectMeta.self, ApiDeleteObject.self, ApiDeleteMultipleObjects.self, ApiCopyObject.self,
            ApiPutObjectAcl.self, ApiGetObjectAcl.self, ApiPutObjectTagging.self, ApiGetObjectTagging.self,
            ApiDeleteObjectTagging.self, ApiPutBucket.self, ApiDeleteBucket.self, ApiListBuckets.self,
            ApiGetBucketInfo.self, ApiGetBucketLocation.self, ApiListObjects.self, ApiListObjectsV2.self,
            ApiPutBucketAcl.self, ApiGetBucketAcl.self, ApiInitiateMultipartUpload.self, ApiUploadPart.self,
            ApiUploadPartCopy.self, ApiCompleteMultipartUpload.self, ApiAbortMultipartUpload.self, ApiListParts.self,
            ApiListMultipartUploads.self, ApiAppendObject.self, ApiRestoreObject.self,
        ])
}

/// `--bucket` and `--key`, shared by the object-level operations.
struct ObjectTarget: ParsableArguments {
    @Option(help: "The bucket name.")
    var bucket: String
    @Option(help: "The object name.")
    var key: String
}

/// `--bucket`, shared by the bucket-level operations.
struct BucketTarget: ParsableArguments {
    @Option(help: "The bucket name.")
    var bucket: String
}
