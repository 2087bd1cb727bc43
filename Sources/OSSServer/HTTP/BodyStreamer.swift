import Glibc
import Hummingbird
import NIOCore
import OSSModel
import OSSStorage
import _NIOFileSystem

/// Sends a byte range of an object's data from its blob(s) with `sendfile(2)` (see
/// ``SendFileHandler``): no bytes pass through memory, so memory stays flat whatever the
/// object size and however slowly the client reads.
enum BodyStreamer {
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
    /// returns a body that sends every piece through `tickets`, the connection's
    /// ``SendFileHandler`` registry. A later piece vanishing mid-response ends the
    /// connection early; the client's length and CRC checks then reject the download.
    /// The first file is closed even if the body never runs (the client left first).
    static func body(_ pieces: [Piece], length: Int64, tickets: SendFileTickets) async throws -> ResponseBody {
        guard let first = pieces.first else { return ResponseBody() }
        let firstHandle = PendingReadHandle(
            try await FileSystem.shared.openFile(forReadingAt: FilePath(first.path)))
        return ResponseBody(contentLength: Int(length)) { writer in
            for (index, piece) in pieces.enumerated() {
                let file: ReadFileHandle
                if index == 0, let opened = firstHandle.take() {
                    file = opened
                } else {
                    file = try await FileSystem.shared.openFile(forReadingAt: FilePath(piece.path))
                }
                try await writer.write(try marker(for: piece, of: file, tickets: tickets))
            }
            try await writer.finish(nil)
        }
    }

    /// Hands `file`'s descriptor to `tickets` and returns the marker that stands for the
    /// piece. A file shorter than recorded is refused here: `sendfile` would wait forever
    /// for bytes that are not there.
    private static func marker(for piece: Piece, of file: ReadFileHandle, tickets: SendFileTickets) throws -> ByteBuffer {
        let descriptor = try file.detachUnsafeFileDescriptor().rawValue
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int64(status.st_size) >= piece.range.upperBound else {
            _ = Glibc.close(descriptor)
            throw OSSError.internalError
        }
        guard let marker = tickets.register(descriptor: descriptor, range: piece.range) else {
            throw CancellationError()  // the connection is gone
        }
        return marker
    }
}
