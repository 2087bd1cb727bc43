/// How a request claims to be authenticated, as found by ``SignatureVerifier/inspect(_:now:)``.
public enum RequestAuthentication: Sendable {
    /// No `Authorization` header and no signature query parameters.
    case anonymous
    /// Signed; the signature still has to be checked with ``SignatureVerifier/verify(_:_:secret:)``.
    case signed(SignedRequestInfo)
}
