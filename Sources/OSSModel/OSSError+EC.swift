extension OSSError {
    /// The `EC` to report: the documented one where OSS has published it, else a stable
    /// ossd-assigned code in the `0099-` range (OSS clients display EC but never branch on it).
    public var effectiveEC: String {
        if let ec { return ec }
        return OSSError.assignedECs[code] ?? "0099-00000000"
    }

    private static let assignedECs: [String: String] = [
        "InvalidArgument": "0099-00000001",
        "InvalidBucketName": "0099-00000002",
        "InvalidObjectName": "0099-00000003",
        "InvalidDigest": "0099-00000004",
        "InvalidCRC64": "0099-00000005",
        "MissingArgument": "0099-00000006",
        "NotImplemented": "0099-00000007",
        "InvalidTargetType": "0099-00000008",
        "OperationNotSupported": "0099-00000009",
        "InvalidRequest": "0099-00000010",
        "IncompleteBody": "0099-00000011",
        "RequestTimeout": "0099-00000012",
        "TooManyBuckets": "0099-00000013",
        "EntityTooLarge": "0099-00000014",
        "MetadataTooLarge": "0099-00000015",
        "InvalidURI": "0099-00000016",
        "AccessDenied": "0099-00000101",
        "InvalidAccessKeyId": "0099-00000102",
        "SignatureDoesNotMatch": "0099-00000103",
        "RequestTimeTooSkewed": "0099-00000104",
        "InvalidObjectState": "0099-00000105",
        "MethodNotAllowed": "0099-00000201",
        "BucketAlreadyExists": "0099-00000202",
        "BucketNotEmpty": "0099-00000203",
        "FileAlreadyExists": "0099-00000204",
        "ObjectNotAppendable": "0099-00000205",
        "MissingContentLength": "0099-00000206",
        "PreconditionFailed": "0099-00000207",
        "InvalidRange": "0099-00000208",
        "PositionNotEqualToLength": "0099-00000209",
        "RestoreAlreadyInProgress": "0099-00000210",
        "NoSuchUpload": "0099-00000211",
        "InvalidPart": "0099-00000212",
        "InvalidPartOrder": "0099-00000213",
        "EntityTooSmall": "0099-00000214",
        "InvalidPolicyDocument": "0099-00000017",
        "NoSuchBucketPolicy": "0099-00000215",
        "SecurityTokenExpired": "0099-00000106",
        "InvalidSecurityToken": "0099-00000107",
        "NoSuchUser": "0099-00000216",
        "UserAlreadyExists": "0099-00000217",
        "NoSuchAccessKey": "0099-00000218",
        "NoSuchPolicy": "0099-00000219",
        "NoSuchAdminResource": "0099-00000220",
        "InternalError": "0099-00000500",
        "InsufficientStorage": "0099-00000507",
        "ServiceUnavailable": "0099-00000503",
    ]
}
