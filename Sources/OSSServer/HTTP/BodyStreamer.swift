import Hummingbird
import NIOCore
import OSSModel
import OSSStorage
import _NIOFileSystem

/// Streams a byte range of an object's data from its blob(s), 256 KiB at a time, so
/// memory stays flat whatever the object size.
enum BodyStreamer {
    /// Bytes read from a file and written per step.
    static let chunkLength = 256 * 1024

    /// A file and the byte range of it to send.
    struct Piece: Sendable {
        let path: String
        let range: Range<Int64>
    }

    /// The files (with local ranges) holding bytes `range` of `body`.
    static func pieces(of body: ObjectBody, size: Int64, range: Range<Int64>, blobs: any BlobStore) -> [Piece] {
        let segments: [BlobSegment]
        switch body {
        case .empty, .inline: return []
        case .blob(let id): segments = [BlobSegment(id: id, size: size)]
        case .segments(let list): segments = list
        }
        var pieces: [Piece] = []
        var offset: Int64 = 0
        for segment in segments {
            let lower = max(range.lowerBound, offset)
            let upper = min(range.upperBound, offset + segment.size)
            if lower < upper {
                pieces.append(Piece(path: blobs.path(for: segment.id), range: (lower - offset)..<(upper - offset)))
            }
            offset += segment.size
        }
        return pieces
    }

    /// Opens the first piece now (so a blob released by a concurrent overwrite is noticed
    /// before any header is sent: the caller re-reads the metadata on `notFound`) and
    /// returns a body that streams every piece. A later piece vanishing mid-response ends
    /// the connection early; the client's length and CRC checks then reject the download.
    /// The first file is closed even if the body never runs (the client left first). One
    /// chunk is read at a time, written, then the next: a client that reads slowly holds at
    /// most one chunk of memory, not a read-ahead queue.
    static func body(_ pieces: [Piece], length: Int64) async throws -> ResponseBody {
        guard let first = pieces.first else { return ResponseBody() }
        let firstHandle = PendingReadHandle(
            try await FileSystem.shared.openFile(forReadingAt: FilePath(first.path)))
        return ResponseBody(contentLength: Int(length)) { writer in
            var handle: ReadFileHandle? = firstHandle.take()
            do {
                for (index, piece) in pieces.enumerated() {
                    let current: ReadFileHandle
                    if index == 0, let opened = handle {
                        current = opened
                    } else {
                        current = try await FileSystem.shared.openFile(forReadingAt: FilePath(piece.path))
                    }
                    handle = current
                    var offset = piece.range.lowerBound
                    while offset < piece.range.upperBound {
                        let length = min(Int64(chunkLength), piece.range.upperBound - offset)
                        let chunk = try await current.readChunk(fromAbsoluteOffset: offset, length: .bytes(length))
                        guard chunk.readableBytes > 0 else { throw OSSError.internalError }  // the file is shorter than recorded
                        offset += Int64(chunk.readableBytes)
                        try await writer.write(chunk)
                    }
                    try await current.close()
                    handle = nil
                }
            } catch {
                try? await handle?.close()
                throw error
            }
            try await writer.finish(nil)
        }
    }
}
