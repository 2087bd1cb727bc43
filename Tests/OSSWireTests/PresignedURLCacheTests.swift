import Foundation
import Testing

@testable import OSSWire

/// The contract of ``PresignedURLCache``: it answers only for the exact text and signature
/// of a request that was remembered, and only before the URL expires.
@Suite("Presigned URL cache")
struct PresignedURLCacheTests {
    static let fields: [(name: String, value: String)] = [("User-Agent", "wrk"), ("x-oss-meta-a", "1")]

    static func probe(
        _ target: String, method: String = "GET", host: String = "127.0.0.1:9000",
        fields: [(name: String, value: String)] = fields
    ) -> PresignedURLCache.Probe? {
        PresignedURLCache.Probe(method: method, authority: host, target: target, fields: fields)
    }

    @Test func probeCutsOutTheFirstSignatureValue() throws {
        let v1 = try #require(Self.probe("/b/k?OSSAccessKeyId=ak&Expires=9&Signature=ab%2Bc&x=1"))
        #expect(v1.signature == "ab%2Bc")
        #expect(!v1.request.contains("ab%2Bc"))
        let v4 = try #require(Self.probe("/b/k?x-oss-signature=f00d&x-oss-date=20261208T000000Z"))
        #expect(v4.signature == "f00d")
        let twice = try #require(Self.probe("/b/k?Signature=first&x-oss-signature=second"))
        #expect(twice.signature == "first")
        #expect(twice.request.contains("second"))
        #expect(Self.probe("/b/k") == nil)
        #expect(Self.probe("/b/k?acl&MySignature=1") == nil)
        #expect(Self.probe("/b/k?x=" + String(repeating: "a", count: 5000) + "&Signature=s") == nil)
    }

    @Test func answersOnlyTheRememberedRequestBeforeItExpires() throws {
        let cache = PresignedURLCache()
        let now = Date(timeIntervalSince1970: 1_000)
        let target = "/b/k?OSSAccessKeyId=ak&Expires=1060&Signature=sig"
        cache.remember(try #require(Self.probe(target)), accessKeyId: "ak", expiresAt: now + 60)
        #expect(cache.accessKeyId(for: try #require(Self.probe(target)), now: now) == "ak")
        #expect(cache.accessKeyId(for: try #require(Self.probe(target)), now: now + 60) == "ak")
        #expect(cache.accessKeyId(for: try #require(Self.probe(target)), now: now + 61) == nil)
        let otherSignature = try #require(Self.probe("/b/k?OSSAccessKeyId=ak&Expires=1060&Signature=sih"))
        #expect(cache.accessKeyId(for: otherSignature, now: now) == nil)
        let otherHeader = try #require(Self.probe(target, fields: [("User-Agent", "wrk"), ("x-oss-meta-a", "2")]))
        #expect(cache.accessKeyId(for: otherHeader, now: now) == nil)
        let extraHeader = try #require(Self.probe(target, fields: Self.fields + [("Content-Type", "a/b")]))
        #expect(cache.accessKeyId(for: extraHeader, now: now) == nil)
        #expect(cache.accessKeyId(for: try #require(Self.probe(target, method: "DELETE")), now: now) == nil)
        #expect(cache.accessKeyId(for: try #require(Self.probe(target, host: "other:9000")), now: now) == nil)
        let otherQuery = try #require(Self.probe("/b/k?OSSAccessKeyId=ak&Expires=1061&Signature=sig"))
        #expect(cache.accessKeyId(for: otherQuery, now: now) == nil)
    }

    @Test func staysWithinItsByteBudget() throws {
        let cache = PresignedURLCache(maximumBytes: 2_000)
        let now = Date(timeIntervalSince1970: 1_000)
        for index in 0..<50 {
            let probe = try #require(Self.probe("/b/k\(index)?Signature=s"))
            cache.remember(probe, accessKeyId: "ak", expiresAt: now + 60)
            #expect(cache.bytes <= 2_000)
            #expect(cache.accessKeyId(for: probe, now: now) == "ak")
        }
        #expect(cache.count < 50)
        let first = try #require(Self.probe("/b/k0?Signature=s"))
        #expect(cache.accessKeyId(for: first, now: now) == nil)
        // A request longer than half the budget is not remembered at all.
        let long = try #require(Self.probe("/b/" + String(repeating: "k", count: 1_000) + "?Signature=s"))
        cache.remember(long, accessKeyId: "ak", expiresAt: now + 60)
        #expect(cache.accessKeyId(for: long, now: now) == nil)
    }

    /// A URL still in use survives however many other URLs pass through, as long as it is
    /// asked for again before two turns of the generations; one no longer asked for ages out.
    @Test func keepsTheURLsStillInUse() throws {
        let cache = PresignedURLCache(maximumBytes: 4_000)
        let now = Date(timeIntervalSince1970: 1_000)
        let hot = try #require(Self.probe("/b/hot?Signature=s"))
        let cold = try #require(Self.probe("/b/cold?Signature=s"))
        cache.remember(hot, accessKeyId: "ak", expiresAt: now + 60)
        cache.remember(cold, accessKeyId: "ak", expiresAt: now + 60)
        for index in 0..<200 {
            let probe = try #require(Self.probe("/b/k\(index)?Signature=s"))
            cache.remember(probe, accessKeyId: "ak", expiresAt: now + 60)
            if index % 3 == 0 {
                #expect(cache.accessKeyId(for: hot, now: now) == "ak")
            }
        }
        #expect(cache.accessKeyId(for: hot, now: now) == "ak")
        #expect(cache.accessKeyId(for: cold, now: now) == nil)
        #expect(cache.bytes <= 4_000)
    }
}
