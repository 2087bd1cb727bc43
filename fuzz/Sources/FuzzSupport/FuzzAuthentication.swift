import Foundation
import OSSModel
import OSSWire

/// The server's two-step signature check (`inspect`, then `verify` with the secret), with
/// the invariants every outcome must satisfy.
public enum FuzzAuthentication {
    /// What one check ended in.
    public enum Outcome {
        case anonymous
        case accepted(SignedRequestInfo)
        case refused(OSSError)
    }

    /// Runs `inspect` and `verify` on `request` at `now` with the seeds' secret.
    ///
    /// Traps when an error is not a 400/403 OSS error with a code, or when `verify` fails
    /// with anything but `SignatureDoesNotMatch` (inspect has already checked everything else).
    public static func check(_ request: SigningRequest, now: Date) -> Outcome {
        let info: SignedRequestInfo
        do {
            switch try SignatureVerifier.inspect(request, now: now) {
            case .anonymous: return .anonymous
            case .signed(let signed): info = signed
            }
        } catch {
            requireWellFormed(error, during: "inspect")
            return .refused(error)
        }
        FuzzCheck.require(!info.accessKeyId.isEmpty, "accepted an empty access key id")
        FuzzCheck.require(!info.signature.isEmpty, "accepted an empty signature")
        do {
            try SignatureVerifier.verify(request, info, secret: FuzzRequest.secret)
        } catch {
            requireWellFormed(error, during: "verify")
            FuzzCheck.require(error.code == "SignatureDoesNotMatch", "verify failed with \(error.code)")
            return .refused(error)
        }
        return .accepted(info)
    }

    /// Traps unless `error` is a client error OSS would send: a code, and status 400 or 403.
    public static func requireWellFormed(_ error: OSSError, during step: String) {
        FuzzCheck.require(!error.code.isEmpty, "\(step) threw an error without a code")
        FuzzCheck.require(
            error.status == 400 || error.status == 403, "\(step) threw \(error.code) with status \(error.status)")
    }
}
