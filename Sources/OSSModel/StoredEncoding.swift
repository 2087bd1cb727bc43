import Foundation

/// How metadata drivers store the list-valued fields of a record in one text column, so
/// every driver (and `ossd migrate` between them) reads what another wrote.
public enum StoredEncoding {
    /// User metadata or tags as a JSON array of `[name, value]` pairs, in order; nil when empty.
    public static func encodePairs(_ pairs: [(String, String)]) -> String? {
        if pairs.isEmpty { return nil }
        guard let data = try? JSONSerialization.data(withJSONObject: pairs.map { [$0.0, $0.1] }) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The pairs of ``encodePairs(_:)``; malformed text decodes to none.
    public static func decodePairs(_ text: String?) -> [(String, String)] {
        guard let text, !text.isEmpty,
            let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String]]
        else { return [] }
        return array.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
    }

    /// Segments as `id:size,id:size`.
    public static func encodeSegments(_ segments: [BlobSegment]) -> String {
        segments.map { "\($0.id):\($0.size)" }.joined(separator: ",")
    }

    public static func decodeSegments(_ text: String) -> [BlobSegment] {
        text.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ":")
            guard parts.count == 2, let size = Int64(parts[1]) else { return nil }
            return BlobSegment(id: String(parts[0]), size: size)
        }
    }

    /// The blobs a stored row refers to, from its `segments` and `blob_id` columns (segments
    /// win, as when the body is decoded).
    public static func blobIDs(segments: String?, blob: String?) -> [String] {
        if let segments { return decodeSegments(segments).map(\.id) }
        return blob.map { [$0] } ?? []
    }
}
