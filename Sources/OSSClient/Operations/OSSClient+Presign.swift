import Foundation
import OSSWire

extension OSSClient {
    /// A presigned URL for `method` on `bucket/key`, valid for `expiresIn` seconds from `now`.
    ///
    /// V4 puts `x-oss-signature-version`, `x-oss-date`, `x-oss-expires`, `x-oss-credential`
    /// and `x-oss-signature` in the query; V1 puts `OSSAccessKeyId`, `Expires` (unix time) and
    /// `Signature`. `query` items (e.g. `versionId`, `x-oss-traffic-limit`) are signed too.
    ///
    /// - Throws: ``OSSClientError`` when there are no credentials to sign with.
    public func presign(
        method: String = "GET", bucket: String, key: String, expiresIn: Int, now: Date = Date(),
        query: [(name: String, value: String?)] = []
    ) throws(OSSClientError) -> String {
        guard let credentials = configuration.credentials else {
            throw OSSClientError.invalidArgument("presign needs credentials (access key id and secret)")
        }
        let request = OSSRequest(operation: "Presign", method: method, bucket: bucket, key: key, query: query)
        let signing = SigningRequest(
            method: method, bucket: bucket, key: key, rawQuery: request.rawQuery, headers: [])
        let signedQuery: String
        switch configuration.signatureVersion {
        case .v4:
            signedQuery = RequestSigner.presignV4(
                signing, accessKeyId: credentials.accessKeyId, secret: credentials.accessKeySecret,
                region: configuration.region ?? "", date: now, expiresIn: expiresIn,
                securityToken: credentials.securityToken)
        case .v1, .v2:
            signedQuery = RequestSigner.presignV1(
                signing, accessKeyId: credentials.accessKeyId, secret: credentials.accessKeySecret,
                expires: now.addingTimeInterval(TimeInterval(expiresIn)), securityToken: credentials.securityToken)
        }
        let base = configuration.endpoint.url(bucket: bucket, key: key, style: configuration.addressingStyle)
        return base + "?" + signedQuery
    }
}
