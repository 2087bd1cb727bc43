import Glibc
import NIOCore
import Synchronization

/// One connection's file ranges waiting to be sent with `sendfile(2)`.
///
/// A response body cannot carry a file through Hummingbird's writer, which takes byte
/// buffers only, so the body registers the file here and writes a 24-byte *marker* in its
/// place: a per-process random 128-bit prefix and a token. ``SendFileHandler`` (below the
/// HTTP codec of the same connection) swaps the marker for a `FileRegion`. A marker is
/// recognised only if its token is registered on this connection, so object bytes cannot
/// be mistaken for one.
///
/// Ownership: a registered file belongs to this registry until ``claim(_:)`` hands it to
/// the handler (which closes it once written or failed); ``closeAll()``, called when the
/// connection's handler is removed, closes every file still unclaimed, including those
/// whose markers were dropped unsent by a closing connection.
final class SendFileTickets: Sendable {
    /// A file range handed to the handler.
    struct Claimed {
        let handle: NIOFileHandle
        let region: FileRegion
    }

    private struct Entry {
        let descriptor: CInt
        let range: Range<Int64>
    }

    private struct State {
        var next: UInt64 = 0
        var entries: [UInt64: Entry] = [:]
        var closed = false
    }

    static let markerLength = 24
    private static let prefix: (UInt64, UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next())
    }()

    private let state = Mutex(State())

    /// The marker to write for `range` of the open file `descriptor`, whose ownership
    /// passes to the registry. Returns nil, having closed the descriptor, when the
    /// connection is gone.
    func register(descriptor: CInt, range: Range<Int64>) -> ByteBuffer? {
        let token: UInt64? = state.withLock { state in
            guard !state.closed else { return nil }
            state.next &+= 1
            state.entries[state.next] = Entry(descriptor: descriptor, range: range)
            return state.next
        }
        guard let token else {
            _ = Glibc.close(descriptor)
            return nil
        }
        var marker = ByteBuffer()
        marker.reserveCapacity(Self.markerLength)
        marker.writeInteger(Self.prefix.0)
        marker.writeInteger(Self.prefix.1)
        marker.writeInteger(token)
        return marker
    }

    /// The file range `buffer` stands for, if it is a marker registered here; the caller
    /// then owns the handle. Nil for every other buffer.
    func claim(_ buffer: ByteBuffer) -> Claimed? {
        guard buffer.readableBytes == Self.markerLength,
            buffer.getInteger(at: buffer.readerIndex, as: UInt64.self) == Self.prefix.0,
            buffer.getInteger(at: buffer.readerIndex + 8, as: UInt64.self) == Self.prefix.1,
            let token = buffer.getInteger(at: buffer.readerIndex + 16, as: UInt64.self),
            let entry = state.withLock({ $0.entries.removeValue(forKey: token) })
        else { return nil }
        let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: entry.descriptor)
        let region = FileRegion(
            fileHandle: handle, readerIndex: Int(entry.range.lowerBound), endIndex: Int(entry.range.upperBound))
        return Claimed(handle: handle, region: region)
    }

    /// Closes every unclaimed file and refuses later registrations.
    func closeAll() {
        let left = state.withLock { state in
            state.closed = true
            defer { state.entries = [:] }
            return Array(state.entries.values)
        }
        for entry in left { _ = Glibc.close(entry.descriptor) }
    }
}
