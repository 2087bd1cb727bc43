import Crypto
import Foundation
import OSSModel
import Synchronization

/// HMAC states already keyed with a secret (V1, V2) or with a V4 signing key derived from
/// a secret and a scope, kept between requests: keying an HMAC hashes the key's two pads,
/// and a V4 key takes four HMACs to derive, all the same for every request a client signs
/// with one key on one day. A copy of a keyed state signs one message.
///
/// Keyed by the secret's bytes (it is in memory anyway); bounded, emptied when full.
enum SigningKeys {
    private static let limit = 256
    private static let sha1 = Mutex<[ByteString: HMAC<Insecure.SHA1>]>([:])
    private static let sha256 = Mutex<[ByteString: HMAC<SHA256>]>([:])

    /// HMAC-SHA1 keyed with `secret`'s UTF-8 bytes.
    static func sha1(secret: String) -> HMAC<Insecure.SHA1> {
        keyed(sha1, secret) { HMAC(key: SymmetricKey(data: Data(secret.utf8))) }
    }

    /// HMAC-SHA256 keyed with `secret`'s UTF-8 bytes.
    static func sha256(secret: String) -> HMAC<SHA256> {
        keyed(sha256, "v2\n" + secret) { HMAC(key: SymmetricKey(data: Data(secret.utf8))) }
    }

    /// HMAC-SHA256 keyed with the V4 signing key of `secret` for `date`/`region`/`product`.
    static func v4(secret: String, date: String, region: String, product: String) -> HMAC<SHA256> {
        keyed(sha256, "v4\n" + date + "\n" + region + "\n" + product + "\n" + secret) {
            var key = Data(("aliyun_v4" + secret).utf8)
            for part in [date, region, product, SignatureV4.terminator] {
                key = SignatureCrypto.hmacSHA256(key: key, message: part)
            }
            return HMAC(key: SymmetricKey(data: key))
        }
    }

    private static func keyed<H: HashFunction>(
        _ cache: borrowing Mutex<[ByteString: HMAC<H>]>, _ text: String, make: () -> HMAC<H>
    ) -> HMAC<H> {
        let id = ByteString(text)
        if let state = cache.withLock({ $0[id] }) { return state }
        let state = make()
        cache.withLock { states in
            if states.count >= limit { states.removeAll(keepingCapacity: true) }
            states[id] = state
        }
        return state
    }
}
