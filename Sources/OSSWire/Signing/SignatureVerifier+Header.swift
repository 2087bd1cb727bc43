import Foundation
import OSSModel

/// Parsing of `Authorization: OSS ...`, `OSS2 ...` and `OSS4-HMAC-SHA256 ...`.
extension SignatureVerifier {
    static func inspectHeader(_ authorization: String, _ request: SigningRequest, now: Date) throws(OSSError)
        -> SignedRequestInfo
    {
        let text = SignatureText.trim(authorization)
        if text.hasPrefix(SignatureV4.algorithm + " ") {
            return try inspectHeaderV4(String(text.dropFirst(SignatureV4.algorithm.count + 1)), request, now: now)
        }
        if text.hasPrefix("OSS2 ") {
            return try inspectHeaderV2(String(text.dropFirst(5)), request, now: now)
        }
        if text.hasPrefix("OSS ") {
            return try inspectHeaderV1(String(text.dropFirst(4)), request, now: now)
        }
        throw SignatureErrors.invalidAuthorization()
    }

    /// `OSS <ak>:<signature>`.
    private static func inspectHeaderV1(_ rest: String, _ request: SigningRequest, now: Date) throws(OSSError)
        -> SignedRequestInfo
    {
        let credential = SignatureText.trim(rest)
        guard let colon = credential.firstIndex(of: ":") else { throw SignatureErrors.invalidAuthorization() }
        let accessKeyId = String(credential[..<colon])
        let signature = String(credential[credential.index(after: colon)...])
        guard !accessKeyId.isEmpty, !signature.isEmpty else { throw SignatureErrors.invalidAuthorization() }
        let date = try headerDate(request, preferring: ["x-oss-date", "date"], now: now)
        return SignedRequestInfo(
            version: .v1, accessKeyId: accessKeyId, securityToken: securityToken(request, queryName: nil),
            isPresigned: false, signature: signature, signedAt: date.time, dateLine: date.text)
    }

    /// `OSS2 AccessKeyId:<ak>[,AdditionalHeaders:<h1;h2>],Signature:<signature>`.
    private static func inspectHeaderV2(_ rest: String, _ request: SigningRequest, now: Date) throws(OSSError)
        -> SignedRequestInfo
    {
        let fields = try authorizationFields(rest, separator: ":")
        guard let accessKeyId = fields["AccessKeyId"], let signature = fields["Signature"],
            !accessKeyId.isEmpty, !signature.isEmpty
        else { throw SignatureErrors.invalidAuthorization() }
        // oss2 puts only `Date` on the V2 date line; x-oss-date is just another x-oss- header.
        let date = try headerDate(request, preferring: ["date", "x-oss-date"], now: now)
        return SignedRequestInfo(
            version: .v2, accessKeyId: accessKeyId, securityToken: securityToken(request, queryName: nil),
            isPresigned: false, signature: signature, additionalHeaders: headerList(fields["AdditionalHeaders"]),
            signedAt: date.time, dateLine: request.signingHeader("date") ?? "")
    }

    /// `OSS4-HMAC-SHA256 Credential=<ak>/<date>/<region>/oss/aliyun_v4_request[,AdditionalHeaders=..],Signature=..`,
    /// fields in any order, separated by `,` or `, `.
    private static func inspectHeaderV4(_ rest: String, _ request: SigningRequest, now: Date) throws(OSSError)
        -> SignedRequestInfo
    {
        let fields = try authorizationFields(rest, separator: "=")
        guard let credential = fields["Credential"], let signature = fields["Signature"], !signature.isEmpty else {
            throw SignatureErrors.invalidAuthorization()
        }
        let scope = try credentialScope(credential)
        try checkContentSHA256(request)
        guard let dateTime = request.signingHeader("x-oss-date"), !dateTime.isEmpty else {
            throw SignatureErrors.missingDate
        }
        guard let time = SignatureDate.parseISO8601Basic(dateTime) else {
            throw SignatureErrors.invalidDate("x-oss-date", dateTime)
        }
        guard dateTime.hasPrefix(scope.date) else { throw SignatureErrors.invalidSignDate(credential) }
        try checkSkew(time, text: dateTime, now: now)
        return SignedRequestInfo(
            version: .v4, accessKeyId: scope.accessKeyId, securityToken: securityToken(request, queryName: nil),
            isPresigned: false, signature: signature, additionalHeaders: headerList(fields["AdditionalHeaders"]),
            region: scope.region, signedAt: Date(timeIntervalSince1970: TimeInterval(time)),
            v4DateTime: dateTime, v4ScopeDate: scope.date, v4Product: scope.product)
    }

    /// Splits `Name<sep>value` fields separated by `,` (optionally followed by spaces).
    private static func authorizationFields(_ text: String, separator: Character) throws(OSSError) -> [String: String] {
        var fields: [String: String] = [:]
        for part in text.split(separator: ",") {
            let field = SignatureText.trim(String(part))
            guard let index = field.firstIndex(of: separator) else { throw SignatureErrors.invalidAuthorization() }
            let name = SignatureText.trim(String(field[..<index]))
            guard fields[name] == nil else { throw SignatureErrors.invalidAuthorization() }
            fields[name] = SignatureText.trim(String(field[field.index(after: index)...]))
        }
        return fields
    }

    /// `h1;h2` as lower-cased names.
    static func headerList(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(separator: ";").map { SignatureText.trim(String($0)).lowercased() }.filter { !$0.isEmpty }
    }

    /// `<ak>/<yyyymmdd>/<region>/<product>/aliyun_v4_request`.
    static func credentialScope(_ credential: String) throws(OSSError)
        -> (accessKeyId: String, date: String, region: String, product: String)
    {
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, !parts[0].isEmpty, !parts[2].isEmpty, !parts[3].isEmpty,
            parts[4] == SignatureV4.terminator
        else { throw SignatureErrors.invalidCredential(credential) }
        guard parts[1].utf8.count == 8, parts[1].utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { throw SignatureErrors.invalidSignDate(credential) }
        return (parts[0], parts[1], parts[2], parts[3])
    }

    static func checkContentSHA256(_ request: SigningRequest) throws(OSSError) {
        if let value = request.signingHeader("x-oss-content-sha256"), value != SignatureV4.unsignedPayload {
            throw SignatureErrors.invalidContentSHA256(value)
        }
    }

    /// The first present header among `names`, parsed (RFC 1123 or ISO 8601 basic) and
    /// checked against the clock.
    private static func headerDate(_ request: SigningRequest, preferring names: [String], now: Date) throws(OSSError)
        -> (text: String, time: Date)
    {
        guard let (name, text) = names.lazy.compactMap({ name in request.signingHeader(name).map { (name, $0) } })
            .first(where: { !$0.1.isEmpty })
        else { throw SignatureErrors.missingDate }
        guard let time = SignatureDate.parseAny(text) else { throw SignatureErrors.invalidDate(name, text) }
        try checkSkew(time, text: text, now: now)
        return (text, Date(timeIntervalSince1970: TimeInterval(time)))
    }

    private static func checkSkew(_ time: Int, text: String, now: Date) throws(OSSError) {
        if abs(TimeInterval(time) - now.timeIntervalSince1970) > maximumSkew {
            throw SignatureErrors.skewed(requestTime: text, now: now)
        }
    }
}
