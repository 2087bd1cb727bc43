import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OSSModel
import OSSStorage
import OSSWire
import _NIOFileSystem

extension OSSResponder {
    /// What a GET or HEAD answers, given what the metadata lookup found.
    enum ReadAnswer {
        /// A response with its body in memory: inline and empty objects, HEAD, 304.
        case buffered(Response)
        /// The bytes `range` of `data`'s blobs, streamed after `status` and `headers`.
        case stream(status: HTTPResponse.Status, headers: HTTPFields, data: ObjectRecord, range: Range<Int64>)
    }

    /// GetObject and HeadObject, following a symlink one hop.
    func getObject(_ call: OSSCall) async throws -> Response {
        let key = try call.objectKey()
        // A concurrent overwrite may release the blob between the metadata read and the
        // open; the new record is then read again.
        for attempt in 0..<4 {
            let found = try await objects.metadata.lookup(bucket: call.bucket, key: key.value, followLink: true)
            switch try readAnswer(call, found, key: key) {
            case .buffered(let response):
                return response
            case .stream(let status, let headers, let data, let range):
                let pieces = BodyStreamer.pieces(of: data.body, size: data.size, range: range, blobs: objects.blobs)
                guard let channel = call.channel, let tickets = await SendFileHandler.tickets(on: channel) else {
                    throw CancellationError()  // the connection is gone
                }
                do {
                    let body = try await BodyStreamer.body(pieces, length: Int64(range.count), tickets: tickets)
                    return Response(status: status, headers: headers, body: body)
                } catch let error as FileSystemError where error.code == .notFound && attempt < 3 {
                    continue
                }
            }
        }
        throw OSSError.internalError
    }

    /// The answer of a GET or HEAD of `key` from what ``MetadataStore/lookup(bucket:key:followLink:)``
    /// found: authorization (link and target), archive state, conditions, range, headers.
    /// Throws the OSS error the request gets.
    func readAnswer(_ call: OSSCall, _ found: PathLookup, key: ObjectKey) throws(OSSError) -> ReadAnswer {
        guard let bucket = found.bucket else { throw OSSError.noSuchBucket(call.bucket) }
        let overrides = try Self.responseOverrides(call)
        let isHead = call.method == "HEAD"
        let (link, data) = try authorizeRead(call, found, bucket: bucket, key: key.value)
        let now = objects.configuration.now()
        if !isHead, !data.isReadable(at: now) { throw OSSError.invalidObjectState }
        let view = ObjectView(link: link, data: data, now: now)
        if let notModified = try Self.evaluateConditions(call, view: view) { return .buffered(notModified) }
        let range = ByteRange.resolve(
            call.header("range"), size: data.size,
            standard: call.header("x-oss-range-behavior")?.lowercased() == "standard")
        var headers = view.headers()
        var status = HTTPResponse.Status.ok
        var first: Int64 = 0
        var length = data.size
        switch range {
        case .whole: break
        case .unsatisfiable:
            throw OSSError.invalidRange.withHeader("Content-Range", "bytes */\(data.size)")
        case .partial(let lo, let hi):
            status = .partialContent
            first = lo
            length = hi - lo + 1
            ResponseBuilder.add(&headers, "Content-Range", "bytes \(lo)-\(hi)/\(data.size)")
        }
        for (name, value) in overrides { headers[name] = value }
        headers[.contentLength] = String(length)
        if isHead { return .buffered(Response(status: status, headers: headers, body: ResponseBody())) }
        switch data.body {
        case .empty:
            return .buffered(Response(status: status, headers: headers, body: ResponseBody()))
        case .inline(let bytes):
            let slice = bytes[Int(first)..<Int(first + length)]
            return .buffered(
                Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: slice))))
        case .blob, .segments:
            return .stream(status: status, headers: headers, data: data, range: first..<(first + length))
        }
    }

    /// The object a read of `key` returns, given what ``MetadataStore/lookup(bucket:key:followLink:)``
    /// found: for a link, its target. Authorizes the caller against the link and then the
    /// target (both must allow). Throws `NoSuchKey`, `SymlinkTargetNotExist`, `InvalidTargetType`.
    func authorizeRead(
        _ call: OSSCall, _ found: PathLookup, bucket: BucketRecord, key: String, action: String = "oss:GetObject"
    ) throws(OSSError) -> (link: ObjectRecord?, data: ObjectRecord) {
        guard let record = found.object else {
            try authorize(call, .objectRead, bucket: bucket, key: key, action: action)
            throw OSSError.noSuchKey(key)
        }
        try authorize(
            call, .objectRead, bucket: bucket, key: key, objectACL: record.acl, action: action, existing: record)
        guard record.kind == .symlink else { return (nil, record) }
        let target = try SymlinkService.readableTarget(found.target)
        try authorize(
            call, .objectRead, bucket: bucket, key: target.key, objectACL: target.acl, action: action, existing: target)
        return (record, target)
    }

    /// `response-*` query overrides; anonymous callers may not use them.
    static func responseOverrides(_ call: OSSCall) throws(OSSError) -> [(HTTPField.Name, String)] {
        let names: [(String, HTTPField.Name)] = [
            ("response-content-type", .contentType), ("response-content-language", .contentLanguage),
            ("response-expires", .expires), ("response-cache-control", .cacheControl),
            ("response-content-disposition", .contentDisposition),
            ("response-content-encoding", .contentEncoding),
        ]
        var result: [(HTTPField.Name, String)] = []
        for (param, field) in names {
            if let value = call.query[param] { result.append((field, value)) }
        }
        if !result.isEmpty, call.principal == .anonymous {
            throw OSSError.invalidRequest(
                "Request specific response headers cannot be used for anonymous GET requests.")
        }
        return result
    }

    /// Applies If-Match / If-Unmodified-Since (412) and If-None-Match / If-Modified-Since
    /// (304) to the merged ETag and Last-Modified. Returns the 304 response, or nil to go on.
    static func evaluateConditions(_ call: OSSCall, view: ObjectView) throws(OSSError) -> Response? {
        let etag = view.etag
        let modified = floor(view.lastModified.timeIntervalSince1970)
        if let ifMatch = call.header("if-match"), !ETagMatch.matches(ifMatch, etag) {
            throw OSSError.preconditionFailed
        }
        if let raw = call.header("if-unmodified-since"), let date = HTTPDate.parse(raw),
            modified > date.timeIntervalSince1970
        {
            throw OSSError.preconditionFailed
        }
        var notModified = false
        if let ifNoneMatch = call.header("if-none-match") {
            notModified = ETagMatch.matches(ifNoneMatch, etag)
        } else if let raw = call.header("if-modified-since"), let date = HTTPDate.parse(raw),
            modified <= date.timeIntervalSince1970
        {
            notModified = true
        }
        guard notModified else { return nil }
        var headers = HTTPFields()
        ResponseBuilder.add(&headers, "ETag", "\"\(etag)\"")
        ResponseBuilder.add(&headers, "Last-Modified", HTTPDate.format(view.lastModified))
        headers[.contentLength] = "0"
        return Response(status: .notModified, headers: headers, body: ResponseBody())
    }
}

/// ETag comparison as OSS does it: quotes stripped, case-insensitive, `*` matches all.
enum ETagMatch {
    static func matches(_ header: String, _ etag: String) -> Bool {
        for candidate in header.split(separator: ",") {
            var value = candidate.trimmingCharacters(in: .whitespaces)
            if value == "*" { return true }
            if value.hasPrefix("W/") { value.removeFirst(2) }
            value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if value.caseInsensitiveCompare(etag) == .orderedSame { return true }
        }
        return false
    }
}
