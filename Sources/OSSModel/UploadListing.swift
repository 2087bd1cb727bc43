/// ListMultipartUploads paging over the uploads a driver returns in order: markers,
/// delimiter grouping and truncation, shared by every driver.
public enum UploadListing {
    /// The order uploads are listed in: key bytes, then initiation time, then id.
    public static func precedes(_ a: MultipartUpload, _ b: MultipartUpload) -> Bool {
        if !a.key.hasSameBytes(as: b.key) { return a.key.utf8.lexicographicallyPrecedes(b.key.utf8) }
        if a.initiated != b.initiated { return a.initiated < b.initiated }
        return a.id < b.id
    }

    /// One page of `uploads` (already filtered by prefix and sorted with ``precedes``).
    ///
    /// Uploads of the marker key resume after the marker upload's place in that order
    /// (initiation time, then id), so pages neither skip nor repeat uploads of one key. If
    /// the marker upload is gone (completed or aborted since), those with a greater id
    /// follow, as OSS documents.
    public static func page(_ query: UploadListQuery, uploads: [MultipartUpload]) -> UploadListPage {
        let prefix = Array(query.prefix.utf8)
        let markerPresent =
            query.keyMarker.map { marker in
                uploads.contains { $0.key.hasSameBytes(as: marker) && $0.id == query.uploadIDMarker }
            } ?? false
        var passedMarker = false
        let delimiter = query.delimiter.map { Array($0.utf8) }
        var shown: [MultipartUpload] = []
        var prefixes: [String] = []
        var truncated = false
        var lastKey: String?
        var lastUploadID: String?
        for upload in uploads {
            let key = Array(upload.key.utf8)
            if let marker = query.keyMarker {
                let markerBytes = Array(marker.utf8)
                if key.lexicographicallyPrecedes(markerBytes) { continue }
                if key == markerBytes {
                    guard let idMarker = query.uploadIDMarker else { continue }
                    if markerPresent {
                        if !passedMarker {
                            passedMarker = upload.id == idMarker
                            continue
                        }
                    } else if upload.id <= idMarker {
                        continue
                    }
                }
            }
            if let delimiter, let group = ObjectListing.commonPrefix(of: key, prefix: prefix, delimiter: delimiter) {
                let text = String(decoding: group, as: UTF8.self)
                if let last = prefixes.last, last.hasSameBytes(as: text) { continue }
                if let marker = query.keyMarker, !Array(marker.utf8).lexicographicallyPrecedes(group) { continue }
                if shown.count + prefixes.count == query.maxUploads {
                    truncated = true
                    break
                }
                prefixes.append(text)
                lastKey = text
                lastUploadID = nil
                continue
            }
            if shown.count + prefixes.count == query.maxUploads {
                truncated = true
                break
            }
            shown.append(upload)
            lastKey = upload.key
            lastUploadID = upload.id
        }
        return UploadListPage(
            uploads: shown, commonPrefixes: prefixes, isTruncated: truncated,
            nextKeyMarker: truncated ? lastKey : nil, nextUploadIDMarker: truncated ? lastUploadID : nil)
    }
}
