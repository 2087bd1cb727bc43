import Foundation
import OSSModel
import Testing

/// ListMultipartUploads paging: every upload exactly once, page after page, when one key
/// holds many uploads whose ids do not sort in initiation order.
@Suite("Upload listing pages")
struct UploadListingTests {
    static func upload(_ key: String, id: String, at seconds: Double) throws -> MultipartUpload {
        MultipartUpload(
            id: id, bucket: "bkt", key: key, initiated: Date(timeIntervalSince1970: seconds),
            metadata: try ObjectMetadata(contentType: "application/octet-stream"), acl: .default,
            storageClass: .standard, tags: try ObjectTags([]), forbidOverwrite: false, ownerID: "owner")
    }

    /// Pages through `uploads` with `size` per page; returns the ids in listed order.
    static func listAll(_ uploads: [MultipartUpload], size: Int) -> [String] {
        var ids: [String] = []
        var query = UploadListQuery(maxUploads: size)
        for _ in 0..<1000 {
            let page = UploadListing.page(query, uploads: uploads)
            ids += page.uploads.map(\.id)
            guard page.isTruncated else { break }
            query = UploadListQuery(
                keyMarker: page.nextKeyMarker, uploadIDMarker: page.nextUploadIDMarker, maxUploads: size)
        }
        return ids
    }

    @Test func pagesWithinOneKeyNeitherSkipNorRepeat() throws {
        var generator = SystemRandomNumberGenerator()
        var uploads: [MultipartUpload] = []
        for index in 0..<90 {
            let id = String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 16)
            uploads.append(try Self.upload("key-\(index % 3)", id: id, at: Double(index)))
        }
        uploads.sort(by: UploadListing.precedes)
        for size in [1, 7, 10, 29, 100] {
            #expect(Self.listAll(uploads, size: size) == uploads.map(\.id), "page size \(size)")
        }
    }

    @Test func aGoneMarkerUploadResumesAfterItsID() throws {
        let uploads = try [
            Self.upload("k", id: "b", at: 1), Self.upload("k", id: "d", at: 2), Self.upload("k", id: "a", at: 3),
        ]
        let page = UploadListing.page(UploadListQuery(keyMarker: "k", uploadIDMarker: "c"), uploads: uploads)
        #expect(page.uploads.map(\.id) == ["d"])
    }
}
