import Foundation
import OSSModel

/// The authentication failures, worded and coded as OSS reports them (section 4 of the
/// API notes; codes marked UNCONFIRMED there follow its recommendations).
enum SignatureErrors {
    static func invalidAuthorization(_ message: String = "Authorization header is invalid.") -> OSSError {
        .invalidArgument(message, name: "Authorization")
    }

    static let bothHeaderAndQuery = OSSError.invalidArgument(
        "Only one authentication mechanism is allowed: the Authorization header or the query string signature.",
        name: "Authorization")

    static let missingQueryParameters = OSSError.accessDenied(
        "Query-string authentication requires the Signature, Expires and OSSAccessKeyId parameters")

    static func missingV4QueryParameters(_ names: String) -> OSSError {
        .accessDenied("Query-string authentication requires the \(names) parameters")
    }

    static func expired(expires: Date, now: Date) -> OSSError {
        OSSError.accessDenied("Request has expired.")
            .with("Expires", SignatureDate.iso8601Extended(expires))
            .with("ServerTime", SignatureDate.iso8601Extended(now))
    }

    static func invalidExpires(_ name: String, _ value: String) -> OSSError {
        .invalidArgument("\(name) is invalid.", name: name, value: value)
    }

    static let expiresTooLong = OSSError.invalidArgument(
        "x-oss-expires should be less than or equal to 604800 (7 days).", name: "x-oss-expires")

    static let missingDate = OSSError(
        code: "AccessDenied", status: 403,
        message: "The request must contain a valid Date or x-oss-date header.", ec: "0002-00000503")

    static func invalidDate(_ name: String, _ value: String) -> OSSError {
        OSSError(code: "InvalidArgument", status: 400, message: "The \(name) header is not a valid date.", ec: "0002-00000502")
            .with("ArgumentName", name).with("ArgumentValue", value)
    }

    static func skewed(requestTime: String, now: Date) -> OSSError {
        OSSError.requestTimeTooSkewed
            .with("RequestTime", requestTime)
            .with("ServerTime", SignatureDate.iso8601Extended(now))
    }

    static func invalidContentSHA256(_ value: String) -> OSSError {
        OSSError(
            code: "InvalidArgument", status: 400, message: "The x-oss-content-sha256 header must be UNSIGNED-PAYLOAD.",
            ec: "0002-00000214"
        ).with("ArgumentName", "x-oss-content-sha256").with("ArgumentValue", value)
    }

    static func invalidSignDate(_ credential: String) -> OSSError {
        OSSError(
            code: "InvalidArgument", status: 400,
            message: "The date in the credential scope does not match the date of x-oss-date.", ec: "0002-00000223"
        ).with("ArgumentName", "Credential").with("ArgumentValue", credential)
    }

    static func invalidCredential(_ credential: String) -> OSSError {
        OSSError.invalidArgument("The credential is invalid.", name: "Credential", value: credential)
    }

    static func unsupportedVersion(_ value: String) -> OSSError {
        .invalidArgument("Unsupported signature version.", name: "x-oss-signature-version", value: value)
    }

    static func mismatch(stringToSign: String, provided: String, accessKeyId: String, canonicalRequest: String?)
        -> OSSError
    {
        var error = OSSError.signatureDoesNotMatch
            .with("StringToSign", stringToSign)
            .with("StringToSignBytes", SignatureCrypto.spacedHex(stringToSign))
            .with("SignatureProvided", provided)
            .with("OSSAccessKeyId", accessKeyId)
        if let canonicalRequest {
            error.ec = "0002-00000201"
            error = error.with("CanonicalRequest", canonicalRequest)
                .with("CanonicalRequestBytes", SignatureCrypto.spacedHex(canonicalRequest))
        }
        return error
    }
}
