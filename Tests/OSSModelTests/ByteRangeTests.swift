import OSSModel
import Testing

@Suite("ByteRange")
struct ByteRangeTests {
    @Test func noHeaderIsWhole() {
        #expect(ByteRange.resolve(nil, size: 10, standard: false) == .whole)
    }

    @Test(arguments: [
        ("bytes=0-9", ByteRange.partial(first: 0, last: 9)),
        ("bytes=5-", .partial(first: 5, last: 99)),
        ("bytes=-10", .partial(first: 90, last: 99)),
        ("bytes=99-99", .partial(first: 99, last: 99)),
        ("bytes = 1-2", .whole),
        ("bytes=0-9,20-29", .whole),
        ("items=0-9", .whole),
        ("bytes=9-1", .whole),
        ("bytes=a-b", .whole),
        ("bytes=-0", .whole),
    ])
    func validAndIgnoredRanges(_ header: String, _ expected: ByteRange) {
        #expect(ByteRange.resolve(header, size: 100, standard: false) == expected)
    }

    @Test func outOfBoundsIsWholeObjectByDefault() {
        #expect(ByteRange.resolve("bytes=50-1000", size: 100, standard: false) == .whole)
        #expect(ByteRange.resolve("bytes=200-", size: 100, standard: false) == .whole)
        #expect(ByteRange.resolve("bytes=-2000", size: 100, standard: false) == .whole)
        #expect(ByteRange.resolve("bytes=0-0", size: 0, standard: false) == .whole)
    }

    @Test func standardBehaviourTruncatesOrRefuses() {
        #expect(ByteRange.resolve("bytes=50-1000", size: 100, standard: true) == .partial(first: 50, last: 99))
        #expect(ByteRange.resolve("bytes=-2000", size: 100, standard: true) == .partial(first: 0, last: 99))
        #expect(ByteRange.resolve("bytes=100-", size: 100, standard: true) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=0-0", size: 0, standard: true) == .unsatisfiable)
    }
}
