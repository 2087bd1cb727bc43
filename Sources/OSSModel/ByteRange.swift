/// A `Range: bytes=...` request resolved against an object's size, with OSS's rules.
public enum ByteRange: Sendable, Equatable {
    /// Serve the whole object with 200 (no Range, or one OSS ignores).
    case whole
    /// Serve bytes `first...last` with 206.
    case partial(first: Int64, last: Int64)
    /// `416 InvalidRange` (only with `x-oss-range-behavior: standard`).
    case unsatisfiable

    /// Resolves `header` against `size`.
    ///
    /// By default OSS ignores a range it cannot satisfy or parse and returns the whole
    /// object. With `standard` (`x-oss-range-behavior: standard`) an end beyond the object
    /// is truncated to its last byte and a start beyond it is `unsatisfiable` (likewise a
    /// suffix longer than the object is the whole object as 206 only then). Multiple
    /// ranges are not supported and are ignored.
    public static func resolve(_ header: String?, size: Int64, standard: Bool) -> ByteRange {
        guard let header else { return .whole }
        let trimmed = header.trimmingSpaces
        guard trimmed.lowercased().hasPrefix("bytes=") else { return .whole }
        let spec = trimmed.dropFirst(6).trimmingSpaces
        guard !spec.utf8.contains(UInt8(ascii: ",")), let dash = spec.firstIndex(of: "-") else { return .whole }
        let startText = spec[..<dash].trimmingSpaces
        let endText = spec[spec.index(after: dash)...].trimmingSpaces
        if startText.isEmpty {
            guard let suffix = Int64(endText), suffix > 0 else { return .whole }
            if size == 0 { return standard ? .unsatisfiable : .whole }
            if suffix > size && !standard { return .whole }
            return .partial(first: max(0, size - suffix), last: size - 1)
        }
        guard let first = Int64(startText), first >= 0 else { return .whole }
        var last = size - 1
        if !endText.isEmpty {
            guard let end = Int64(endText), end >= first else { return .whole }
            if end >= size {
                if !standard { return .whole }
            } else {
                last = end
            }
        }
        if first >= size { return standard ? .unsatisfiable : .whole }
        return .partial(first: first, last: last)
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return s
    }
}
