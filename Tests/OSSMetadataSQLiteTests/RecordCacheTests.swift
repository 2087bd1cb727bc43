import Foundation
import OSSModel
import OSSTesting
import Testing

@testable import OSSMetadataSQLite

@Suite("RecordCache")
struct RecordCacheTests {
    @Test func aReadBegunBeforeACommitIsNotStored() {
        let cache = RecordCache(budget: 1 << 20)
        let before = cache.generation()
        cache.committed([.object(bucket: "bkt", key: "k")])
        cache.insert(bucket: "bkt", key: "k", Fixtures.object("k"), readAt: before)
        cache.insert(bucket: "bkt", nil, readAt: before)
        #expect(cache.object(bucket: "bkt", key: "k") == nil)
        #expect(cache.bucket("bkt") == nil)
        cache.insert(bucket: "bkt", key: "k", Fixtures.object("k"), readAt: cache.generation())
        #expect(cache.object(bucket: "bkt", key: "k") == .some(Fixtures.object("k")))
    }

    @Test func aCommitDropsWhatItTouchedAndNothingElse() {
        let cache = RecordCache(budget: 1 << 20)
        let now = cache.generation()
        cache.insert(bucket: "bkt", key: "a", Fixtures.object("a"), readAt: now)
        cache.insert(bucket: "bkt", key: "b", nil, readAt: now)
        cache.insert(bucket: "bkt", Fixtures.bucket(), readAt: now)
        cache.committed([.object(bucket: "bkt", key: "a"), .nothing])
        #expect(cache.object(bucket: "bkt", key: "a") == nil)
        #expect(cache.object(bucket: "bkt", key: "b") == .some(nil))
        #expect(cache.bucket("bkt") == .some(Fixtures.bucket()))
        cache.committed([.bucket("bkt")])
        #expect(cache.bucket("bkt") == nil)
        #expect(cache.object(bucket: "bkt", key: "b") == .some(nil))
        cache.committed([.everything])
        #expect(cache.object(bucket: "bkt", key: "b") == nil)
        #expect(cache.bytes == 0)
    }

    @Test func entriesStayWithinTheBudgetOldestLeavingFirst() {
        let budget = 256 * 1024
        let cache = RecordCache(budget: budget, shards: 1)
        let body = ObjectBody.inline([UInt8](repeating: 7, count: 4096))
        for index in 0..<1000 {
            cache.insert(bucket: "bkt", key: "k\(index)", Fixtures.object("k\(index)", body: body), readAt: cache.generation())
            #expect(cache.bytes <= budget)
        }
        #expect(cache.object(bucket: "bkt", key: "k999") != nil)
        #expect(cache.object(bucket: "bkt", key: "k0") == nil)
        // Rewriting one key over and over keeps one entry's worth of bytes.
        let small = RecordCache(budget: budget, shards: 1)
        for _ in 0..<5000 {
            small.insert(bucket: "bkt", key: "same", Fixtures.object("same", body: body), readAt: small.generation())
            small.committed([.object(bucket: "bkt", key: "same")])
        }
        #expect(small.bytes == 0)
        let off = RecordCache(budget: 0)
        off.insert(bucket: "bkt", key: "same", Fixtures.object("same"), readAt: off.generation())
        off.insert(bucket: "bkt", Fixtures.bucket(), readAt: off.generation())
        #expect(off.object(bucket: "bkt", key: "same") == nil)
        #expect(off.bucket("bkt") == nil)
    }
}
