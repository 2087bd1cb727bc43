/// The catalogue of OSS errors this server produces, with the (status, code) pairs that the
/// official SDKs map to their exception types. Keep the pairs exact.
extension OSSError {
    // MARK: 400

    public static func invalidArgument(
        _ message: String = "Invalid Argument. Parameter is invalid.",
        name: String? = nil, value: String? = nil
    ) -> OSSError {
        var details: [Detail] = []
        if let name { details.append(Detail("ArgumentName", name)) }
        if let value { details.append(Detail("ArgumentValue", value)) }
        return OSSError(code: "InvalidArgument", status: 400, message: message, details: details)
    }
    public static func invalidBucketName(_ name: String) -> OSSError {
        OSSError(code: "InvalidBucketName", status: 400, message: "The specified bucket is not valid.")
            .with("BucketName", name)
    }
    public static func invalidObjectName(_ message: String = "The specified object is not valid.") -> OSSError {
        OSSError(code: "InvalidObjectName", status: 400, message: message)
    }
    public static let invalidDigest = OSSError(
        code: "InvalidDigest", status: 400, message: "The Content-MD5 you specified was invalid.")
    public static let invalidCRC64 = OSSError(
        code: "InvalidCRC64", status: 400,
        message: "The x-oss-hash-crc64ecma you specified does not match what we calculated.")
    public static func malformedXML(
        _ message: String = "The XML you provided was not well-formed or did not validate against our published schema."
    ) -> OSSError {
        OSSError(code: "MalformedXML", status: 400, message: message, ec: "0031-00000001")
    }
    public static func missingArgument(_ ec: String? = nil) -> OSSError {
        OSSError(code: "MissingArgument", status: 400, message: "Missing Some Required Arguments.", ec: ec)
    }
    public static let notImplemented = OSSError(
        code: "NotImplemented", status: 400,
        message: "A header you provided implies functionality that is not implemented.")
    public static let notSymlink = OSSError(
        code: "NotSymlink", status: 400, message: "The object is not symlink.", ec: "0043-00000101")
    public static let invalidTargetType = OSSError(
        code: "InvalidTargetType", status: 400, message: "The symbolic's target file type is invalid.")
    public static let operationNotSupported = OSSError(
        code: "OperationNotSupported", status: 400, message: "The operation is not supported for this resource.")
    public static func invalidRequest(_ message: String) -> OSSError {
        OSSError(code: "InvalidRequest", status: 400, message: message)
    }
    public static let incompleteBody = OSSError(
        code: "IncompleteBody", status: 400,
        message: "You did not provide the number of bytes specified by the Content-Length HTTP header.")
    public static let requestTimeout = OSSError(
        code: "RequestTimeout", status: 400,
        message: "Your socket connection to the server was not read from or written to within the timeout period.")
    public static let tooManyBuckets = OSSError(
        code: "TooManyBuckets", status: 400, message: "You have attempted to create more buckets than allowed.")
    public static let entityTooLarge = OSSError(
        code: "EntityTooLarge", status: 400, message: "Your proposed upload exceeds the maximum allowed object size.")
    public static func invalidEncryptionAlgorithm(_ value: String) -> OSSError {
        OSSError(
            code: "InvalidEncryptionAlgorithmError", status: 400,
            message: "The Encryption request you specified is not valid. Supported value: AES256/KMS/SM4"
        ).with("ArgumentValue", value)
    }

    // MARK: 403

    public static func accessDenied(_ message: String = "AccessDenied") -> OSSError {
        OSSError(code: "AccessDenied", status: 403, message: message)
    }
    public static let invalidAccessKeyId = OSSError(
        code: "InvalidAccessKeyId", status: 403,
        message: "The OSS Access Key Id you provided does not exist in our records.")
    public static let signatureDoesNotMatch = OSSError(
        code: "SignatureDoesNotMatch", status: 403,
        message:
            "The request signature we calculated does not match the signature you provided. Check your key and signing method."
    )
    public static let requestTimeTooSkewed = OSSError(
        code: "RequestTimeTooSkewed", status: 403,
        message: "The difference between the request time and the current time is too large.")
    public static let invalidObjectState = OSSError(
        code: "InvalidObjectState", status: 403, message: "The operation is not valid for the object's state.")

    // MARK: 404

    public static func noSuchBucket(_ bucket: String) -> OSSError {
        OSSError(
            code: "NoSuchBucket", status: 404, message: "The specified bucket does not exist.", ec: "0015-00000101"
        ).with("BucketName", bucket)
    }
    public static func noSuchKey(_ key: String) -> OSSError {
        OSSError(code: "NoSuchKey", status: 404, message: "The specified key does not exist.", ec: "0026-00000001")
            .with("Key", key)
    }
    public static let symlinkTargetNotExist = OSSError(
        code: "SymlinkTargetNotExist", status: 404, message: "The symlink target object does not exist",
        ec: "0026-00000012")

    // MARK: 405, 409, 411, 412, 416

    public static let methodNotAllowed = OSSError(
        code: "MethodNotAllowed", status: 405, message: "The specified method is not allowed against this resource.")
    public static let bucketAlreadyExists = OSSError(
        code: "BucketAlreadyExists", status: 409, message: "The requested bucket name is not available.")
    public static let bucketNotEmpty = OSSError(
        code: "BucketNotEmpty", status: 409, message: "The bucket you tried to delete is not empty.")
    public static let fileAlreadyExists = OSSError(
        code: "FileAlreadyExists", status: 409,
        message: "The object you specified already exists and can not be overwritten.")
    public static let objectNotAppendable = OSSError(
        code: "ObjectNotAppendable", status: 409, message: "The object is not appendable.")
    public static func positionNotEqualToLength(_ next: Int64) -> OSSError {
        OSSError(code: "PositionNotEqualToLength", status: 409, message: "Position is not equal to file length.")
            .withHeader("x-oss-next-append-position", String(next))
    }
    public static let restoreAlreadyInProgress = OSSError(
        code: "RestoreAlreadyInProgress", status: 409, message: "The restore operation is in progress.")
    public static let noSuchUpload = OSSError(
        code: "NoSuchUpload", status: 404,
        message:
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."
    )
    public static let invalidPart = OSSError(
        code: "InvalidPart", status: 400,
        message:
            "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag."
    )
    public static let invalidPartOrder = OSSError(
        code: "InvalidPartOrder", status: 400, message: "The list of parts was not in ascending order.")
    public static let entityTooSmall = OSSError(
        code: "EntityTooSmall", status: 400, message: "Your proposed upload is smaller than the minimum allowed size.")
    public static let missingContentLength = OSSError(
        code: "MissingContentLength", status: 411, message: "You must provide the Content-Length HTTP header.")
    public static let preconditionFailed = OSSError(
        code: "PreconditionFailed", status: 412,
        message: "At least one of the pre-conditions you specified did not hold.")
    public static let invalidRange = OSSError(
        code: "InvalidRange", status: 416, message: "The requested range cannot be satisfied.")

    // MARK: 500, 503

    public static let internalError = OSSError(
        code: "InternalError", status: 500, message: "We encountered an internal error. Please try again.")
    public static let insufficientStorage = OSSError(
        code: "InsufficientStorage", status: 507,
        message: "There is not enough space on the server to store the object.")
    public static let serviceUnavailable = OSSError(
        code: "ServiceUnavailable", status: 503, message: "Please reduce your request rate.")
}

extension OSSError {
    public static let noSuchBucketPolicy = OSSError(
        code: "NoSuchBucketPolicy", status: 404, message: "The specified bucket policy does not exist.")
    public static let securityTokenExpired = OSSError(
        code: "SecurityTokenExpired", status: 403, message: "The security token you provided has expired.")
    public static let invalidSecurityToken = OSSError(
        code: "InvalidSecurityToken", status: 403, message: "The security token you provided is invalid.")
    public static let userDisabled = OSSError(
        code: "UserDisable", status: 403, message: "UserDisable", ec: "0003-00000801")
    public static func noSuchUser(_ name: String) -> OSSError {
        OSSError(code: "NoSuchUser", status: 404, message: "The specified user does not exist.").with("UserName", name)
    }
    public static let userAlreadyExists = OSSError(
        code: "UserAlreadyExists", status: 409, message: "The specified user already exists.")
    public static let noSuchAccessKey = OSSError(
        code: "NoSuchAccessKey", status: 404, message: "The specified access key does not exist.")
    public static let noSuchPolicy = OSSError(
        code: "NoSuchPolicy", status: 404, message: "The specified policy is not attached to the user.")
}
