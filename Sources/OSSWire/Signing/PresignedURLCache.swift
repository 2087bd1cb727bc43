import Foundation
import Synchronization

/// Presigned requests whose signature has been verified, remembered so that the same URL
/// asked again (a player's range reads, a CI loop, a CDN pulling from its origin) skips
/// parsing the signature, rebuilding the string to sign and the HMAC.
///
/// The contract:
/// - An entry is the exact text of a request that verified: its method, Host, raw target and
///   every header as received, with the value of its signature parameter cut out and kept
///   beside it (see ``Probe``).
/// - ``accessKeyId(for:now:)`` answers only for a request whose text is byte for byte that
///   of an entry, whose signature equals the kept one (compared in constant time), and only
///   while the URL has not expired. Such a request is the one that verified, so verifying it
///   again would give the same answer.
/// - The caller remembers only what it verified with a secret that cannot change while the
///   process runs (the root key); keys that can be disabled, deleted or expire must always be
///   checked in full.
/// - Bounded: the entries take at most ``maximumBytes``, each request at most
///   ``maximumRequestBytes`` long; URLs no longer asked for are dropped first (two
///   generations, see ``Generations``).
public final class PresignedURLCache: Sendable {
    /// The text of one presigned request, its signature value cut out.
    public struct Probe: Sendable {
        /// Method, Host, target without the signature value, and every header.
        let request: String
        /// The raw (still percent-encoded) value of the signature parameter.
        let signature: Substring

        /// The probe of a request, or nil when its query carries no `Signature` (V1) or
        /// `x-oss-signature` (V2, V4) parameter, or the request is too long to remember.
        ///
        /// - Parameters:
        ///   - target: the raw request target (`/bucket/key?query`).
        ///   - fields: every header as received, in order.
        public init?(
            method: String, authority: String?, target: String,
            fields: some Sequence<(name: String, value: String)>
        ) {
            guard let value = Self.signatureRange(in: target) else { return nil }
            let utf8 = target.utf8
            var request = String()
            request.reserveCapacity(utf8.count + 256)
            request += method
            request += " "
            request += authority ?? ""
            request += "\n"
            request += target[..<value.lowerBound]
            request += target[value.upperBound...]
            for field in fields {
                request += "\n"
                request += field.name
                request += ":"
                request += field.value
            }
            guard request.utf8.count <= PresignedURLCache.maximumRequestBytes else { return nil }
            self.request = request
            self.signature = target[value]
        }

        /// Where the value of the first `Signature=` or `x-oss-signature=` item of the
        /// query lies in `target`.
        static func signatureRange(in target: String) -> Range<String.Index>? {
            let utf8 = target.utf8
            guard let question = utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
            var start = utf8.index(after: question)
            while start < utf8.endIndex {
                let end = utf8[start...].firstIndex(of: UInt8(ascii: "&")) ?? utf8.endIndex
                let item = utf8[start..<end]
                if item.starts(with: "Signature=".utf8) {
                    return utf8.index(start, offsetBy: 10)..<end
                }
                if item.starts(with: "x-oss-signature=".utf8) {
                    return utf8.index(start, offsetBy: 16)..<end
                }
                start = end < utf8.endIndex ? utf8.index(after: end) : end
            }
            return nil
        }
    }

    private struct Entry {
        var signature: String
        var accessKeyId: String
        var expiresAt: Date
        /// What the entry costs against ``maximumBytes``: its texts and a fixed overhead.
        var bytes: Int
    }

    /// Two generations of entries, an approximate LRU in O(1): new and reused entries go to
    /// `current`; when it holds half the budget it becomes `previous` and the old `previous`
    /// is dropped. An entry asked for from `previous` moves back to `current`, so URLs still in
    /// use survive the turn while those no longer asked for age out.
    private struct Generations {
        var current: [String: Entry] = [:]
        var previous: [String: Entry] = [:]
        var currentBytes = 0
        var previousBytes = 0

        /// Puts `entry` in `current`, first turning the generations over if it would take
        /// `current` past `half`; so each generation stays within `half`. Returns the
        /// generation dropped by the turn, for the caller to free outside the lock.
        mutating func insert(_ entry: Entry, for request: String, half: Int) -> [String: Entry]? {
            var dropped: [String: Entry]?
            if let old = previous.removeValue(forKey: request) { previousBytes -= old.bytes }
            if let old = current.removeValue(forKey: request) { currentBytes -= old.bytes }
            if currentBytes + entry.bytes > half {
                dropped = previous
                previous = current
                previousBytes = currentBytes
                current = [:]
                currentBytes = 0
            }
            current[request] = entry
            currentBytes += entry.bytes
            return dropped
        }
    }

    /// Most bytes the entries may take: request texts, signatures, key ids and a fixed
    /// overhead per entry.
    public let maximumBytes: Int
    /// Longest request text (method, Host, target and headers) that is remembered.
    public static let maximumRequestBytes = 4096
    /// Bytes counted per entry beyond its texts (dictionary slot, string headers, expiry).
    static let entryOverhead = 96

    private let generations = Mutex(Generations())

    /// - Parameter maximumBytes: the budget; the default, 8 MiB, holds some 20,000 typical
    ///   presigned GETs (about 400 bytes each).
    public init(maximumBytes: Int = 8 << 20) {
        self.maximumBytes = maximumBytes
    }

    /// The access key that signed `probe`'s request, if exactly this request verified
    /// before with exactly this signature and `now` is not past the URL's expiry; else nil,
    /// and the request must be checked in full.
    public func accessKeyId(for probe: Probe, now: Date) -> String? {
        let half = maximumBytes / 2
        // A generation dropped by the turn is returned and freed here, outside the lock.
        let (found, _) = generations.withLock { generations -> (Entry?, [String: Entry]?) in
            if let entry = generations.current[probe.request] { return (entry, nil) }
            guard let entry = generations.previous[probe.request] else { return (nil, nil) }
            return (entry, generations.insert(entry, for: probe.request, half: half))
        }
        guard let entry = found, now <= entry.expiresAt,
            SignatureCrypto.constantTimeEquals(entry.signature, probe.signature)
        else { return nil }
        return entry.accessKeyId
    }

    /// Remembers that `probe`'s request verified as signed by `accessKeyId`, valid until
    /// `expiresAt`. Call it only after ``SignatureVerifier/verify(_:_:secret:)`` succeeded
    /// with a secret that cannot change while the process runs.
    public func remember(_ probe: Probe, accessKeyId: String, expiresAt: Date) {
        let signature = String(probe.signature)
        let bytes = probe.request.utf8.count + signature.utf8.count + accessKeyId.utf8.count + Self.entryOverhead
        guard bytes * 2 <= maximumBytes else { return }
        let entry = Entry(signature: signature, accessKeyId: accessKeyId, expiresAt: expiresAt, bytes: bytes)
        let half = maximumBytes / 2
        _ = generations.withLock { $0.insert(entry, for: probe.request, half: half) }
    }

    /// How many requests are remembered.
    public var count: Int { generations.withLock { $0.current.count + $0.previous.count } }

    /// The bytes the remembered requests take against ``maximumBytes``.
    public var bytes: Int { generations.withLock { $0.currentBytes + $0.previousBytes } }
}
