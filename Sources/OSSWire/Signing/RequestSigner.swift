import Foundation

/// Client-side OSS signing, used by our CLI and by tests. Each method returns what to add to
/// the request; the request itself is not modified.
public enum RequestSigner {
    /// Signs with V1 (HMAC-SHA1) in the `Authorization` header.
    ///
    /// - Returns: the headers to add: `Date` (RFC 1123 of `date`), `x-oss-security-token`
    ///   when a token is given, and `Authorization: OSS <ak>:<signature>`. An `x-oss-date`
    ///   header already on the request takes the Date line, as the server expects; an empty
    ///   one does not (the server skips it and reads `Date`).
    public static func signV1(
        _ request: SigningRequest, accessKeyId: String, secret: String, date: Date, securityToken: String? = nil
    ) -> [(name: String, value: String)] {
        var added: [(name: String, value: String)] = [("Date", SignatureDate.rfc1123(date))]
        if let securityToken { added.append(("x-oss-security-token", securityToken)) }
        var signed = request
        signed.headers += added
        let dateLine = ["x-oss-date", "date"].lazy.compactMap { signed.signingHeader($0) }.first { !$0.isEmpty } ?? ""
        let signature = SignatureV1.signature(SignatureV1.stringToSign(signed, dateLine: dateLine), secret: secret)
        added.append(("Authorization", "OSS \(accessKeyId):\(signature)"))
        return added
    }

    /// Signs with V4 (`OSS4-HMAC-SHA256`) in the `Authorization` header.
    ///
    /// - Parameter additionalHeaders: extra header names to sign (e.g. `host`); names that
    ///   V4 signs anyway, and names absent from the request, are dropped as the SDKs do.
    /// - Returns: the headers to add: `x-oss-date`, `x-oss-content-sha256: UNSIGNED-PAYLOAD`,
    ///   `Date`, `x-oss-security-token` when a token is given, and `Authorization`.
    public static func signV4(
        _ request: SigningRequest, accessKeyId: String, secret: String, region: String, date: Date,
        additionalHeaders: [String] = [], securityToken: String? = nil
    ) -> [(name: String, value: String)] {
        let dateTime = SignatureDate.iso8601Basic(date)
        let day = String(dateTime.prefix(8))
        var added: [(name: String, value: String)] = [
            ("x-oss-date", dateTime), ("x-oss-content-sha256", SignatureV4.unsignedPayload),
            ("Date", SignatureDate.rfc1123(date)),
        ]
        if let securityToken { added.append(("x-oss-security-token", securityToken)) }
        var signed = request
        signed.headers += added
        let additional = extraSignedHeaders(additionalHeaders, present: signed)
        let scope = SignatureV4.scope(date: day, region: region)
        let canonical = SignatureV4.canonicalRequest(signed, additionalHeaders: additional)
        let stringToSign = SignatureV4.stringToSign(dateTime: dateTime, scope: scope, canonicalRequest: canonical)
        let signature = SignatureV4.signature(stringToSign, secret: secret, date: day, region: region)
        var authorization = "\(SignatureV4.algorithm) Credential=\(accessKeyId)/\(scope)"
        if !additional.isEmpty { authorization += ",AdditionalHeaders=" + additional.joined(separator: ";") }
        added.append(("Authorization", authorization + ",Signature=" + signature))
        return added
    }

    /// Builds a V1 presigned query.
    ///
    /// - Returns: the full raw query to send: the request's `rawQuery` (unchanged), then
    ///   `security-token` (if any), `OSSAccessKeyId`, `Expires` (unix seconds of `expires`) and
    ///   `Signature`, percent-encoded. Headers on `request` (Content-Type, Content-MD5,
    ///   `x-oss-*`) are signed and must be sent with the URL.
    public static func presignV1(
        _ request: SigningRequest, accessKeyId: String, secret: String, expires: Date, securityToken: String? = nil
    ) -> String {
        let expiresText = String(Int(expires.timeIntervalSince1970.rounded(.down)))
        var items: [(name: String, value: String)] = []
        if let securityToken { items.append(("security-token", securityToken)) }
        items += [("OSSAccessKeyId", accessKeyId), ("Expires", expiresText)]
        var signed = request
        signed.rawQuery = appending(items, to: request.rawQuery)
        let signature = SignatureV1.signature(SignatureV1.stringToSign(signed, dateLine: expiresText), secret: secret)
        return appending([("Signature", signature)], to: signed.rawQuery)
    }

    /// Builds a V4 presigned query valid for `expiresIn` seconds from `date`.
    ///
    /// - Parameter additionalHeaders: extra header names to sign; they must then be sent with
    ///   the URL. Names V4 signs anyway and names absent from the request are dropped.
    /// - Returns: the full raw query: the request's `rawQuery`, then
    ///   `x-oss-signature-version`, `x-oss-date`, `x-oss-expires`, `x-oss-credential`,
    ///   `x-oss-additional-headers` and `x-oss-security-token` when present, and `x-oss-signature`.
    public static func presignV4(
        _ request: SigningRequest, accessKeyId: String, secret: String, region: String, date: Date, expiresIn: Int,
        securityToken: String? = nil, additionalHeaders: [String] = []
    ) -> String {
        let dateTime = SignatureDate.iso8601Basic(date)
        let day = String(dateTime.prefix(8))
        let scope = SignatureV4.scope(date: day, region: region)
        let additional = extraSignedHeaders(additionalHeaders, present: request)
        var items: [(name: String, value: String)] = [
            ("x-oss-signature-version", SignatureV4.algorithm), ("x-oss-date", dateTime),
            ("x-oss-expires", String(expiresIn)), ("x-oss-credential", "\(accessKeyId)/\(scope)"),
        ]
        if !additional.isEmpty { items.append(("x-oss-additional-headers", additional.joined(separator: ";"))) }
        if let securityToken { items.append(("x-oss-security-token", securityToken)) }
        var signed = request
        signed.rawQuery = appending(items, to: request.rawQuery)
        let canonical = SignatureV4.canonicalRequest(signed, additionalHeaders: additional)
        let stringToSign = SignatureV4.stringToSign(dateTime: dateTime, scope: scope, canonicalRequest: canonical)
        let signature = SignatureV4.signature(stringToSign, secret: secret, date: day, region: region)
        return appending([("x-oss-signature", signature)], to: signed.rawQuery)
    }

    private static func appending(_ items: [(name: String, value: String)], to rawQuery: String) -> String {
        let encoded = items.map {
            SignatureText.encode($0.name, keepSlash: false) + "=" + SignatureText.encode($0.value, keepSlash: false)
        }
        return ([rawQuery].filter { !$0.isEmpty } + encoded).joined(separator: "&")
    }

    private static func extraSignedHeaders(_ names: [String], present request: SigningRequest) -> [String] {
        SignatureV2.normalised(names).filter { name in
            !(name.hasPrefix("x-oss-") || name == "content-type" || name == "content-md5")
                && request.signingHeader(name) != nil
        }
    }
}
