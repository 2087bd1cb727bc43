import Crypto
import Foundation
import OSSModel

extension OSSRequestBody {
    /// The CRC-64 (and, when asked, the MD5) of a body, read in 1 MiB chunks so a part never
    /// sits in memory whole; `nil` for standard input, which cannot be read twice.
    ///
    /// This is a pass over the data before it is sent: it costs a second read of each part
    /// (normally from the page cache) and buys a checksum that does not depend on which
    /// retry attempt's bytes reached the server.
    ///
    /// - Throws: ``OSSClientError`` (`invalidArgument`) when the file cannot be opened.
    func digest(md5 wanted: Bool) throws(OSSClientError) -> (crc64: UInt64, md5: [UInt8]?, length: Int64)? {
        var crc = CRC64()
        var md5 = Insecure.MD5()
        switch self {
        case .empty:
            return (0, wanted ? Array(md5.finalize()) : nil, 0)
        case .bytes(let bytes):
            crc.update(bytes)
            if wanted { md5.update(data: bytes) }
            return (crc.value, wanted ? Array(md5.finalize()) : nil, Int64(bytes.count))
        case .standardInput:
            return nil
        case .file(let path), .fileRange(let path, _, _):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw OSSClientError.invalidArgument("open \(path): no such file or directory")
            }
            defer { try? handle.close() }
            var remaining = Int64.max
            if case .fileRange(_, let offset, let length) = self {
                remaining = length
                do { try handle.seek(toOffset: UInt64(offset)) } catch {
                    throw OSSClientError.invalidArgument("seek \(path): \(error)")
                }
            }
            var total: Int64 = 0
            while remaining > 0 {
                let data: Data?
                do { data = try handle.read(upToCount: Int(min(remaining, 1 << 20))) } catch {
                    throw OSSClientError.invalidArgument("read \(path): \(error)")
                }
                guard let data, !data.isEmpty else { break }
                crc.update(data)
                if wanted { md5.update(data: data) }
                remaining -= Int64(data.count)
                total += Int64(data.count)
            }
            return (crc.value, wanted ? Array(md5.finalize()) : nil, total)
        }
    }
}
