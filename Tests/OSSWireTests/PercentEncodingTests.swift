import Testing

@testable import OSSWire

@Suite struct PercentEncodingTests {
    @Test func urlValueEncodesEverythingOutsideUnreserved() {
        #expect(PercentEncoding.encodeURLValue("abcXYZ019-_.~") == "abcXYZ019-_.~")
        #expect(PercentEncoding.encodeURLValue("a b+c/d") == "a%20b%2Bc%2Fd")
        #expect(PercentEncoding.encodeURLValue("文件/") == "%E6%96%87%E4%BB%B6%2F")
        #expect(PercentEncoding.encodeURLValue("\u{0C}*'()!&=?#%") == "%0C%2A%27%28%29%21%26%3D%3F%23%25")
        #expect(PercentEncoding.encodeURLValue("") == "")
    }

    @Test func symlinkTargetAndPathKeepSlash() {
        #expect(
            PercentEncoding.encodeSymlinkTarget("oss/+< >[]/世界/中国.txt")
                == "oss/%2B%3C%20%3E%5B%5D/%E4%B8%96%E7%95%8C/%E4%B8%AD%E5%9B%BD.txt")
        #expect(PercentEncoding.encodeSymlinkTarget("dir/file.txt") == "dir/file.txt")
        #expect(PercentEncoding.encodePath("a b/c~d") == "a%20b/c~d")
    }

    @Test func decodeHandlesPercentAndPlus() {
        #expect(PercentEncoding.decode("a%2Fb", plusAsSpace: false) == "a/b")
        #expect(PercentEncoding.decode("a%2fb", plusAsSpace: false) == "a/b")
        #expect(PercentEncoding.decode("a+b", plusAsSpace: true) == "a b")
        #expect(PercentEncoding.decode("a+b", plusAsSpace: false) == "a+b")
        #expect(PercentEncoding.decode("a%2Bb", plusAsSpace: true) == "a+b")
        #expect(PercentEncoding.decode("%E4%B8%96%E7%95%8C", plusAsSpace: true) == "世界")
        #expect(PercentEncoding.decode("世界 raw", plusAsSpace: true) == "世界 raw")
        #expect(PercentEncoding.decode("x/y"[...], plusAsSpace: false) == "x/y")
    }

    @Test func decodeKeepsInvalidSequencesLiterally() {
        #expect(PercentEncoding.decode("100%", plusAsSpace: false) == "100%")
        #expect(PercentEncoding.decode("%zz%4", plusAsSpace: false) == "%zz%4")
        #expect(PercentEncoding.decode("%%41", plusAsSpace: false) == "%A")
    }

    @Test func decodeRejectsInvalidUTF8() {
        #expect(PercentEncoding.decode("%FF", plusAsSpace: false) == nil)
        #expect(PercentEncoding.decode("%E4%B8", plusAsSpace: false) == nil)
        #expect(PercentEncoding.decode("%C0%AF", plusAsSpace: false) == nil)
    }

    @Test func encodeThenDecodeRoundTrips() {
        for sample in ["", "plain", "a b+c/d?e&f=g", "oss/+< >[]/世界/中国.txt", "\u{0C}\u{7F}🎉", "%41"] {
            #expect(PercentEncoding.decode(PercentEncoding.encodeURLValue(sample), plusAsSpace: true) == sample)
            #expect(PercentEncoding.decode(PercentEncoding.encodeURLValue(sample), plusAsSpace: false) == sample)
            #expect(PercentEncoding.decode(PercentEncoding.encodeSymlinkTarget(sample), plusAsSpace: true) == sample)
        }
    }
}

@Suite struct PercentEncodingRawQueryTests {
    @Test func valuelessAndEmptyValueItems() {
        let bare = RawQuery("symlink")
        #expect(bare.items == [RawQuery.Item(rawName: "symlink", rawValue: nil, name: "symlink", value: nil)])
        #expect(bare.has("symlink"))
        #expect(bare["symlink"] == nil)

        let empty = RawQuery("symlink=")
        #expect(empty.has("symlink"))
        #expect(empty["symlink"] == "")
        #expect(empty.items.first?.rawValue == "")
    }

    @Test func repeatedNamesKeepOrderAndSubscriptTakesFirst() {
        let query = RawQuery("a=b&a=c")
        #expect(query["a"] == "b")
        #expect(query.values("a") == ["b", "c"])
        #expect(query.items.count == 2)
    }

    @Test func decodesButKeepsRawBytes() {
        let query = RawQuery("prefix=a%2Fb+c&x%20y=%E4%B8%96%E7%95%8C&k=v=w")
        #expect(query["prefix"] == "a/b c")
        #expect(query.items[0].rawValue == "a%2Fb+c")
        #expect(query["x y"] == "世界")
        #expect(query.items[1].rawName == "x%20y")
        #expect(query["k"] == "v=w")
    }

    @Test func skipsEmptyItems() {
        let query = RawQuery("&&acl&&max-keys=10&")
        #expect(query.items.map(\.name) == ["acl", "max-keys"])
        #expect(query["max-keys"] == "10")
        #expect(!query.has("missing"))
        #expect(RawQuery("").items.isEmpty)
    }

    @Test func rawChineseAndEmptyNamesAndInvalidUTF8() {
        let query = RawQuery("prefix=中文&=v&bad=%FF")
        #expect(query["prefix"] == "中文")
        #expect(query[""] == "v")
        #expect(query["bad"] == "%FF")
    }
}
