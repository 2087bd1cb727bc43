import OSSModel
import Testing

@Suite("ObjectListing")
struct ObjectListingTests {
    /// A scan over a sorted in-memory key list that counts how often it is called.
    final class Scanner: @unchecked Sendable {
        let keys: [[UInt8]]
        var calls = 0
        init(_ keys: [String]) {
            self.keys = keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        }
        func scan(_ prefix: [UInt8], _ after: [UInt8]?, _ limit: Int) -> [ObjectSummary] {
            calls += 1
            return keys.filter { key in
                key.starts(with: prefix) && (after.map { $0.lexicographicallyPrecedes(key) } ?? true)
            }
            .prefix(limit).map {
                ObjectSummary(
                    key: String(decoding: $0, as: UTF8.self), kind: .normal, size: 0, etag: "",
                    lastModified: .distantPast,
                    storageClass: .standard, ownerID: "")
            }
        }
    }

    @Test func aCommonPrefixCostsOneSeekNotOneRowPerKey() async throws {
        let scanner = Scanner((0..<5000).map { "big/\($0)" } + ["z"])
        let page = try await ObjectListing.page(ObjectListQuery(delimiter: "/", maxKeys: 100)) { p, a, l in
            scanner.scan(p, a, l)
        }
        #expect(page.commonPrefixes == ["big/"])
        #expect(page.objects.map(\.key) == ["z"])
        #expect(scanner.calls <= 3)
    }

    @Test func markerInsideACommonPrefixSkipsIt() async throws {
        let scanner = Scanner(["a/1", "a/2", "b"])
        let page = try await ObjectListing.page(ObjectListQuery(delimiter: "/", marker: "a/1", maxKeys: 10)) {
            p, a, l in
            scanner.scan(p, a, l)
        }
        #expect(page.commonPrefixes.isEmpty)
        #expect(page.objects.map(\.key) == ["b"])
    }

    @Test func multiByteDelimiter() async throws {
        let scanner = Scanner(["x--y", "x--z", "x-a"])
        let page = try await ObjectListing.page(ObjectListQuery(delimiter: "--", maxKeys: 10)) { p, a, l in
            scanner.scan(p, a, l)
        }
        #expect(page.commonPrefixes == ["x--"])
        #expect(page.objects.map(\.key) == ["x-a"])
    }

    @Test func exactlyFullPageIsNotTruncated() async throws {
        let scanner = Scanner(["a", "b"])
        let page = try await ObjectListing.page(ObjectListQuery(maxKeys: 2)) { p, a, l in scanner.scan(p, a, l) }
        #expect(page.isTruncated == false)
        #expect(page.nextMarker == nil)
    }
}
