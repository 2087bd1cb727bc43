/// Signature V1 (`OSS ak:signature`, HMAC-SHA1), shared by the verifier and the signer.
enum SignatureV1 {
    /// `VERB\nContent-MD5\nContent-Type\nDate\n` + canonical `x-oss-` headers + canonical
    /// resource. `dateLine` is `x-oss-date`/`Date` for header signing, `Expires` for URLs.
    static func stringToSign(_ request: SigningRequest, dateLine: String) -> String {
        var text = request.method + "\n"
        text += (request.signingHeader("content-md5") ?? "") + "\n"
        text += (request.signingHeader("content-type") ?? "") + "\n"
        text += dateLine + "\n"
        for header in request.canonicalHeaders(where: { $0.hasPrefix("x-oss-") }) {
            text += header.name + ":" + header.value + "\n"
        }
        return text + canonicalResource(request)
    }

    /// `/bucket/key` with the decoded key (`/bucket/` for bucket operations, `/` without a
    /// bucket), then `?` and the signed sub-resources with decoded values, sorted.
    static func canonicalResource(_ request: SigningRequest) -> String {
        var resource = "/"
        if let bucket = request.bucket {
            resource += bucket + "/" + (request.key ?? "")
        }
        let signed = request.query.decoded
            .filter { SignatureSubResources.isSigned($0.name) }
            .sorted(by: SignatureText.itemLess)
        return signed.isEmpty ? resource : resource + "?" + SignatureText.joinItems(signed)
    }

    /// Base64(HMAC-SHA1(secret, stringToSign)).
    static func signature(_ stringToSign: String, secret: String) -> String {
        SignatureCrypto.hmacSHA1Base64(key: secret, message: stringToSign)
    }
}
