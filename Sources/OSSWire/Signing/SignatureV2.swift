/// Signature V2 (`OSS2 AccessKeyId:..,AdditionalHeaders:..,Signature:..`, HMAC-SHA256), as
/// oss2's `ProviderAuthV2` computes it: like V1, but the resource is percent-encoded
/// (including `/`), every query parameter is signed, and extra headers can be listed.
enum SignatureV2 {
    /// The string to sign. `dateLine` is the `Date` header (header signing) or
    /// `x-oss-expires` (URL signing); `x-oss-signature` is never part of it.
    static func stringToSign(_ request: SigningRequest, dateLine: String, additionalHeaders: [String]) -> String {
        let additional = normalised(additionalHeaders)
        var text = request.method + "\n"
        text += (request.signingHeader("content-md5") ?? "") + "\n"
        text += (request.signingHeader("content-type") ?? "") + "\n"
        text += dateLine + "\n"
        for header in request.canonicalHeaders(where: { $0.hasPrefix("x-oss-") || additional.contains($0) }) {
            text += header.name + ":" + header.value + "\n"
        }
        text += additional.joined(separator: ";") + "\n"
        return text + canonicalResource(request)
    }

    /// The encoded `/bucket/key` (or `/`) followed by `?` and all encoded, sorted parameters.
    static func canonicalResource(_ request: SigningRequest) -> String {
        var path = "/"
        if let bucket = request.bucket {
            path += bucket + "/" + (request.key ?? "")
        }
        let items = request.query.decoded
            .filter { $0.name != "x-oss-signature" }
            .map { (name: SignatureText.encode($0.name, keepSlash: false), value: SignatureText.encode($0.value, keepSlash: false)) }
            .sorted(by: SignatureText.itemLess)
        let resource = SignatureText.encode(path, keepSlash: false)
        return items.isEmpty ? resource : resource + "?" + SignatureText.joinItems(items)
    }

    /// Base64(HMAC-SHA256(secret, stringToSign)).
    static func signature(_ stringToSign: String, secret: String) -> String {
        SignatureCrypto.hmacSHA256Base64(key: secret, message: stringToSign)
    }

    /// Lower-cased, de-duplicated, byte-sorted header names.
    static func normalised(_ names: [String]) -> [String] {
        Set(names.map { SignatureText.trim($0).lowercased() }.filter { !$0.isEmpty })
            .sorted(by: SignatureText.bytesLess)
    }
}
