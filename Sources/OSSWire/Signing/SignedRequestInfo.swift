import Foundation

/// What ``SignatureVerifier/inspect(_:now:)`` found in a signed request: who claims to have
/// signed it, how, and the values needed to recompute the signature.
public struct SignedRequestInfo: Sendable {
    /// The signature algorithm.
    public var version: SignatureVersion
    /// The access key id the request claims; look its secret up before calling `verify`.
    public var accessKeyId: String
    /// The STS token: `x-oss-security-token` header, `security-token` / `x-oss-security-token`
    /// query parameter, or (Python v2 V1 quirk) a `security-token` header.
    public var securityToken: String?
    /// Whether the signature travels in the query string (presigned URL).
    public var isPresigned: Bool
    /// The signature as provided (query values already percent-decoded).
    public var signature: String
    /// Extra signed header names (V2 `AdditionalHeaders`, V4 `AdditionalHeaders` or
    /// `x-oss-additional-headers`), lower-cased.
    public var additionalHeaders: [String]
    /// The region of the V4 credential scope; `nil` for V1 and V2.
    public var region: String?
    /// The time the request says it was signed (`Date`/`x-oss-date`), when known.
    public var signedAt: Date?
    /// When a presigned URL stops being valid; `nil` for header signatures.
    public var expiresAt: Date?

    /// The text on the Date line of the V1/V2 string to sign (`Date`, `x-oss-date` or `Expires`).
    var dateLine: String
    /// V4: the `x-oss-date` value (`yyyyMMddTHHmmssZ`) used in the string to sign.
    var v4DateTime: String
    /// V4: the scope date (`yyyyMMdd`) and product from the credential.
    var v4ScopeDate: String
    var v4Product: String

    init(
        version: SignatureVersion, accessKeyId: String, securityToken: String?, isPresigned: Bool,
        signature: String, additionalHeaders: [String] = [], region: String? = nil, signedAt: Date? = nil,
        expiresAt: Date? = nil, dateLine: String = "", v4DateTime: String = "", v4ScopeDate: String = "",
        v4Product: String = "oss"
    ) {
        self.version = version
        self.accessKeyId = accessKeyId
        self.securityToken = securityToken
        self.isPresigned = isPresigned
        self.signature = signature
        self.additionalHeaders = additionalHeaders
        self.region = region
        self.signedAt = signedAt
        self.expiresAt = expiresAt
        self.dateLine = dateLine
        self.v4DateTime = v4DateTime
        self.v4ScopeDate = v4ScopeDate
        self.v4Product = v4Product
    }
}
