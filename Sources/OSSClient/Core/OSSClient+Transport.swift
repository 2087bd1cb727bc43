import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OSSWire

extension OSSClient {
    /// Signs and sends `request`, retrying 5xx answers and connection failures with
    /// exponential back-off (0.2 s doubling, at most 5 s), then lets `readBody` consume a
    /// 2xx body.
    func perform(
        _ request: OSSRequest, readBody: (HTTPClientResponse) async throws -> [UInt8]
    ) async throws -> OSSResponse {
        let attempts = request.body.isReplayable ? configuration.retryTimes + 1 : 1
        var attempt = 0
        while true {
            attempt += 1
            let response: HTTPClientResponse
            do {
                response = try await http.execute(try makeHTTPRequest(request), deadline: .distantFuture)
            } catch let error as OSSClientError {
                throw error
            } catch {
                if attempt < attempts, Self.isRetryable(error) {
                    try await backOff(attempt)
                    continue
                }
                throw transportError(request, error, attempts: attempt)
            }
            let status = Int(response.status.code)
            let headers = response.headers.map { (name: $0.name, value: $0.value) }
            if (200..<300).contains(status) {
                let body = try await readBody(response)
                return OSSResponse(statusCode: status, headers: headers, body: body)
            }
            var errorBody: [UInt8] = []
            for try await chunk in response.body where errorBody.count < 1 << 20 {
                errorBody += chunk.readableBytesView
            }
            if status >= 500, attempt < attempts {
                try await backOff(attempt)
                continue
            }
            throw serviceError(request, status: status, headers: headers, body: errorBody)
        }
    }

    private func backOff(_ attempt: Int) async throws {
        let seconds = min(0.2 * pow(2, Double(attempt - 1)), 5)
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }

    func makeHTTPRequest(_ request: OSSRequest) throws -> HTTPClientRequest {
        var http = HTTPClientRequest(url: url(for: request))
        http.method = HTTPMethod(rawValue: request.method)
        var headers = request.headers
        headers.append(("User-Agent", configuration.userAgent))
        let length = try request.body.knownLength()
        if let credentials = configuration.credentials {
            let signing = SigningRequest(
                method: request.method, bucket: request.bucket, key: request.key, rawQuery: request.rawQuery,
                headers: headers)
            switch configuration.signatureVersion {
            case .v1, .v2:
                headers += RequestSigner.signV1(
                    signing, accessKeyId: credentials.accessKeyId, secret: credentials.accessKeySecret,
                    date: Date(), securityToken: credentials.securityToken)
            case .v4:
                headers += RequestSigner.signV4(
                    signing, accessKeyId: credentials.accessKeyId, secret: credentials.accessKeySecret,
                    region: configuration.region ?? "", date: Date(), securityToken: credentials.securityToken)
            }
        }
        for header in headers { http.headers.add(name: header.name, value: header.value) }
        http.body = try makeBody(request.body, length: length, progress: request.progress)
        return http
    }

    private func makeBody(
        _ body: OSSRequestBody, length: Int64?, progress: (@Sendable (Int64) -> Void)?
    ) throws -> HTTPClientRequest.Body? {
        switch body {
        case .empty:
            return nil
        case .bytes(let bytes):
            return .bytes(ByteBuffer(bytes: bytes))
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw OSSClientError.invalidArgument("open \(path): no such file or directory")
            }
            return .stream(FileChunks(handle: handle, progress: progress), length: .known(length ?? 0))
        case .fileRange(let path, let offset, let count):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw OSSClientError.invalidArgument("open \(path): no such file or directory")
            }
            try handle.seek(toOffset: UInt64(offset))
            return .stream(FileChunks(handle: handle, progress: progress, limit: count), length: .known(count))
        case .standardInput:
            return .stream(FileChunks(handle: .standardInput, progress: progress), length: .unknown)
        }
    }

    static func isRetryable(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError {
            return [.connectTimeout, .readTimeout, .remoteConnectionClosed].contains(error)
        }
        return true
    }

    func transportError(_ request: OSSRequest, _ error: any Error, attempts: Int) -> OSSClientError {
        var reason = String(describing: error)
        if reason.lowercased().contains("refused") {
            reason = "connect: connection refused"
        } else if let error = error as? HTTPClientError {
            if error == .connectTimeout { reason = "connect: i/o timeout (connect timeout)" }
            if error == .readTimeout { reason = "read: i/o timeout (read timeout)" }
        }
        let method = request.method.prefix(1) + request.method.dropFirst().lowercased()
        var text = "operation error \(request.operation): "
        if attempts > 1 { text += "exceeded maximum number of attempts, \(attempts), " }
        text += "request error: \(method) \"\(url(for: request))\": \(reason)"
        return OSSClientError(kind: .transport, message: text)
    }
}

/// A file read in 256 KiB chunks as an async sequence of buffers (request bodies), up to
/// `limit` bytes from the handle's current offset when a limit is given.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let handle: FileHandle
    let progress: (@Sendable (Int64) -> Void)?
    var limit: Int64? = nil

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle
        let progress: (@Sendable (Int64) -> Void)?
        let limit: Int64?
        var total: Int64 = 0

        mutating func next() async throws -> ByteBuffer? {
            var wanted = 256 * 1024
            if let limit { wanted = Int(Swift.min(Int64(wanted), limit - total)) }
            guard wanted > 0, let data = try handle.read(upToCount: wanted), !data.isEmpty else {
                if limit != nil { try? handle.close() }
                return nil
            }
            total += Int64(data.count)
            progress?(total)
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(handle: handle, progress: progress, limit: limit) }
}
