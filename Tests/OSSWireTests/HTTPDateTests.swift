import Foundation
import Testing

@testable import OSSWire

private let vectors: [(seconds: Int64, http: String, iso: String, compact: String)] = [
    (1_554_792_648, "Tue, 09 Apr 2019 06:50:48 GMT", "2019-04-09T06:50:48.000Z", "20190409T065048Z"),
    (0, "Thu, 01 Jan 1970 00:00:00 GMT", "1970-01-01T00:00:00.000Z", "19700101T000000Z"),
    (951_825_600, "Tue, 29 Feb 2000 12:00:00 GMT", "2000-02-29T12:00:00.000Z", "20000229T120000Z"),
    (4_107_542_399, "Sun, 28 Feb 2100 23:59:59 GMT", "2100-02-28T23:59:59.000Z", "21000228T235959Z"),
    (4_107_542_400, "Mon, 01 Mar 2100 00:00:00 GMT", "2100-03-01T00:00:00.000Z", "21000301T000000Z"),
    (1_709_164_801, "Thu, 29 Feb 2024 00:00:01 GMT", "2024-02-29T00:00:01.000Z", "20240229T000001Z"),
    (-1, "Wed, 31 Dec 1969 23:59:59 GMT", "1969-12-31T23:59:59.000Z", "19691231T235959Z"),
    (1_330_072_987, "Fri, 24 Feb 2012 08:43:07 GMT", "2012-02-24T08:43:07.000Z", "20120224T084307Z"),
    (1_702_743_657, "Sat, 16 Dec 2023 16:20:57 GMT", "2023-12-16T16:20:57.000Z", "20231216T162057Z"),
    (-2_203_891_200, "Thu, 01 Mar 1900 00:00:00 GMT", "1900-03-01T00:00:00.000Z", "19000301T000000Z"),
    (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT", "9999-12-31T23:59:59.000Z", "99991231T235959Z"),
    (-62_135_596_800, "Mon, 01 Jan 0001 00:00:00 GMT", "0001-01-01T00:00:00.000Z", "00010101T000000Z"),
]

private func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

@Suite struct HTTPDateTests {
    @Test func formatsAndParsesFixedVectors() {
        for v in vectors {
            #expect(HTTPDate.format(date(v.seconds)) == v.http)
            #expect(HTTPDate.parse(v.http) == date(v.seconds), "\(v.http)")
            #expect(ISO8601Millis.format(date(v.seconds)) == v.iso)
            #expect(ISO8601Millis.parse(v.iso) == date(v.seconds), "\(v.iso)")
            #expect(ISO8601Compact.format(date(v.seconds)) == v.compact)
            #expect(ISO8601Compact.parse(v.compact) == date(v.seconds), "\(v.compact)")
        }
        #expect(ISO8601Compact.formatDay(date(1_702_743_657)) == "20231216")
    }

    @Test func formatMatchesFoundationEveryFewDaysAcrossCenturies() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var seconds: Int64 = -2_208_988_800  // 1900-01-01
        while seconds < 4_133_980_800 {  // 2101-01-01
            let d = date(seconds)
            #expect(HTTPDate.format(d) == formatter.string(from: d))
            #expect(HTTPDate.parse(HTTPDate.format(d)) == d)
            seconds += 3 * 86_400 + 3_599
        }
    }

    @Test func parsesObsoleteForms() {
        let expected = date(1_554_792_648)
        #expect(HTTPDate.parse("Tuesday, 09-Apr-19 06:50:48 GMT") == expected)
        #expect(HTTPDate.parse("Tue Apr  9 06:50:48 2019") == expected)
        #expect(HTTPDate.parse("Tue Apr 09 06:50:48 2019") == expected)
        #expect(HTTPDate.parse("Tue, 9 Apr 2019 06:50:48 GMT") == expected)
        #expect(HTTPDate.parse("  tue, 09 apr 2019 06:50:48 GMT ") == expected)
        #expect(HTTPDate.parse("Tue, 09 Apr 2019 06:50:48 UTC") == expected)
        #expect(HTTPDate.parse("Thursday, 01-Jan-70 00:00:00 GMT") == date(0))
        #expect(HTTPDate.parse("Sunday, 01-Jan-17 00:00:00 GMT") == date(1_483_228_800))
    }

    @Test func rejectsMalformedHTTPDates() {
        for s in [
            "", "Tue", "Tue, 09 Apr 2019", "Tue, 09 Apr 2019 06:50:48", "Tue, 09 Apr 2019 06:50:48 PST",
            "Xyz, 09 Apr 2019 06:50:48 GMT", "Tue, 32 Apr 2019 06:50:48 GMT", "Tue, 31 Apr 2019 06:50:48 GMT",
            "Tue, 29 Feb 2019 06:50:48 GMT", "Tue, 29 Feb 2100 06:50:48 GMT", "Tue, 09 Foo 2019 06:50:48 GMT",
            "Tue, 09 Apr 2019 24:00:00 GMT", "Tue, 09 Apr 2019 06:60:00 GMT", "Tue, 09 Apr 19 06:50:48 GMT",
            "Tue, 09 Apr 2019 06:50:48 GMT junk", "1554792648", "2019-04-09T06:50:48Z",
            "Tuesday Apr  9 06:50:48 2019", "Tue, 09 Apr 2019 6:50:48 GMT", "Tue,09 Apr 2019 06:50:48 GMT",
        ] {
            #expect(HTTPDate.parse(s) == nil, "\(s)")
        }
    }

    @Test func leapDaysParseOnlyInLeapYears() {
        #expect(HTTPDate.parse("Tue, 29 Feb 2000 12:00:00 GMT") != nil)
        #expect(HTTPDate.parse("Thu, 29 Feb 2024 00:00:00 GMT") != nil)
        #expect(HTTPDate.parse("Thu, 29 Feb 1900 00:00:00 GMT") == nil)
        #expect(HTTPDate.parse("Thu, 29 Feb 2023 00:00:00 GMT") == nil)
    }

    @Test func formattingTruncatesFractionsTowardThePast() {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 1.999)) == "Thu, 01 Jan 1970 00:00:01 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: -0.5)) == "Wed, 31 Dec 1969 23:59:59 GMT")
        #expect(ISO8601Millis.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(ISO8601Millis.format(Date(timeIntervalSince1970: 1_330_072_987.1239)) == "2012-02-24T08:43:07.123Z")
    }

    @Test func extremeDatesClampInsteadOfTrapping() {
        #expect(HTTPDate.format(.distantFuture) == "Mon, 01 Jan 4001 00:00:00 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 1e300)) == "Fri, 31 Dec 9999 23:59:59 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: .infinity)) == "Fri, 31 Dec 9999 23:59:59 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: -.infinity)) == "Mon, 01 Jan 0001 00:00:00 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: .nan)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(ISO8601Millis.format(.distantPast) == "0001-01-01T00:00:00.000Z")
    }
}

@Suite struct HTTPDateISO8601Tests {
    @Test func parsesFractionsOfAnyLength() {
        let base = 1_330_072_987.0
        #expect(ISO8601Millis.parse("2012-02-24T08:43:07Z") == Date(timeIntervalSince1970: base))
        #expect(ISO8601Millis.parse("2012-02-24T08:43:07.5Z") == Date(timeIntervalSince1970: base + 0.5))
        #expect(ISO8601Millis.parse("2012-02-24T08:43:07.12Z") == Date(timeIntervalSince1970: base + 0.12))
        #expect(ISO8601Millis.parse("2012-02-24T08:43:07.123456789Z") == Date(timeIntervalSince1970: base + 0.123))
        #expect(ISO8601Millis.parse("2012-02-24t08:43:07.000z") == Date(timeIntervalSince1970: base))
    }

    @Test func roundTripsMilliseconds() {
        for millis in stride(from: Int64(-10_000), through: 4_102_444_800_000, by: 97_654_321_987) {
            let d = Date(timeIntervalSince1970: Double(millis) / 1000)
            let text = ISO8601Millis.format(d)
            #expect(text.count == 24)
            #expect(ISO8601Millis.parse(text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } == millis)
        }
    }

    @Test func rejectsMalformedISODates() {
        for s in [
            "", "2012-02-24", "2012-02-24T08:43:07", "2012-02-24T08:43:07.Z", "2012-02-24T08:43:07+08:00",
            "2012-13-24T08:43:07.000Z", "2012-02-30T08:43:07.000Z", "2012-2-24T08:43:07.000Z",
            "2012-02-24 08:43:07.000Z", "2012-02-24T08:43:07.000Zjunk", "12012-02-24T08:43:07.000Z",
        ] {
            #expect(ISO8601Millis.parse(s) == nil, "\(s)")
        }
    }

    @Test func compactFormIsStrict() {
        for s in [
            "", "20231216T162057", "20231216T162057z", "2023-12-16T16:20:57Z", "20231316T162057Z",
            "20231216T250000Z", "20231216T162057ZZ", "2023121T162057Z0", "20230229T000000Z",
        ] {
            #expect(ISO8601Compact.parse(s) == nil, "\(s)")
        }
        #expect(ISO8601Compact.parse("20240229T000000Z") != nil)
    }
}
