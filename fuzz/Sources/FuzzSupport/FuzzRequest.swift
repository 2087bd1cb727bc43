import Foundation
import OSSWire

/// A request to sign or check, read from fuzz input in a line format the seed corpora use:
///
/// ```
/// <now, unix seconds>          the server clock (1795803356 when not a number)
/// <method>
/// <bucket>                     empty: none (service request)
/// <key>                        empty: none (bucket request)
/// <raw query>                  as sent after `?`, not decoded
/// <name>:<value>               one header per remaining line
/// ```
///
/// Missing lines count as empty. Bytes are UTF-8 with invalid sequences repaired, as they
/// are once the HTTP layer has turned them into strings, and what that layer never lets
/// through is dropped: headers whose name is not an HTTP token or whose value holds a
/// control character other than tab, and control bytes, spaces and DEL in the query.
public struct FuzzRequest {
    /// The secret every seed was signed with (the SDK vectors' secret).
    public static let secret = "VectorSecret/Key+42=="
    /// The access key id of the seeds.
    public static let accessKeyId = "LTAI5tVectorKeyId"
    /// The clock of the SDK vectors.
    public static let defaultNow = 1_795_803_356

    /// The server clock the request is checked at.
    public var now: Date
    /// The request as the signature code sees it.
    public var request: SigningRequest

    /// Reads `bytes` in the format above; never fails.
    public init(_ bytes: [UInt8]) {
        let lines = FuzzBytes.lines(bytes)
        func line(_ index: Int) -> String { index < lines.count ? lines[index] : "" }
        let seconds = Int(line(0)).flatMap { abs($0) < 1 << 40 ? $0 : nil } ?? Self.defaultNow
        now = Date(timeIntervalSince1970: TimeInterval(seconds))
        var headers: [(name: String, value: String)] = []
        for text in lines.dropFirst(5) {
            let colon = text.firstIndex(of: ":") ?? text.endIndex
            let name = String(text[..<colon])
            let value = colon == text.endIndex ? "" : String(text[text.index(after: colon)...])
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte),
                value.utf8.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) })
            else { continue }
            headers.append((name, value))
        }
        let query = String(decoding: line(4).utf8.filter { $0 > 0x20 && $0 != 0x7F }, as: UTF8.self)
        request = SigningRequest(
            method: line(1), bucket: line(2).isEmpty ? nil : line(2), key: line(3).isEmpty ? nil : line(3),
            rawQuery: query, headers: headers)
    }

    /// Whether `byte` may appear in an HTTP field name (RFC 9110 `tchar`).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// The request without any `Authorization` header and without the query items that
    /// carry a presigned signature, so that signing it afresh gives a request whose only
    /// signature is the new one.
    public var unsigned: SigningRequest {
        var copy = request
        copy.headers.removeAll { $0.name.lowercased() == "authorization" }
        let signatureItems: Set<String> = [
            "OSSAccessKeyId", "Expires", "Signature", "security-token", "x-oss-signature-version",
            "x-oss-signature", "x-oss-credential", "x-oss-date", "x-oss-expires", "x-oss-access-key-id",
            "x-oss-additional-headers", "x-oss-security-token",
        ]
        let kept = RawQuery(request.rawQuery).items.filter { !signatureItems.contains($0.name) }
        copy.rawQuery = kept.map { item in item.rawValue.map { item.rawName + "=" + $0 } ?? item.rawName }
            .joined(separator: "&")
        return copy
    }
}
