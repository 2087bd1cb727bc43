/// A cursor over the ASCII bytes of a date string, for the hand-written date parsers.
/// Every read is bounds-checked and returns `nil` on mismatch.
struct DateScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var atEnd: Bool { position >= bytes.count }

    /// Consumes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Consumes one or more spaces; returns how many.
    mutating func spaces() -> Int {
        let start = position
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
        return position - start
    }

    /// Consumes `min...max` decimal digits and returns their value, or `nil`.
    mutating func number(digits range: ClosedRange<Int>) -> Int? {
        var value = 0
        var count = 0
        while position < bytes.count, count < range.upperBound,
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
        {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            count += 1
            position += 1
        }
        return count >= range.lowerBound ? value : nil
    }

    /// Consumes a run of ASCII letters and returns it.
    mutating func word() -> String {
        let start = position
        while position < bytes.count, (bytes[position] | 0x20) >= UInt8(ascii: "a"),
            (bytes[position] | 0x20) <= UInt8(ascii: "z")
        {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Consumes a month abbreviation (any case) and returns 1...12.
    mutating func month() -> Int? {
        let name = word().lowercased()
        guard let index = CivilTime.monthNames.firstIndex(where: { $0.lowercased() == name }) else { return nil }
        return index + 1
    }

    /// Consumes `HH:MM:SS`.
    mutating func time() -> (Int, Int, Int)? {
        guard let hour = number(digits: 2...2), take(UInt8(ascii: ":")), let minute = number(digits: 2...2),
            take(UInt8(ascii: ":")), let second = number(digits: 2...2)
        else { return nil }
        return (hour, minute, second)
    }
}
