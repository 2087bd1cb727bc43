/// The query parameters that V1 signatures include in the canonical resource.
enum SignatureSubResources {
    /// Union of the sub-resource lists of oss2, Go v2, Python v2, Java and Swift v2. Every
    /// other parameter (`prefix`, `marker`, `max-keys`, ...) is unsigned in V1, except names
    /// starting with `x-oss-`.
    static let names: Set<String> = [
        "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete",
        "append", "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position",
        "response-content-type", "response-content-language", "response-expires",
        "response-cache-control", "response-content-disposition", "response-content-encoding",
        "img", "style", "styleName", "replication", "replicationProgress", "replicationLocation",
        "cname", "bucketInfo", "comp", "qos", "live", "status", "vod", "startTime", "endTime",
        "processConfiguration", "x-oss-process", "symlink", "stat", "udf", "udfName", "udfImage",
        "udfImageDesc", "udfApplication", "udfApplicationLog", "restore", "callback", "callback-var",
        "encryption", "versions", "versioning", "versionId", "policy", "requestPayment",
        "x-oss-traffic-limit", "qosInfo", "asyncFetch", "x-oss-request-payer", "sequential",
        "inventory", "inventoryId", "continuation-token", "worm", "wormId", "wormExtend",
        "objectInfo", "link", "group", "x-oss-ac-source-ip", "x-oss-ac-subnet-mask",
        "x-oss-ac-vpc-id", "x-oss-ac-forward-allow", "metaQuery", "resourceGroup", "regionList",
        "cloudboxes", "x-oss-async-process", "x-oss-write-get-object-response",
        "bucketArchiveDirectRead", "httpsConfig", "publicAccessBlock", "policyStatus",
        "redundancyTransition", "x-oss-target-redundancy-type", "x-oss-redundancy-transition-taskid",
        "accessPoint", "accessPointPolicy", "x-oss-access-point-name", "transferAcceleration", "seal",
        "cleanRestoredObject", "requesterQosInfo", "qosRequester", "resourcePoolInfo", "resourcePool",
        "resourcePoolBuckets", "x-oss-dir", "x-oss-rename", "x-oss-delete", "vip", "vpcip",
        // Per-operation sub-resources of alibabacloud-oss-v2 1.4.1 (op_metadata "sub-resource").
        "MetaQuery", "dataPipeline", "legalHold", "retention", "metadataConfiguration",
        "metadataInventoryTable", "metadataJournalTable", "objectWorm", "overwriteConfig", "quota",
        "rtc", "userDefinedLogFieldsConfig",
    ]

    /// Whether a (decoded) query parameter name is signed in V1.
    static func isSigned(_ name: String) -> Bool {
        names.contains(name) || name.hasPrefix("x-oss-")
    }
}
