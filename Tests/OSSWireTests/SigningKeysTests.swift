import Testing

@testable import OSSWire

@Suite("SigningKeys")
struct SigningKeysTests {
    /// Keyed states are kept per secret's bytes: two canonically equivalent secrets (one
    /// Swift `String`) must sign differently, whichever was used first.
    @Test func secretsThatAreEqualStringsButDifferentBytesSignDifferently() {
        let composed = "s\u{E9}cret"
        let decomposed = "se\u{301}cret"
        for _ in 0..<2 {
            #expect(SignatureV1.signature("GET\n\n\n0\n/b/k", secret: composed)
                != SignatureV1.signature("GET\n\n\n0\n/b/k", secret: decomposed))
            #expect(
                SignatureV4.signature("text", secret: composed, date: "20261207", region: "cn-hangzhou")
                    != SignatureV4.signature("text", secret: decomposed, date: "20261207", region: "cn-hangzhou"))
        }
        #expect(SignatureV1.signature("a", secret: "k") == SignatureV1.signature("a", secret: "k"))
    }
}
