import Foundation
import FuzzSupport
import OSSWire

/// Signs a request (see `FuzzRequest` for the line format) with the client signer in the
/// `Authorization` header, V1 and V4, then checks it as the server does. Both sides build
/// the same string-to-sign and canonical request, so whenever `inspect` accepts the signed
/// request's form (its own date headers may clash with the added ones), `verify` must
/// accept its signature.
enum FuzzSigning {
    static func run(_ bytes: [UInt8]) {
        let input = FuzzRequest(bytes)
        let request = input.unsigned
        var v1 = request
        v1.headers += RequestSigner.signV1(
            request, accessKeyId: FuzzRequest.accessKeyId, secret: FuzzRequest.secret, date: input.now,
            securityToken: token(request))
        requireAccepted(v1, now: input.now, "V1")
        var v4 = request
        v4.headers += RequestSigner.signV4(
            request, accessKeyId: FuzzRequest.accessKeyId, secret: FuzzRequest.secret, region: "cn-hangzhou",
            date: input.now, additionalHeaders: additionalHeaders(request), securityToken: token(request))
        requireAccepted(v4, now: input.now, "V4")
    }

    /// Traps when `request` passes `inspect` but not `verify`.
    static func requireAccepted(_ request: SigningRequest, now: Date, _ version: String) {
        if case .refused(let error) = FuzzAuthentication.check(request, now: now), error.code == "SignatureDoesNotMatch"
        {
            let detail = error.details.map { "\($0.name)=\($0.value.debugDescription)" }.joined(separator: " ")
            FuzzCheck.require(false, "\(version) signature of the client signer refused: \(detail)")
        }
    }

    /// Every header name of the request, so the fuzzer also drives `AdditionalHeaders`.
    static func additionalHeaders(_ request: SigningRequest) -> [String] {
        request.headers.prefix(4).map(\.name)
    }

    /// A security token when the method asks for one, to cover the STS path.
    static func token(_ request: SigningRequest) -> String? {
        request.method.hasSuffix("T") ? "CAIS+sts/token=abc&x y" : nil
    }
}
