import Foundation
import FuzzSupport
import OSSWire

/// Feeds a request (see `FuzzRequest` for the line format) without `Authorization` to the
/// server's presigned-URL checks (V1, OSS2 and V4 query parameters, expiry, credential
/// scope), then presigns the request's other query items with the client signer (V1 and V4)
/// and checks the URL as the server does.
///
/// Invariants: refusals are 400/403 OSS errors; a query that passes `inspect` fails
/// `verify` only with `SignatureDoesNotMatch`; a freshly presigned URL that passes
/// `inspect` also passes `verify`.
enum FuzzPresigned {
    static func run(_ bytes: [UInt8]) {
        let input = FuzzRequest(bytes)
        var request = input.request
        request.headers.removeAll { $0.name.lowercased() == "authorization" }
        _ = FuzzAuthentication.check(request, now: input.now)

        let unsigned = input.unsigned
        var v1 = unsigned
        v1.rawQuery = RequestSigner.presignV1(
            unsigned, accessKeyId: FuzzRequest.accessKeyId, secret: FuzzRequest.secret,
            expires: input.now.addingTimeInterval(600), securityToken: token(unsigned))
        requireAccepted(v1, now: input.now, "V1")
        var v4 = unsigned
        v4.rawQuery = RequestSigner.presignV4(
            unsigned, accessKeyId: FuzzRequest.accessKeyId, secret: FuzzRequest.secret, region: "cn-hangzhou",
            date: input.now, expiresIn: 600, securityToken: token(unsigned),
            additionalHeaders: unsigned.headers.prefix(4).map(\.name))
        requireAccepted(v4, now: input.now, "V4")
    }

    /// Traps when `request` passes `inspect` but not `verify`.
    static func requireAccepted(_ request: SigningRequest, now: Date, _ version: String) {
        if case .refused(let error) = FuzzAuthentication.check(request, now: now), error.code == "SignatureDoesNotMatch"
        {
            let detail = error.details.map { "\($0.name)=\($0.value.debugDescription)" }.joined(separator: " ")
            FuzzCheck.require(false, "\(version) URL of the client signer refused: \(detail)")
        }
    }

    /// A security token when the method asks for one, to cover the STS path.
    static func token(_ request: SigningRequest) -> String? {
        request.method.hasSuffix("T") ? "CAIS+sts/token=abc&x y" : nil
    }
}
