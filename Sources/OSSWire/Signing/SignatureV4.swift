import Foundation

/// Signature V4 (`OSS4-HMAC-SHA256`), shared by the verifier and the signer.
enum SignatureV4 {
    static let algorithm = "OSS4-HMAC-SHA256"
    static let unsignedPayload = "UNSIGNED-PAYLOAD"
    static let terminator = "aliyun_v4_request"

    /// The canonical request. The query is canonicalised from the raw bytes as received
    /// (only `+` becomes `%20`, as Go v2 does), so it matches every SDK's wire encoding.
    static func canonicalRequest(_ request: SigningRequest, additionalHeaders: [String]) -> String {
        let additional = SignatureV2.normalised(additionalHeaders)
        var text = request.method + "\n" + canonicalURI(request) + "\n" + canonicalQuery(request.query.raw) + "\n"
        let signed = request.canonicalHeaders { name in
            name.hasPrefix("x-oss-") || name == "content-type" || name == "content-md5" || additional.contains(name)
        }
        for header in signed {
            text += header.name + ":" + header.value + "\n"
        }
        text += "\n" + additional.joined(separator: ";") + "\n"
        return text + (request.signingHeader("x-oss-content-sha256") ?? unsignedPayload)
    }

    /// `/bucket/key` re-encoded from the decoded key (`/` kept), `/bucket/`, or `/`.
    static func canonicalURI(_ request: SigningRequest) -> String {
        guard let bucket = request.bucket else { return "/" }
        return SignatureText.encode("/" + bucket + "/" + (request.key ?? ""), keepSlash: true)
    }

    /// Raw items sorted by name then value, `x-oss-signature` left out.
    static func canonicalQuery(_ rawQuery: String) -> String {
        canonicalQuery(SignatureText.rawItems(rawQuery))
    }

    /// ``canonicalQuery(_:)-(String)`` of items already split.
    static func canonicalQuery(_ rawItems: [(name: String, value: String)]) -> String {
        let items = rawItems
            .map { (name: plusToSpace($0.name), value: plusToSpace($0.value)) }
            .filter { $0.name != "x-oss-signature" }
            .sorted(by: SignatureText.itemLess)
        return SignatureText.joinItems(items)
    }

    /// `OSS4-HMAC-SHA256\n<x-oss-date>\n<scope>\n<hex sha256(canonical request)>`.
    static func stringToSign(dateTime: String, scope: String, canonicalRequest: String) -> String {
        algorithm + "\n" + dateTime + "\n" + scope + "\n" + SignatureCrypto.sha256Hex(canonicalRequest)
    }

    /// `<yyyymmdd>/<region>/<product>/aliyun_v4_request`.
    static func scope(date: String, region: String, product: String = "oss") -> String {
        date + "/" + region + "/" + product + "/" + terminator
    }

    /// Lower-case hex HMAC-SHA256 with the key derived from the secret and the scope.
    static func signature(_ stringToSign: String, secret: String, date: String, region: String, product: String = "oss")
        -> String
    {
        let keyed = SigningKeys.v4(secret: secret, date: date, region: region, product: product)
        return SignatureCrypto.lowerHex(Data(SignatureCrypto.mac(keyed, stringToSign)))
    }

    /// `+` as `%20`. The test is byte-wise: `String.contains(_:)` with a string argument
    /// resolves to Foundation's `range(of:)`, which bridges through NSString per query item.
    private static func plusToSpace(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "+")) else { return text }
        return text.replacingOccurrences(of: "+", with: "%20")
    }
}
