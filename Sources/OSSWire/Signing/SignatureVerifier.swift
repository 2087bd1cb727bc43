import Foundation
import OSSModel

/// Server-side checking of OSS request signatures (V1, V2 and V4; header and presigned URL).
///
/// Checking happens in two steps so the caller can look the access key up in between:
/// ``inspect(_:now:)`` parses the request and applies the time rules without any secret, and
/// ``verify(_:_:secret:)`` recomputes the signature with the secret of
/// ``SignedRequestInfo/accessKeyId``.
public enum SignatureVerifier {
    /// Largest accepted difference between a header-signed request's date and the server clock.
    public static let maximumSkew: TimeInterval = 15 * 60
    /// Longest validity of a V4 presigned URL (`x-oss-expires`), in seconds.
    public static let maximumV4Expires = 604_800

    /// Parses how the request is signed, without a secret, and applies the time rules.
    ///
    /// - Returns: `.anonymous` when there is neither an `Authorization` header nor signature
    ///   query parameters, else `.signed` with what is needed to verify.
    /// - Throws: `OSSError`:
    ///   - malformed `Authorization`, unknown scheme or bad credential: `400 InvalidArgument`;
    ///   - signature both in the header and in the query: `400 InvalidArgument`;
    ///   - V1 URL missing one of `OSSAccessKeyId`/`Expires`/`Signature` (V2/V4 URLs: their
    ///     own required parameters): `403 AccessDenied`;
    ///   - expired URL (V1/V2: `now > Expires`; V4: `now > x-oss-date + x-oss-expires`):
    ///     `403 AccessDenied` "Request has expired."; `x-oss-expires > 604800`: `400 InvalidArgument`;
    ///   - header signature without `Date`/`x-oss-date`: `403 AccessDenied` (EC `0002-00000503`);
    ///     unparsable date: `400 InvalidArgument` (EC `0002-00000502`);
    ///   - header date more than 15 minutes from `now`: `403 RequestTimeTooSkewed` with
    ///     `RequestTime` and `ServerTime` details;
    ///   - V4 `x-oss-content-sha256` other than `UNSIGNED-PAYLOAD`: `400 InvalidArgument`
    ///     (EC `0002-00000214`); scope date different from the date of `x-oss-date`:
    ///     `400 InvalidArgument` (EC `0002-00000223`).
    public static func inspect(_ request: SigningRequest, now: Date) throws(OSSError) -> RequestAuthentication {
        let queryVersion = try presignedVersion(request.query)
        if let authorization = request.signingHeader("authorization"), !authorization.isEmpty {
            guard queryVersion == nil else { throw SignatureErrors.bothHeaderAndQuery }
            return .signed(try inspectHeader(authorization, request, now: now))
        }
        guard let queryVersion else { return .anonymous }
        switch queryVersion {
        case .v1: return .signed(try inspectQueryV1(request, now: now))
        case .v2: return .signed(try inspectQueryV2(request, now: now))
        case .v4: return .signed(try inspectQueryV4(request, now: now))
        }
    }

    /// Recomputes the signature with `secret` and compares it in constant time.
    ///
    /// - Parameters:
    ///   - request: the same request that was given to ``inspect(_:now:)``.
    ///   - info: what `inspect` returned for it.
    ///   - secret: the AccessKeySecret of `info.accessKeyId`.
    /// - Throws: `403 SignatureDoesNotMatch` with details `StringToSign`, `StringToSignBytes`
    ///   (space-separated lower-case hex), `SignatureProvided` and `OSSAccessKeyId`; for V4
    ///   also EC `0002-00000201` and `CanonicalRequest`/`CanonicalRequestBytes`.
    public static func verify(_ request: SigningRequest, _ info: SignedRequestInfo, secret: String) throws(OSSError) {
        let stringToSign: String
        let expected: String
        var provided = info.signature
        var canonicalRequest: String?
        switch info.version {
        case .v1:
            stringToSign = SignatureV1.stringToSign(request, dateLine: info.dateLine)
            expected = SignatureV1.signature(stringToSign, secret: secret)
        case .v2:
            stringToSign = SignatureV2.stringToSign(
                request, dateLine: info.dateLine, additionalHeaders: info.additionalHeaders)
            expected = SignatureV2.signature(stringToSign, secret: secret)
        case .v4:
            let canonical = SignatureV4.canonicalRequest(request, additionalHeaders: info.additionalHeaders)
            let region = info.region ?? ""
            let scope = SignatureV4.scope(date: info.v4ScopeDate, region: region, product: info.v4Product)
            stringToSign = SignatureV4.stringToSign(dateTime: info.v4DateTime, scope: scope, canonicalRequest: canonical)
            expected = SignatureV4.signature(
                stringToSign, secret: secret, date: info.v4ScopeDate, region: region, product: info.v4Product)
            provided = provided.lowercased()
            canonicalRequest = canonical
        }
        guard SignatureCrypto.constantTimeEquals(expected, provided) else {
            throw SignatureErrors.mismatch(
                stringToSign: stringToSign, provided: info.signature, accessKeyId: info.accessKeyId,
                canonicalRequest: canonicalRequest)
        }
    }

    /// Which presigned-URL scheme the query uses, if any.
    static func presignedVersion(_ query: SigningQuery) throws(OSSError) -> SignatureVersion? {
        guard !query.raw.isEmpty else { return nil }
        if query.has("x-oss-signature-version") {
            let value = query.value("x-oss-signature-version") ?? ""
            switch value {
            case "OSS2": return .v2
            case SignatureV4.algorithm: return .v4
            default: throw SignatureErrors.unsupportedVersion(value)
            }
        }
        if ["OSSAccessKeyId", "Signature", "Expires"].contains(where: query.has) { return .v1 }
        if ["x-oss-signature", "x-oss-credential"].contains(where: query.has) { return .v4 }
        return nil
    }

    /// The STS token carried by the request, wherever the SDKs put it.
    static func securityToken(_ request: SigningRequest, queryName: String?) -> String? {
        if let token = request.signingHeader("x-oss-security-token"), !token.isEmpty { return token }
        if let queryName, let token = request.query.value(queryName), !token.isEmpty {
            return token
        }
        if let token = request.signingHeader("security-token"), !token.isEmpty { return token }
        return nil
    }
}
