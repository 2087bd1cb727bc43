/// A request for one page of a bucket listing.
public struct ObjectListQuery: Sendable, Equatable {
    public var prefix: String
    public var delimiter: String?
    /// List only entries strictly after this key (ListObjects `marker`, V2 `start-after` or
    /// the decoded continuation token).
    public var marker: String?
    public var maxKeys: Int

    public init(prefix: String = "", delimiter: String? = nil, marker: String? = nil, maxKeys: Int = 100) {
        self.prefix = prefix
        self.delimiter = (delimiter?.isEmpty ?? true) ? nil : delimiter
        self.marker = (marker?.isEmpty ?? true) ? nil : marker
        self.maxKeys = maxKeys
    }
}

/// One page of a bucket listing.
public struct ObjectListPage: Sendable, Equatable {
    public var objects: [ObjectSummary]
    public var commonPrefixes: [String]
    public var isTruncated: Bool
    /// The last key or common prefix returned, when the page is truncated.
    public var nextMarker: String?

    public init(objects: [ObjectSummary], commonPrefixes: [String], isTruncated: Bool, nextMarker: String?) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.isTruncated = isTruncated
        self.nextMarker = nextMarker
    }
}

/// The listing algorithm shared by every metadata driver: groups keys under the delimiter
/// into common prefixes and skips each group in one seek, so a page costs O(entries shown)
/// scans rather than O(keys under the prefix).
public enum ObjectListing {
    /// Scans keys in byte order: entries whose key starts with `prefix` and sorts strictly
    /// after `after` (raw UTF-8 bytes, possibly not valid UTF-8), at most `limit` of them.
    public typealias Scan =
        @Sendable (_ prefix: [UInt8], _ after: [UInt8]?, _ limit: Int) async throws -> [ObjectSummary]

    /// Produces one page for `query` using `scan`.
    public static func page(_ query: ObjectListQuery, scan: Scan) async throws -> ObjectListPage {
        let prefix = Array(query.prefix.utf8)
        let delimiter = query.delimiter.map { Array($0.utf8) }
        let marker = query.marker.map { Array($0.utf8) }
        var after: [UInt8]? = marker
        if let m = marker, m.lexicographicallyPrecedes(prefix) { after = nil }
        var objects: [ObjectSummary] = []
        var prefixes: [String] = []
        var lastReturned: String?
        let wanted = max(query.maxKeys, 0)
        var truncated = false

        scanning: while true {
            let batch = try await scan(prefix, after, min(wanted - objects.count - prefixes.count + 1, 1000))
            if batch.isEmpty { break }
            for entry in batch {
                let keyBytes = Array(entry.key.utf8)
                if let delimiter, let group = commonPrefix(of: keyBytes, prefix: prefix, delimiter: delimiter) {
                    var next = group
                    next.append(0xFF)
                    after = next
                    if let marker, !marker.lexicographicallyPrecedes(group) { continue scanning }
                    if objects.count + prefixes.count == wanted {
                        truncated = true
                        break scanning
                    }
                    let text = String(decoding: group, as: UTF8.self)
                    prefixes.append(text)
                    lastReturned = text
                    continue scanning
                }
                if objects.count + prefixes.count == wanted {
                    truncated = true
                    break scanning
                }
                objects.append(entry)
                lastReturned = entry.key
                after = keyBytes
            }
        }
        return ObjectListPage(
            objects: objects, commonPrefixes: prefixes, isTruncated: truncated,
            nextMarker: truncated ? lastReturned : nil)
    }

    /// The common prefix `key` belongs to: `prefix` plus everything up to and including the
    /// first `delimiter` after it, or nil when the key has no delimiter after the prefix.
    public static func commonPrefix(of key: [UInt8], prefix: [UInt8], delimiter: [UInt8]) -> [UInt8]? {
        guard !delimiter.isEmpty, key.count >= prefix.count + delimiter.count else { return nil }
        var i = prefix.count
        while i + delimiter.count <= key.count {
            if key[i] == delimiter[0] && key[i..<(i + delimiter.count)].elementsEqual(delimiter) {
                return Array(key[0..<(i + delimiter.count)])
            }
            i += 1
        }
        return nil
    }
}
