import Foundation
import OSSModel

/// Parsing of presigned URLs (signature in the query string).
extension SignatureVerifier {
    /// `OSSAccessKeyId`, `Expires` (unix seconds), `Signature`, optional `security-token`.
    static func inspectQueryV1(_ request: SigningRequest, now: Date) throws(OSSError) -> SignedRequestInfo {
        let query = request.query
        guard let accessKeyId = query.value("OSSAccessKeyId"), !accessKeyId.isEmpty,
            let expires = query.value("Expires"), !expires.isEmpty,
            let signature = query.signatureValue("Signature"), !signature.isEmpty
        else { throw SignatureErrors.missingQueryParameters }
        let expiresAt = try expiry(expires, name: "Expires", now: now)
        return SignedRequestInfo(
            version: .v1, accessKeyId: accessKeyId, securityToken: securityToken(request, queryName: "security-token"),
            isPresigned: true, signature: signature, expiresAt: expiresAt, dateLine: expires)
    }

    /// oss2's V2 URL: `x-oss-signature-version=OSS2`, `x-oss-access-key-id`, `x-oss-expires`
    /// (unix seconds), optional `x-oss-additional-headers`, `x-oss-signature`.
    static func inspectQueryV2(_ request: SigningRequest, now: Date) throws(OSSError) -> SignedRequestInfo {
        let query = request.query
        guard let accessKeyId = query.value("x-oss-access-key-id"), !accessKeyId.isEmpty,
            let expires = query.value("x-oss-expires"), !expires.isEmpty,
            let signature = query.signatureValue("x-oss-signature"), !signature.isEmpty
        else {
            throw SignatureErrors.missingV4QueryParameters("x-oss-signature, x-oss-expires and x-oss-access-key-id")
        }
        let expiresAt = try expiry(expires, name: "x-oss-expires", now: now)
        return SignedRequestInfo(
            version: .v2, accessKeyId: accessKeyId, securityToken: securityToken(request, queryName: "security-token"),
            isPresigned: true, signature: signature,
            additionalHeaders: headerList(query.value("x-oss-additional-headers")),
            expiresAt: expiresAt, dateLine: expires)
    }

    /// `x-oss-signature-version=OSS4-HMAC-SHA256`, `x-oss-credential`, `x-oss-date`,
    /// `x-oss-expires` (seconds, at most 604800), optional `x-oss-additional-headers` and
    /// `x-oss-security-token`, `x-oss-signature`.
    static func inspectQueryV4(_ request: SigningRequest, now: Date) throws(OSSError) -> SignedRequestInfo {
        let query = request.query
        guard let credential = query.value("x-oss-credential"), !credential.isEmpty,
            let dateTime = query.value("x-oss-date"), !dateTime.isEmpty,
            let expires = query.value("x-oss-expires"), !expires.isEmpty,
            let signature = query.signatureValue("x-oss-signature"), !signature.isEmpty
        else {
            throw SignatureErrors.missingV4QueryParameters(
                "x-oss-signature, x-oss-date, x-oss-expires and x-oss-credential")
        }
        let scope = try credentialScope(credential)
        guard let time = SignatureDate.parseISO8601Basic(dateTime) else {
            throw SignatureErrors.invalidDate("x-oss-date", dateTime)
        }
        guard dateTime.hasPrefix(scope.date) else { throw SignatureErrors.invalidSignDate(credential) }
        guard let seconds = Int(expires), seconds >= 0 else {
            throw SignatureErrors.invalidExpires("x-oss-expires", expires)
        }
        guard seconds <= maximumV4Expires else { throw SignatureErrors.expiresTooLong }
        try checkContentSHA256(request)
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(time + seconds))
        guard now <= expiresAt else { throw SignatureErrors.expired(expires: expiresAt, now: now) }
        return SignedRequestInfo(
            version: .v4, accessKeyId: scope.accessKeyId,
            securityToken: securityToken(request, queryName: "x-oss-security-token"), isPresigned: true,
            signature: signature,
            additionalHeaders: headerList(query.value("x-oss-additional-headers")),
            region: scope.region, signedAt: Date(timeIntervalSince1970: TimeInterval(time)), expiresAt: expiresAt,
            v4DateTime: dateTime, v4ScopeDate: scope.date, v4Product: scope.product)
    }

    /// Parses a unix-seconds expiry and rejects it once `now` is past it.
    private static func expiry(_ text: String, name: String, now: Date) throws(OSSError) -> Date {
        guard let seconds = Int(text) else { throw SignatureErrors.invalidExpires(name, text) }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard now <= expiresAt else { throw SignatureErrors.expired(expires: expiresAt, now: now) }
        return expiresAt
    }
}
