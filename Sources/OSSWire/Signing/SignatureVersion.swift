/// The OSS signature algorithms a request can be signed with.
public enum SignatureVersion: Sendable, Equatable {
    /// `OSS ak:sig` / `OSSAccessKeyId`+`Expires`+`Signature`: HMAC-SHA1.
    case v1
    /// `OSS2 ...` / `x-oss-signature-version=OSS2`: HMAC-SHA256 (oss2 only).
    case v2
    /// `OSS4-HMAC-SHA256 ...` / `x-oss-signature-version=OSS4-HMAC-SHA256`.
    case v4
}
