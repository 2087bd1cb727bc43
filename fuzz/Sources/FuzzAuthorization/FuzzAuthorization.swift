import FuzzSupport
import OSSWire

/// Feeds a request (see `FuzzRequest` for the line format) carrying an `Authorization`
/// header or signature query items to the server's signature check: header parsing for
/// V1, V2 and V4, the date and skew rules, then the V1/V2 string-to-sign or V4 canonical
/// request built for `verify`.
///
/// Invariants: every refusal is a 400/403 OSS error; a request that passes `inspect` fails
/// `verify` only with `SignatureDoesNotMatch`; an accepted request stops verifying once its
/// method changes (every version signs the method).
enum FuzzAuthorization {
    static func run(_ bytes: [UInt8]) {
        let input = FuzzRequest(bytes)
        guard case .accepted = FuzzAuthentication.check(input.request, now: input.now) else { return }
        var altered = input.request
        altered.method += "X"
        if case .accepted = FuzzAuthentication.check(altered, now: input.now) {
            FuzzCheck.require(false, "request still verifies after its method changed")
        }
    }
}
